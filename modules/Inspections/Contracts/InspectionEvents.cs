using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Inspections.Contracts;

/// <summary>
/// The plan's issuer approved an inspection's score adjustment: condition <paramref name="ConditionCode"/> of the unit's
/// <paramref name="Year"/> sheet should count with <paramref name="Value"/>. Emulation applies it by a subscription, once.
/// </summary>
/// <param name="AdjustmentId">The adjustment, unique for ever: the key of exactly-once application.</param>
/// <param name="PlanId">The inspection plan that proposed it.</param>
/// <param name="UnitId">The inspected unit.</param>
/// <param name="Year">The emulation year adjusted.</param>
/// <param name="ConditionCode">The scale condition adjusted.</param>
/// <param name="Value">The value the condition counts with from now on (0 voids it).</param>
/// <param name="Reason">Why, in Vietnamese.</param>
/// <param name="PlanNumberSymbol">The plan's number-symbol, the reference stamped on the adjustment.</param>
/// <param name="Sector">The unit's sector at approval (decides which conditions apply).</param>
/// <param name="Level">The unit's level at approval.</param>
/// <param name="ApprovedOn">The effective date of the approval.</param>
public sealed record AdjustmentApproved(
    Guid AdjustmentId, Guid PlanId, Guid UnitId, int Year, string ConditionCode, decimal Value, string Reason, string PlanNumberSymbol, Sector Sector,
    UnitLevel Level, DateOnly ApprovedOn);

/// <summary>Emulation applied an approved adjustment to the unit's sheet (written to Emulation's own outcome stream).</summary>
/// <param name="AdjustmentId">The adjustment applied.</param>
/// <param name="UnitId">The unit.</param>
/// <param name="Year">The year.</param>
/// <param name="ConditionCode">The condition.</param>
/// <param name="Value">The value applied.</param>
public sealed record AdjustmentApplied(Guid AdjustmentId, Guid UnitId, int Year, string ConditionCode, decimal Value);

/// <summary>Emulation refused an approved adjustment (e.g. the result was locked or published in between); nothing changed.</summary>
/// <param name="AdjustmentId">The adjustment refused.</param>
/// <param name="UnitId">The unit.</param>
/// <param name="Year">The year.</param>
/// <param name="Reason">Emulation's rule, in Vietnamese.</param>
public sealed record AdjustmentRefused(Guid AdjustmentId, Guid UnitId, int Year, string Reason);

/// <summary>Where a unit's emulation scoring of a year stands, as far as an inspection adjustment is concerned.</summary>
public enum ScoringState
{
    /// <summary>No sheet for the year.</summary>
    NoSheet,
    /// <summary>Being self-assessed or submitted: not yet assessed by the upper level.</summary>
    NotAssessed,
    /// <summary>Assessed and open: an adjustment can be applied.</summary>
    Assessed,
    /// <summary>Locked: must be re-opened by a decision first.</summary>
    Locked,
    /// <summary>Published: must be re-opened by a decision first.</summary>
    Published,
}

/// <summary>
/// Answered by the Emulation module: lets Inspections refuse an approval up front instead of failing later, and know when rejected evidence
/// voids a self-assessed condition.
/// </summary>
public interface IScoringStatus
{
    /// <summary>The state of <paramref name="unitId"/>'s sheet for <paramref name="year"/>.</summary>
    Task<ScoringState> StateAsync(Guid unitId, int year, CancellationToken ct = default);

    /// <summary>
    /// True when condition <paramref name="conditionCode"/> requires evidence in the scale of <paramref name="unitId"/>'s
    /// <paramref name="year"/> sheet, the unit self-assessed it with a value above 0, and that condition still counts above 0 (not already
    /// voided): rejected evidence then voids it. False when there is no sheet or no such condition.
    /// </summary>
    Task<bool> SelfAssessedWithRequiredEvidenceAsync(Guid unitId, int year, string conditionCode, CancellationToken ct = default);

    /// <summary>
    /// The condition codes of the scale <paramref name="unitId"/>'s <paramref name="year"/> sheet is scored against, in the scale's own order
    /// (A3, A8, A4 when the scale lists them so: never string order); empty when the unit has no sheet that year.
    /// </summary>
    Task<IReadOnlyList<string>> ConditionOrderAsync(Guid unitId, int year, CancellationToken ct = default);

    /// <summary>
    /// The most condition <paramref name="conditionCode"/> is worth in the scale of <paramref name="unitId"/>'s <paramref name="year"/> sheet:
    /// an adjustment may not move it by more. Null when the unit has no sheet yet; 0 when the scale has no such condition.
    /// </summary>
    Task<decimal?> ConditionMaxAsync(Guid unitId, int year, string conditionCode, CancellationToken ct = default);
}
