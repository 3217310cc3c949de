using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Clusters;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.ReadModels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Organisation.Features;

internal static class AssignUnitToCluster
{
    public sealed record Request(Guid? UnitId, DateOnly? EffectiveDate, Decision? Decision, string? Reason, long? Version);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/clusters/{id:guid}/members", (Guid id, Request request, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
        {
            var unitId = request.UnitId ?? throw Text.Invalid("unitId", "Thiếu đơn vị.");
            var decision = Text.Decision(request.Decision);
            var effective = Text.EffectiveDate(request.EffectiveDate);
            return ClusterWrites.ChangeAsync(http, store, access, id, request.Version, decision, request.Reason, async cluster =>
            {
                var unit = await UnitWrites.LoadAsync(store, unitId, ct).ConfigureAwait(false);
                if (unit is not { IsActive: true })
                    throw new DomainRuleException("Đơn vị không tồn tại hoặc đã ngừng hoạt động.");
                var chain = await UnitWrites.ScopeChainAsync(store, unitId, effective, ct).ConfigureAwait(false);
                if (!chain.Skip(1).Contains(cluster.IssuingUnitId))
                    throw new DomainRuleException($"{unit.Name} không trực thuộc đơn vị ban hành cụm thi đua.");
                var current = await ClusterMembership.CurrentClusterAsync(store.DataSource, cluster.IssuingUnitId, cluster.Year, unitId, ct).ConfigureAwait(false);
                return ClusterDecisions.Assign(cluster, unitId, unit.Name, current, effective, decision);
            }, ct);
        });

        group.MapPost("/clusters/{id:guid}/members/{unitId:guid}/remove", (Guid id, Guid unitId, DecisionRequest request, HttpContext http, IDocumentStore store,
            IUnitAccess access, CancellationToken ct) =>
        {
            var decision = Text.Decision(request.Decision);
            var effective = Text.EffectiveDate(request.EffectiveDate);
            return ClusterWrites.ChangeAsync(http, store, access, id, request.Version, decision, request.Reason,
                cluster => Task.FromResult<object>(ClusterDecisions.Remove(cluster, unitId, effective, decision)), ct);
        });
    }
}
