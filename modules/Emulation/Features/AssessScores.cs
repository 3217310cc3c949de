using DoanPlatform.Emulation.Contracts;
using System.Security.Claims;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>The office assesses a submitted sheet; a value differing from the unit's own needs a comment. Two assessors at once: one gets 409.</summary>
internal static class AssessScores
{
    public sealed record Request(long? Version, IReadOnlyList<ScoreEntry>? Entries);

    public static void Map(RouteGroupBuilder group) => group.MapPost("/sheets/{unitId:guid}/{year:int}/assessment",
        (Guid unitId, int year, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory units, TimeProvider clock,
            CancellationToken ct) =>
            EmulationHttp.ChangeSheetAsync(store, access, units, clock, user, unitId, year, request.Version, UnitPermission.Manage, "Chấm điểm thi đua",
                (sheet, scale, unit, errors) => Task.FromResult<object>(ScoreSheetDecisions.Assess(sheet, scale, unit, request.Entries, errors)), ct));
}
