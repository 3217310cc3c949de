using System.Security.Claims;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanPlatform.Emulation.Features;

/// <summary>A minimal problem body for typed 404s.</summary>
internal sealed record ProblemBody(int Status, string Title, string Detail);

/// <summary>What every emulation write shares: scope checks, loading at the caller's version, saving with who and why.</summary>
internal static class EmulationHttp
{
    public sealed record Written(Guid Id, long Version);

    public static ValidationProblem Invalid(FieldErrors errors) => TypedResults.ValidationProblem(errors, title: "Dữ liệu chưa hợp lệ");

    public static ValidationProblem Missing(string field, string message) => Invalid(new FieldErrors().Require(false, field, message));

    public static NotFound<ProblemBody> NotFound(string what) => TypedResults.NotFound(new ProblemBody(404, "Không tìm thấy", what));

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The unit as at the end of the year (or today, if earlier), for its sector and level.</summary>
    public static async Task<UnitSummary?> UnitAsync(IUnitDirectory units, Guid unitId, int year, TimeProvider clock, CancellationToken ct)
    {
        var end = new DateOnly(year, 12, 31);
        var today = Today(clock);
        return await units.FindAsync(unitId, end < today ? end : today, ct) ?? await units.FindAsync(unitId, end, ct);
    }

    /// <summary>The version of a scale in effect: an amendment, once published, replaces the version it amends for the rest of the year.</summary>
    public static async Task<Scale?> InEffectAsync(IQueryEventStore events, Guid scaleId, CancellationToken ct)
    {
        var scale = await events.AggregateStreamAsync<Scale>(scaleId, ct: ct);
        for (var hops = 0; scale is { Status: ScaleStatus.Superseded, SupersededBy: { } next } && hops < 50; hops++)
            scale = await events.AggregateStreamAsync<Scale>(next, ct: ct) ?? scale with { SupersededBy = null };
        return scale;
    }

    /// <summary>
    /// Loads a unit's sheet for a write at <paramref name="version"/> after checking <paramref name="permission"/> on the unit, decides, and saves.
    /// </summary>
    public static async Task<Results<Ok<Written>, ValidationProblem, NotFound<ProblemBody>>> ChangeSheetAsync(
        IDocumentStore store, IUnitAccess access, IUnitDirectory units, TimeProvider clock, ClaimsPrincipal user, Guid unitId, int year, long? version,
        UnitPermission permission, string reason, Func<ScoreSheet, Scale, UnitSummary, FieldErrors, Task<object>> decide, CancellationToken ct,
        string? decision = null)
    {
        if (version is not { } expected)
            return Missing("version", "Cần phiên bản (version) của bảng điểm đang sửa.");
        await access.EnsureAsync(user, unitId, permission, ct);
        await using var session = store.LightweightSession(user.ToActor());
        var id = ScoreSheet.StreamId(unitId, year);
        var stream = await session.Events.FetchForWriting<ScoreSheet>(id, expected, ct);
        if (stream.Aggregate is not { } sheet)
            return NotFound($"Đơn vị chưa có bảng điểm năm {year}.");
        var scale = await InEffectAsync(session.Events, sheet.ScaleId, ct);
        var unit = await UnitAsync(units, unitId, year, clock, ct);
        if (scale is null || unit is null)
            return NotFound("Không tìm thấy thang điểm hoặc đơn vị.");
        var errors = new FieldErrors();
        var @event = await decide(sheet, scale, unit, errors);
        if (errors.Count > 0)
            return Invalid(errors);
        session.Reason = reason;
        session.Decision = decision;
        stream.AppendOne(@event);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new Written(id, expected + 1));
    }
}
