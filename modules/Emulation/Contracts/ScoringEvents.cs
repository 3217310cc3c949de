using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Emulation.Contracts;

/// <summary>A value given to a condition at one step, with its comment and evidence (a document number-symbol or a link).</summary>
public sealed record ScoreEntry(string ConditionCode, decimal Value, string? Comment = null, string? Evidence = null);

/// <summary>The unit's self-assessment (tự chấm), all or some conditions; later entries replace earlier ones until submission.</summary>
public sealed record SelfAssessed(Guid SheetId, Guid UnitId, int Year, Guid ScaleId, IReadOnlyList<ScoreEntry> Entries);

/// <summary>The unit submitted its self-assessment to the upper level.</summary>
public sealed record SelfAssessmentSubmitted(Guid SheetId, DateOnly SubmittedOn);

/// <summary>The upper level returned the self-assessment with a reason.</summary>
public sealed record SelfAssessmentReturned(Guid SheetId, string Reason);

/// <summary>The upper level assessed (chấm điểm) some conditions; a value differing from the unit's carries a comment.</summary>
public sealed record ScoresAssessed(Guid SheetId, IReadOnlyList<ScoreEntry> Entries);

/// <summary>An approved adjustment (e.g. from an inspection) changed one condition's value.</summary>
public sealed record ScoreAdjusted(Guid SheetId, string ConditionCode, decimal Value, string Reason, string? Reference);

/// <summary>One condition's final value and points as locked.</summary>
public sealed record FinalScore(string ConditionCode, decimal? Value, decimal Points, bool Computed);

/// <summary>
/// Scores locked (chốt điểm): the computed inputs are frozen here, with the result they give, so a later
/// attendance correction no longer changes the year's score.
/// </summary>
public sealed record ScoresLocked(
    Guid SheetId, Guid UnitId, int Year, Guid ScaleId, Guid IssuingUnitId, Sector Sector, UnitLevel Level, UnitFacts Facts, DateOnly LockedOn,
    decimal Total, decimal Base, decimal Bonus, decimal Penalty, IReadOnlyDictionary<string, decimal> Sections, string? Classification, int ClassIndex,
    IReadOnlyList<decimal> TieKeys, string? TopAward, IReadOnlyList<FinalScore> Final);

/// <summary>The locked result was published (công bố): immutable except through a re-opening decision.</summary>
public sealed record ResultPublished(Guid SheetId, DateOnly PublishedOn);

/// <summary>A decision re-opened a locked or published result for assessment.</summary>
public sealed record ScoringReopened(Guid SheetId, Decision Decision, string Reason);

/// <summary>A file was attached as evidence (minh chứng) for a condition; its bytes are stored by SHA-256 in the module's schema.</summary>
public sealed record EvidenceAttached(Guid SheetId, string ConditionCode, Guid FileId, string FileName, string ContentType, long Size, string Sha256);

/// <summary>What the platform knows about a unit's year from the Meetings module: the inputs of computed conditions.</summary>
public sealed record UnitFacts(int BriefingAbsences, int BriefingUnexcusedAbsences, int TasksAssigned, int TasksCompleted)
{
    /// <summary>No absences and no tasks.</summary>
    public static UnitFacts None { get; } = new(0, 0, 0, 0);

    /// <summary>Tasks completed as a percentage of tasks assigned (100 when none were assigned), rounded to two places.</summary>
    public decimal TaskCompletionRate => TasksAssigned == 0 ? 100m : Math.Round(100m * TasksCompleted / TasksAssigned, 2, MidpointRounding.AwayFromZero);
}
