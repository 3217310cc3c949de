using DoanPlatform.Emulation.Contracts;
using System.Security.Claims;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>The unit secretary (or the office) self-assesses conditions with evidence; the first call opens the unit's sheet for the year (version 0).</summary>
internal static class SelfAssess
{
    public sealed record Request(long? Version, Guid? ScaleId, IReadOnlyList<ScoreEntry>? Entries);

    public static void Map(RouteGroupBuilder group) => group.MapPost("/sheets/{unitId:guid}/{year:int}/self-assessment", Handle);

    private static async Task<Results<Ok<EmulationHttp.Written>, ValidationProblem, NotFound<ProblemBody>>> Handle(Guid unitId, int year, Request request,
        ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory units, TimeProvider clock, CancellationToken ct)
    {
        if (request.Version is not { } expected)
            return EmulationHttp.Missing("version", "Cần phiên bản (version) của bảng điểm; 0 khi tự chấm lần đầu.");
        await access.EnsureAsync(user, unitId, UnitPermission.Contribute, ct);
        await using var session = store.LightweightSession(user.ToActor());
        var id = ScoreSheet.StreamId(unitId, year);
        var stream = await session.Events.FetchForWriting<ScoreSheet>(id, expected, ct);
        var scaleId = stream.Aggregate?.ScaleId ?? request.ScaleId;
        if (scaleId is null)
            return EmulationHttp.Missing("scaleId", "Cần thang điểm (scaleId) khi tự chấm lần đầu.");
        var scale = await EmulationHttp.InEffectAsync(session.Events, scaleId.Value, ct);
        if (scale is null)
            return EmulationHttp.NotFound($"Không có thang điểm {scaleId}.");
        if (stream.Aggregate is not null && request.ScaleId is { } asked && asked != stream.Aggregate.ScaleId && asked != scale.Id)
            return EmulationHttp.Missing("scaleId", "Năm này đơn vị đã tự chấm theo thang điểm khác.");
        if (await EmulationHttp.UnitAsync(units, unitId, year, clock, ct) is not { } unit)
            return EmulationHttp.NotFound($"Đơn vị {unitId} không tồn tại trong năm {year}.");
        // A sheet is scored on a scale its unit answers to: one issued by a unit above it (never another province's, which would also
        // put the unit into that province's review and show it a scale it may not read).
        var asOf = new DateOnly(year, 12, 31) is var end && end < EmulationHttp.Today(clock) ? end : EmulationHttp.Today(clock);
        if (scale.IssuingUnitId == unitId || !(await units.IsWithinAsync(unitId, scale.IssuingUnitId, asOf, ct) || await units.IsWithinAsync(unitId, scale.IssuingUnitId, end, ct)))
            return EmulationHttp.Missing("scaleId", "Thang điểm này không do đơn vị cấp trên của đơn vị ban hành.");
        var errors = new FieldErrors();
        var assessed = ScoreSheetDecisions.SelfAssess(stream.Aggregate, id, unitId, year, scale, unit, request.Entries, errors);
        if (errors.Count > 0)
            return EmulationHttp.Invalid(errors);
        session.Reason = "Tự chấm điểm thi đua";
        stream.AppendOne(assessed);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new EmulationHttp.Written(id, expected + 1));
    }
}
