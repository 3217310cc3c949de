using System.Security.Claims;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>The office returns a submitted self-assessment with a reason; the unit may then change and resubmit it.</summary>
internal static class ReturnSelfAssessment
{
    public sealed record Request(long? Version, string? Reason);

    public static void Map(RouteGroupBuilder group) => group.MapPost("/sheets/{unitId:guid}/{year:int}/return",
        (Guid unitId, int year, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory units, TimeProvider clock,
            CancellationToken ct) =>
            EmulationHttp.ChangeSheetAsync(store, access, units, clock, user, unitId, year, request.Version, UnitPermission.Manage, "Trả lại bản tự chấm",
                (sheet, _, _, errors) => Task.FromResult<object>(ScoreSheetDecisions.Return(sheet, request.Reason, errors)), ct));
}
