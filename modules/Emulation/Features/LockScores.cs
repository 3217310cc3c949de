using System.Security.Claims;
using DoanPlatform.Emulation.ReadModels;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>Lock the scores (chốt điểm): the computed conditions' inputs are read now and frozen in the event.</summary>
internal static class LockScores
{
    public sealed record Request(long? Version);

    public static void Map(RouteGroupBuilder group) => group.MapPost("/sheets/{unitId:guid}/{year:int}/lock",
        (Guid unitId, int year, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory units, TimeProvider clock,
            CancellationToken ct) =>
            EmulationHttp.ChangeSheetAsync(store, access, units, clock, user, unitId, year, request.Version, UnitPermission.Manage, "Chốt điểm thi đua",
                async (sheet, scale, unit, _) =>
                {
                    var facts = await MeetingFacts.ForUnitAsync(store.DataSource, unitId, year, ct);
                    return ScoreSheetDecisions.Lock(sheet, scale, unit, facts, EmulationHttp.Today(clock));
                }, ct));
}
