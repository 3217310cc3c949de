using DoanPlatform.Emulation.Contracts;
using System.Text.Json.Serialization;
using DoanPlatform.EventStore;

namespace DoanPlatform.Emulation.Scoring;

[JsonConverter(typeof(JsonStringEnumConverter<SheetStatus>))]
internal enum SheetStatus { Draft, Submitted, Returned, Assessed, Locked, Published }

/// <summary>One unit's scoring of one year: a stream with a deterministic id per unit and year.</summary>
internal sealed record ScoreSheet(
    Guid Id, Guid UnitId, int Year, Guid ScaleId, SheetStatus Status, IReadOnlyDictionary<string, ScoreEntry> Self,
    IReadOnlyDictionary<string, ScoreEntry> Assessed, IReadOnlyDictionary<string, ScoreAdjusted> Adjusted, ScoresLocked? Locked,
    string? ReturnReason, IReadOnlyList<EvidenceAttached> Evidence) : IAggregate<ScoreSheet>
{
    private static readonly Guid Namespace = Guid.Parse("5d1f2a9e-7c4b-4e1a-9b8f-2e6c3d4a5b70");

    public static ScoreSheet Initial { get; } = new(Guid.Empty, Guid.Empty, 0, Guid.Empty, SheetStatus.Draft,
        new Dictionary<string, ScoreEntry>(), new Dictionary<string, ScoreEntry>(), new Dictionary<string, ScoreAdjusted>(), null, null, []);

    public static Guid StreamId(Guid unitId, int year) => DeterministicGuid.Create(Namespace, $"{unitId:N}/{year}");

    public ScoreSheet Evolve(object @event) => @event switch
    {
        SelfAssessed e => this with
        {
            Id = e.SheetId, UnitId = e.UnitId, Year = e.Year, ScaleId = e.ScaleId, Status = Status == SheetStatus.Returned ? SheetStatus.Returned : SheetStatus.Draft,
            Self = Merge(Self, e.Entries),
        },
        SelfAssessmentSubmitted => this with { Status = SheetStatus.Submitted, ReturnReason = null },
        SelfAssessmentReturned e => this with { Status = SheetStatus.Returned, ReturnReason = e.Reason },
        ScoresAssessed e => this with { Status = SheetStatus.Assessed, Assessed = Merge(Assessed, e.Entries) },
        ScoreAdjusted e => this with { Adjusted = new Dictionary<string, ScoreAdjusted>(Adjusted) { [e.ConditionCode] = e } },
        ScoresLocked e => this with { Status = SheetStatus.Locked, Locked = e },
        ResultPublished => this with { Status = SheetStatus.Published },
        ScoringReopened => this with { Status = SheetStatus.Assessed, Locked = null },
        EvidenceAttached e => this with { Evidence = [.. Evidence, e] },
        _ => this,
    };

    /// <summary>The value that counts for each entered condition: adjusted, else assessed, else the unit's own.</summary>
    public IReadOnlyDictionary<string, decimal> FinalValues()
    {
        var values = Self.ToDictionary(e => e.Key, e => e.Value.Value);
        foreach (var (code, entry) in Assessed)
            values[code] = entry.Value;
        foreach (var (code, adjusted) in Adjusted)
            values[code] = adjusted.Value;
        return values;
    }

    private static Dictionary<string, ScoreEntry> Merge(IReadOnlyDictionary<string, ScoreEntry> current, IReadOnlyList<ScoreEntry> entries)
    {
        var merged = new Dictionary<string, ScoreEntry>(current);
        foreach (var entry in entries)
            merged[entry.ConditionCode] = entry;
        return merged;
    }
}
