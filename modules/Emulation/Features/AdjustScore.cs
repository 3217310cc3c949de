using System.Security.Claims;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>An approved adjustment (e.g. an inspection's conclusion) changes one assessed condition, with a reason and a reference.</summary>
internal static class AdjustScore
{
    public sealed record Request(long? Version, string? ConditionCode, decimal? Value, string? Reason, string? Reference);

    public static void Map(RouteGroupBuilder group) => group.MapPost("/sheets/{unitId:guid}/{year:int}/adjustments",
        (Guid unitId, int year, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory units, TimeProvider clock,
            CancellationToken ct) =>
            EmulationHttp.ChangeSheetAsync(store, access, units, clock, user, unitId, year, request.Version, UnitPermission.Manage, "Điều chỉnh điểm",
                (sheet, scale, unit, errors) => Task.FromResult<object>(ScoreSheetDecisions.Adjust(sheet, scale, unit, request.ConditionCode, request.Value,
                    request.Reason, request.Reference, errors)), ct, Input.Clean(request.Reference)));
}
