using DoanPlatform.Emulation.Contracts;
using System.Security.Claims;
using DoanPlatform.Emulation.ReadModels;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>A unit's sheet with its live score (computed conditions read now until lock, frozen after), and "explain a score".</summary>
internal static class QuerySheet
{
    public sealed record Line(string Code, string Title, decimal MaxPoints, bool EvidenceRequired, string SectionCode, string Kind, bool Applicable, bool Computed, decimal? Self, decimal? Assessed, decimal? Adjusted,
        decimal? Value, decimal Points, string? SelfComment = null, string? SelfEvidence = null, string? AssessedComment = null);

    public sealed record View(Guid Id, long Version, Guid UnitId, int Year, Guid ScaleId, string Status, string? ReturnReason, decimal Total, decimal Base,
        decimal Bonus, decimal Penalty, IReadOnlyDictionary<string, decimal> Sections, string? Classification, UnitFacts Facts, IReadOnlyList<Line> Lines,
        IReadOnlyList<EvidenceAttached> Evidence);

    public sealed record Explanation(Guid UnitId, int Year, string ConditionCode, IReadOnlyList<ScoreStep> Steps);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/sheets/{unitId:guid}/{year:int}", Handle);
        group.MapGet("/sheets/{unitId:guid}/{year:int}/explain/{code}", ExplainAsync);
    }

    internal sealed record Loaded(ScoreSheet Sheet, long Version, Scale Scale, UnitSummary Unit, UnitFacts Facts, ScoreResult Result);

    public static async Task<Loaded?> LoadAsync(IDocumentStore store, IUnitDirectory units, TimeProvider clock, Guid unitId, int year, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var events = await query.Events.FetchStreamAsync(ScoreSheet.StreamId(unitId, year), ct: ct);
        if (events.Count == 0)
            return null;
        var sheet = events.Aggregate(ScoreSheet.Initial, (s, e) => s.Evolve(e.Data));
        var scale = sheet.Locked is { } frozen
            ? await query.Events.AggregateStreamAsync<Scale>(frozen.ScaleId, ct: ct)
            : await EmulationHttp.InEffectAsync(query.Events, sheet.ScaleId, ct);
        if (scale is null)
            return null;
        var unit = sheet.Locked is { } locked
            ? new UnitSummary(unitId, null, "", "", "", locked.Level, locked.Sector)
            : await EmulationHttp.UnitAsync(units, unitId, year, clock, ct);
        if (unit is null)
            return null;
        var facts = sheet.Locked?.Facts ?? await MeetingFacts.ForUnitAsync(store.DataSource, unitId, year, ct);
        return new Loaded(sheet, events[^1].Version, scale, unit, facts, Calculator.Score(scale.Content, unit.Sector, unit.Level, sheet.FinalValues(), facts));
    }

    private static async Task<Results<Ok<View>, NotFound<ProblemBody>>> Handle(Guid unitId, int year, ClaimsPrincipal user, IDocumentStore store,
        IUnitAccess access, IUnitDirectory units, TimeProvider clock, CancellationToken ct)
    {
        await access.EnsureAsync(user, unitId, UnitPermission.Read, ct);
        if (await LoadAsync(store, units, clock, unitId, year, ct) is not { } loaded)
            return EmulationHttp.NotFound($"Đơn vị chưa có bảng điểm năm {year}.");
        var (sheet, result) = (loaded.Sheet, loaded.Result);
        var lines = new List<Line>();
        foreach (var c in result.Conditions)
        {
            var condition = loaded.Scale.Content.Find(c.Code)!;
            var self = sheet.Self.GetValueOrDefault(c.Code);
            var assessed = sheet.Assessed.GetValueOrDefault(c.Code);
            lines.Add(new Line(c.Code, condition.Title, condition.MaxPoints, condition.EvidenceRequired, c.SectionCode, c.Kind.ToString(), c.Applicable, c.Computed,
                self?.Value, assessed?.Value, sheet.Adjusted.TryGetValue(c.Code, out var d) ? d.Value : null, c.Value, c.Points,
                self?.Comment, self?.Evidence, assessed?.Comment));
        }
        return TypedResults.Ok(new View(sheet.Id, loaded.Version, unitId, year, sheet.ScaleId, sheet.Status.ToString(), sheet.ReturnReason, result.Total,
            result.Base, result.BonusCounted, result.Penalty, result.Sections, result.Classification, loaded.Facts, lines, sheet.Evidence));
    }

    private static async Task<Ok<Explanation>> ExplainAsync(Guid unitId, int year, string code, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access,
        CancellationToken ct)
    {
        await access.EnsureAsync(user, unitId, UnitPermission.Read, ct);
        var steps = await ScoreSteps.ExplainAsync(store.DataSource, ScoreSheet.StreamId(unitId, year), code, ct);
        return TypedResults.Ok(new Explanation(unitId, year, code, steps));
    }
}
