using System.Security.Claims;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>The unit submits its self-assessment (every applicable manual condition scored); it can no longer change it unless returned.</summary>
internal static class SubmitSelfAssessment
{
    public sealed record Request(long? Version);

    public static void Map(RouteGroupBuilder group) => group.MapPost("/sheets/{unitId:guid}/{year:int}/submit",
        (Guid unitId, int year, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory units, TimeProvider clock,
            CancellationToken ct) =>
            EmulationHttp.ChangeSheetAsync(store, access, units, clock, user, unitId, year, request.Version, UnitPermission.Contribute, "Nộp bản tự chấm",
                (sheet, scale, unit, _) => Task.FromResult<object>(ScoreSheetDecisions.Submit(sheet, scale, unit, EmulationHttp.Today(clock))), ct));
}
