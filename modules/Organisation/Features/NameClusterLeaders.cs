using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Clusters;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Organisation.Features;

internal static class NameClusterLeaders
{
    public sealed record Request(Guid? HeadUnitId, Guid? DeputyUnitId, DateOnly? EffectiveDate, Decision? Decision, string? Reason, long? Version);

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/clusters/{id:guid}/leaders", (Guid id, Request request, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
        {
            var head = request.HeadUnitId ?? throw Text.Invalid("headUnitId", "Thiếu cụm trưởng.");
            var decision = Text.Decision(request.Decision);
            var effective = Text.EffectiveDate(request.EffectiveDate);
            return ClusterWrites.ChangeAsync(http, store, access, id, request.Version, decision, request.Reason,
                cluster => Task.FromResult<object>(ClusterDecisions.NameLeaders(cluster, head, request.DeputyUnitId, effective, decision)), ct);
        });
}
