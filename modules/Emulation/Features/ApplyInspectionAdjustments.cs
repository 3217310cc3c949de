using DoanPlatform.Emulation.Contracts;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Organisation.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DoanPlatform.Emulation.Features;

/// <summary>
/// Applies approved inspection adjustments to the unit's score sheet, exactly once: the daemon delivers at least once, so each
/// adjustment's outcome (applied or refused) goes to an outcome stream keyed by the adjustment, with deterministic event ids, in
/// the daemon's batch transaction; a redelivered adjustment whose outcome exists is skipped. A refusal (the result was locked or
/// published in between) is recorded, never retried.
/// </summary>
internal sealed class ApplyInspectionAdjustments : ISubscription
{
    private static readonly Guid Namespace = Guid.Parse("c3e1a7d2-8b4f-4c19-9e6a-2f5d7b3a1c84");

    public string Name => "emulation.inspection_adjustments";

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(AdjustmentApproved)];

    /// <summary>The one registration line in <see cref="EmulationModule"/>: the subscription and the status query Inspections asks.</summary>
    public static void Register(IServiceCollection services)
    {
        services.TryAddScoped<IScoringStatus, ScoringStatus>();
        services.Configure<StoreOptions>(o => o.Projections.Subscribe(new ApplyInspectionAdjustments()));
    }

    public static Guid OutcomeStream(Guid adjustmentId) => DeterministicGuid.Create(Namespace, $"outcome:{adjustmentId:N}");

    public async Task HandleAsync(SubscriptionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var handled = new HashSet<Guid>();
        var touched = new Dictionary<Guid, (ScoreSheet? Sheet, long Version)>();
        foreach (var e in events)
        {
            if (e.Data is not AdjustmentApproved approved || !handled.Add(approved.AdjustmentId))
                continue;
            // Reads see committed events only, so the sheets this batch already adjusted are carried along; the append checks the
            // sheet's version, so a concurrent lock makes the batch fail and the redelivery records a refusal instead.
            await using var query = context.Store.QuerySession();
            var outcome = OutcomeStream(approved.AdjustmentId);
            if ((await query.Events.FetchStreamAsync(outcome, ct: ct)).Count > 0)
                continue;
            var sheetId = ScoreSheet.StreamId(approved.UnitId, approved.Year);
            if (!touched.TryGetValue(sheetId, out var current))
            {
                var history = await query.Events.FetchStreamAsync(sheetId, ct: ct);
                current = (history.Count == 0 ? null : history.Aggregate(ScoreSheet.Initial, (state, x) => state.Evolve(x.Data)),
                    history.Count == 0 ? 0 : history[^1].Version);
            }
            var (adjusted, refusal) = await DecideAsync(query, current.Sheet, approved, ct);
            var session = context.OpenSession(Actor.System);
            session.CausationId = e.Id.ToString();
            session.Decision = approved.PlanNumberSymbol;
            if (adjusted is not null)
            {
                session.Reason = $"Điều chỉnh điểm theo kết luận kiểm tra {approved.PlanNumberSymbol}";
                session.Events.Append(sheetId, current.Version,
                    new IdentifiedEvent(DeterministicGuid.Create(Namespace, $"score:{approved.AdjustmentId:N}"), adjusted));
                touched[sheetId] = (current.Sheet!.Evolve(adjusted), current.Version + 1);
                session.Events.Append(outcome, new IdentifiedEvent(DeterministicGuid.Create(Namespace, $"outcome:{approved.AdjustmentId:N}"),
                    new AdjustmentApplied(approved.AdjustmentId, approved.UnitId, approved.Year, adjusted.ConditionCode, adjusted.Value)));
            }
            else
            {
                session.Reason = "Không áp dụng được điều chỉnh điểm theo kết luận kiểm tra";
                session.Events.Append(outcome, new IdentifiedEvent(DeterministicGuid.Create(Namespace, $"outcome:{approved.AdjustmentId:N}"),
                    new AdjustmentRefused(approved.AdjustmentId, approved.UnitId, approved.Year, refusal ?? "")));
            }
            await session.SaveChangesAsync(ct);
        }
    }

    private static async Task<(ScoreAdjusted? Adjusted, string? Refusal)> DecideAsync(IQuerySession query, ScoreSheet? sheet, AdjustmentApproved approved,
        CancellationToken ct)
    {
        if (sheet is null || sheet.Id == Guid.Empty)
            return (null, "Đơn vị chưa có bảng điểm của năm này.");
        if (await EmulationHttp.InEffectAsync(query.Events, sheet.ScaleId, ct) is not { } scale)
            return (null, "Không tìm thấy thang điểm.");
        var unit = new UnitSummary(approved.UnitId, null, "", "", "", approved.Level, approved.Sector);
        try
        {
            var errors = new FieldErrors();
            var adjusted = ScoreSheetDecisions.Adjust(sheet, scale, unit, approved.ConditionCode, approved.Value, approved.Reason, approved.PlanNumberSymbol, errors);
            return errors.Count > 0 ? (null, string.Join(" ", errors.SelectMany(x => x.Value))) : (adjusted, null);
        }
        catch (DomainRuleException refused)
        {
            return (null, refused.Message);
        }
    }
}

