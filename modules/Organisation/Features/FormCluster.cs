using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Clusters;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.ReadModels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Organisation.Features;

internal static class FormCluster
{
    public sealed record Request(Guid? IssuingUnitId, int? Year, string? Name, DateOnly? EffectiveDate, Decision? Decision, string? Reason);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/clusters", async (Request request, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
        {
            var issuing = request.IssuingUnitId ?? throw Text.Invalid("issuingUnitId", "Thiếu đơn vị ban hành.");
            await access.EnsureAsync(http.User, issuing, UnitPermission.Manage, ct).ConfigureAwait(false);
            var decision = Text.Decision(request.Decision);
            var formed = ClusterDecisions.Form(Guid.CreateVersion7(), issuing, request.Year ?? throw Text.Invalid("year", "Thiếu năm."),
                request.Name ?? "", Text.EffectiveDate(request.EffectiveDate), decision);
            if (await UnitWrites.LoadAsync(store, issuing, ct).ConfigureAwait(false) is not { IsActive: true })
                throw new DomainRuleException("Đơn vị ban hành không tồn tại hoặc đã ngừng hoạt động.");
            await using var session = store.LightweightSession(http.User.ToActor());
            session.Decision = decision.NumberSymbol;
            session.Events.StartStream<EmulationCluster>(formed.ClusterId, formed);
            await session.SaveChangesAsync(ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/organisation/clusters/{formed.ClusterId}", new WriteResult(formed.ClusterId, 1));
        });

        group.MapGet("/clusters", async (Guid issuingUnitId, int year, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
        {
            await access.EnsureAsync(http.User, issuingUnitId, UnitPermission.Read, ct).ConfigureAwait(false);
            return TypedResults.Ok(await ClusterMembership.ForYearAsync(store.DataSource, issuingUnitId, year, ct).ConfigureAwait(false));
        });
    }
}
