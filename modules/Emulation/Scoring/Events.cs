using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Emulation.Scoring;

/// <summary>A value given to a condition at one step, with its comment and evidence (a document number-symbol or a link).</summary>
internal sealed record ScoreEntry(string ConditionCode, decimal Value, string? Comment = null, string? Evidence = null);

/// <summary>The unit's self-assessment (tự chấm), all or some conditions; later entries replace earlier ones until submission.</summary>
internal sealed record SelfAssessed(Guid SheetId, Guid UnitId, int Year, Guid ScaleId, IReadOnlyList<ScoreEntry> Entries);

/// <summary>The unit submitted its self-assessment to the upper level.</summary>
internal sealed record SelfAssessmentSubmitted(Guid SheetId, DateOnly SubmittedOn);

/// <summary>The upper level returned the self-assessment with a reason.</summary>
internal sealed record SelfAssessmentReturned(Guid SheetId, string Reason);

/// <summary>The upper level assessed (chấm điểm) some conditions; a value differing from the unit's carries a comment.</summary>
internal sealed record ScoresAssessed(Guid SheetId, IReadOnlyList<ScoreEntry> Entries);

/// <summary>An approved adjustment (e.g. from an inspection) changed one condition's value.</summary>
internal sealed record ScoreAdjusted(Guid SheetId, string ConditionCode, decimal Value, string Reason, string? Reference);

/// <summary>One condition's final value and points as locked.</summary>
internal sealed record FinalScore(string ConditionCode, decimal? Value, decimal Points, bool Computed);

/// <summary>
/// Scores locked (chốt điểm): the computed inputs are frozen here, with the result they give, so a later
/// attendance correction no longer changes the year's score.
/// </summary>
internal sealed record ScoresLocked(
    Guid SheetId, Guid UnitId, int Year, Guid ScaleId, Guid IssuingUnitId, Sector Sector, UnitLevel Level, UnitFacts Facts, DateOnly LockedOn,
    decimal Total, decimal Base, decimal Bonus, decimal Penalty, IReadOnlyDictionary<string, decimal> Sections, string? Classification, int ClassIndex,
    IReadOnlyList<decimal> TieKeys, string? TopAward, IReadOnlyList<FinalScore> Final);

/// <summary>The locked result was published (công bố): immutable except through a re-opening decision.</summary>
internal sealed record ResultPublished(Guid SheetId, DateOnly PublishedOn);

/// <summary>A decision re-opened a locked or published result for assessment.</summary>
internal sealed record ScoringReopened(Guid SheetId, Decision Decision, string Reason);

/// <summary>A file was attached as evidence (minh chứng) for a condition; its bytes are stored by SHA-256 in the module's schema.</summary>
internal sealed record EvidenceAttached(Guid SheetId, string ConditionCode, Guid FileId, string FileName, string ContentType, long Size, string Sha256);
