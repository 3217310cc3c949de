using System.Security.Claims;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>Publish a locked result (công bố), and re-open a locked or published one, which needs a decision reference.</summary>
internal static class PublishResult
{
    public sealed record Request(long? Version);

    public sealed record ReopenRequest(long? Version, Decision? Decision, string? Reason);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/sheets/{unitId:guid}/{year:int}/publish",
            (Guid unitId, int year, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory units, TimeProvider clock,
                CancellationToken ct) =>
                EmulationHttp.ChangeSheetAsync(store, access, units, clock, user, unitId, year, request.Version, UnitPermission.Manage, "Công bố kết quả thi đua",
                    (sheet, _, _, _) => Task.FromResult<object>(ScoreSheetDecisions.Publish(sheet, EmulationHttp.Today(clock))), ct));
        group.MapPost("/sheets/{unitId:guid}/{year:int}/reopen",
            (Guid unitId, int year, ReopenRequest request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory units, TimeProvider clock,
                CancellationToken ct) =>
                EmulationHttp.ChangeSheetAsync(store, access, units, clock, user, unitId, year, request.Version, UnitPermission.Manage, "Mở lại kết quả thi đua",
                    (sheet, _, _, errors) => Task.FromResult<object>(ScoreSheetDecisions.Reopen(sheet, request.Decision, request.Reason, errors)), ct,
                    Input.Clean(request.Decision?.NumberSymbol)));
    }
}
