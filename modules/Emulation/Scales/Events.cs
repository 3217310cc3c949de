using System.Text.Json.Serialization;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Emulation.Scales;

/// <summary>How a condition turns a unit's value into points.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConditionKind>))]
internal enum ConditionKind
{
    /// <summary>Points entered directly, 0 to the maximum.</summary>
    Manual,
    /// <summary>A count mapped to points by tiers (0 absences 10, 1 → 8, …).</summary>
    Tiered,
    /// <summary>Achieved over target times the maximum, capped at the maximum.</summary>
    Ratio,
    /// <summary>Đạt / không đạt: the maximum or nothing.</summary>
    YesNo,
    /// <summary>Điểm trừ: points per occurrence, at most the maximum in total.</summary>
    Penalty,
    /// <summary>Điểm thưởng: points up to the maximum; all bonus together capped by the scale.</summary>
    Bonus,
}

/// <summary>Where a computed condition takes its value from (the Meetings module's events).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComputedSource>))]
internal enum ComputedSource
{
    /// <summary>Absences (excused or not) from the year's briefings.</summary>
    BriefingAbsences,
    /// <summary>Unexcused absences from the year's briefings.</summary>
    BriefingUnexcusedAbsences,
    /// <summary>Per cent of the year's assigned tasks reported done.</summary>
    TaskCompletionRate,
}

[JsonConverter(typeof(JsonStringEnumConverter<TieBreakKind>))]
internal enum TieBreakKind
{
    /// <summary>Higher total of one section first.</summary>
    SectionTotal,
    /// <summary>Fewer penalty points first.</summary>
    FewerPenalties,
    /// <summary>More bonus points first.</summary>
    MoreBonus,
}

/// <summary>From this count on (until the next tier), this many points.</summary>
internal sealed record Tier(decimal From, decimal Points);

/// <summary>Điều kiện chấm: the leaf of the scale, with its maximum and kind.</summary>
internal sealed record Condition(
    string Code, string Title, ConditionKind Kind, decimal MaxPoints, IReadOnlyList<Tier>? Tiers = null, decimal? Target = null,
    decimal? PointsPerOccurrence = null, IReadOnlyList<Sector>? Sectors = null, IReadOnlyList<UnitLevel>? Levels = null,
    bool EvidenceRequired = false, ComputedSource? Source = null)
{
    public bool AppliesTo(Sector sector, UnitLevel level) =>
        (Sectors is not { Count: > 0 } || Sectors.Contains(sector)) && (Levels is not { Count: > 0 } || Levels.Contains(level));

    public bool CountsTowardsMaximum => Kind is not (ConditionKind.Bonus or ConditionKind.Penalty);
}

/// <summary>Nội dung: a content item of a criterion.</summary>
internal sealed record ContentItem(string Code, string Title, IReadOnlyList<Condition> Conditions);

/// <summary>Tiêu chí.</summary>
internal sealed record Criterion(string Code, string Title, IReadOnlyList<ContentItem> Items);

/// <summary>A top-level section (phần) with its stated maximum.</summary>
internal sealed record Section(string Code, string Title, decimal MaxPoints, IReadOnlyList<Criterion> Criteria)
{
    public IEnumerable<Condition> Conditions => Criteria.SelectMany(c => c.Items).SelectMany(i => i.Conditions);
}

/// <summary>A classification (xếp loại) from a minimum total, with extra conditions.</summary>
internal sealed record ClassRule(string Name, decimal MinTotal, bool NoUnexcusedAbsence = false, IReadOnlyList<string>? FullConditions = null);

internal sealed record TieBreak(TieBreakKind Kind, string? SectionCode = null);

/// <summary>Everything a scale says: tree, maxima, bonus cap, classification, tie-breaks, the award for a cluster's top unit.</summary>
internal sealed record ScaleContent(
    string Name, string Guideline, decimal MaxPoints, decimal BonusCap, IReadOnlyList<Section> Sections, IReadOnlyList<ClassRule> Classes,
    IReadOnlyList<TieBreak>? TieBreaks = null, string? TopAward = "Cờ thi đua")
{
    public IEnumerable<(Section Section, Condition Condition)> AllConditions => Sections.SelectMany(s => s.Conditions.Select(c => (s, c)));

    public Condition? Find(string code) => AllConditions.Select(x => x.Condition).FirstOrDefault(c => c.Code == code);
}

/// <summary>A scale (or an amendment of one: a new version) was drafted.</summary>
internal sealed record ScaleDrafted(
    Guid ScaleId, Guid IssuingUnitId, int Year, int Number, Guid? AmendsScaleId, DateOnly? EffectiveDate, string? AmendmentReason, ScaleContent Content);

/// <summary>A draft's content was replaced.</summary>
internal sealed record ScaleDraftRevised(Guid ScaleId, ScaleContent Content);

/// <summary>The scale was published: immutable from now on.</summary>
internal sealed record ScalePublished(Guid ScaleId, DateOnly EffectiveDate);

/// <summary>A published amendment replaced this scale from its effective date.</summary>
internal sealed record ScaleSuperseded(Guid ScaleId, Guid NewScaleId, DateOnly EffectiveDate, string Reason);