/// <summary>Where a unit's sheet stands, for Inspections to refuse an approval up front or to void a condition whose evidence it rejected.</summary>
internal sealed class ScoringStatus(IDocumentStore store) : IScoringStatus
{
    public async Task<bool> SelfAssessedWithRequiredEvidenceAsync(Guid unitId, int year, string conditionCode, CancellationToken ct = default) =>
        await SheetAndScaleAsync(unitId, year, ct) is ({ } sheet, var scale)
        && scale?.Content.Find(conditionCode) is { EvidenceRequired: true }
        && sheet.Self.TryGetValue(conditionCode, out var self) && self.Value > 0
        && sheet.FinalValues()[conditionCode] > 0;

    public async Task<decimal?> ConditionMaxAsync(Guid unitId, int year, string conditionCode, CancellationToken ct = default) =>
        await SheetAndScaleAsync(unitId, year, ct) is (not null, { } scale) ? scale.Content.Find(conditionCode)?.MaxPoints ?? 0 : null;

    /// <summary>The unit's sheet for the year (null when none) and the scale it is scored on: the frozen one once locked, else the one in effect.</summary>
    private async Task<(ScoreSheet? Sheet, Scales.Scale? Scale)> SheetAndScaleAsync(Guid unitId, int year, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        if (await query.Events.AggregateStreamAsync<ScoreSheet>(ScoreSheet.StreamId(unitId, year), ct: ct) is not { } sheet || sheet.Id == Guid.Empty)
            return (null, null);
        var scale = sheet.Locked is { } frozen
            ? await query.Events.AggregateStreamAsync<Scales.Scale>(frozen.ScaleId, ct: ct)
            : await EmulationHttp.InEffectAsync(query.Events, sheet.ScaleId, ct);
        return (sheet, scale);
    }

    public async Task<IReadOnlyList<string>> ConditionOrderAsync(Guid unitId, int year, CancellationToken ct = default)
    {
        await using var query = store.QuerySession();
        if (await query.Events.AggregateStreamAsync<ScoreSheet>(ScoreSheet.StreamId(unitId, year), ct: ct) is not { } sheet || sheet.Id == Guid.Empty)
            return [];
        var scale = sheet.Locked is { } frozen
            ? await query.Events.AggregateStreamAsync<Scales.Scale>(frozen.ScaleId, ct: ct)
            : await EmulationHttp.InEffectAsync(query.Events, sheet.ScaleId, ct);
        return scale is null ? [] : [.. scale.Content.AllConditions.Select(c => c.Condition.Code)];
    }

    public async Task<ScoringState> StateAsync(Guid unitId, int year, CancellationToken ct = default)
    {
        await using var query = store.QuerySession();
        return (await query.Events.AggregateStreamAsync<ScoreSheet>(ScoreSheet.StreamId(unitId, year), ct: ct))?.Status switch
        {
            null => ScoringState.NoSheet,
            SheetStatus.Assessed => ScoringState.Assessed,
            SheetStatus.Locked => ScoringState.Locked,
            SheetStatus.Published => ScoringState.Published,
            _ => ScoringState.NotAssessed,
        };
    }
}
