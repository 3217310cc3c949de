using DoanPlatform.Emulation.Contracts;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Emulation.Scoring;

internal static class UnitFactsExtensions
{
    public static decimal ValueOf(this UnitFacts facts, ComputedSource source) => source switch
    {
        ComputedSource.BriefingAbsences => facts.BriefingAbsences,
        ComputedSource.BriefingUnexcusedAbsences => facts.BriefingUnexcusedAbsences,
        ComputedSource.TaskCompletionRate => facts.TaskCompletionRate,
        _ => 0,
    };
}

/// <summary>One condition's score: the value it was given (or computed) and the points it earns.</summary>
internal sealed record ConditionScore(string Code, string SectionCode, ConditionKind Kind, bool Applicable, bool Computed, decimal? Value, decimal Points);

/// <summary>A unit's result under a scale.</summary>
internal sealed record ScoreResult(
    decimal Total, decimal Base, decimal Bonus, decimal BonusCounted, decimal Penalty, IReadOnlyDictionary<string, decimal> Sections,
    string? Classification, int ClassIndex, IReadOnlyList<decimal> TieKeys, IReadOnlyList<ConditionScore> Conditions);

/// <summary>Pure scoring: scale, unit and values in, points out, all in decimal.</summary>
internal static class Calculator
{
    public static decimal Points(Condition condition, decimal value) => condition.Kind switch
    {
        ConditionKind.Manual or ConditionKind.Bonus => Math.Min(value, condition.MaxPoints),
        ConditionKind.Tiered => condition.Tiers?.Where(t => t.From <= value).OrderByDescending(t => t.From).FirstOrDefault()?.Points ?? 0m,
        ConditionKind.Ratio => Math.Min(condition.MaxPoints,
            Math.Round(condition.MaxPoints * value / (condition.Target ?? 1m), 2, MidpointRounding.AwayFromZero)),
        ConditionKind.YesNo => value >= 1 ? condition.MaxPoints : 0m,
        ConditionKind.Penalty => -Math.Min(condition.MaxPoints, value * (condition.PointsPerOccurrence ?? 0m)),
        _ => 0m,
    };

    /// <summary>Scores a unit: <paramref name="values"/> are the entered values by condition code; computed conditions read <paramref name="facts"/>.</summary>
    public static ScoreResult Score(ScaleContent scale, Sector sector, UnitLevel level, IReadOnlyDictionary<string, decimal> values, UnitFacts facts)
    {
        var scores = new List<ConditionScore>();
        foreach (var (section, condition) in scale.AllConditions)
        {
            var applicable = condition.AppliesTo(sector, level);
            decimal? value = condition.Source is { } source ? facts.ValueOf(source) : values.TryGetValue(condition.Code, out var v) ? v : null;
            var points = applicable && value is { } x ? Points(condition, x) : 0m;
            scores.Add(new ConditionScore(condition.Code, section.Code, condition.Kind, applicable, condition.Source is not null, applicable ? value : null, points));
        }
        var sections = scale.Sections.ToDictionary(s => s.Code,
            s => scores.Where(c => c.SectionCode == s.Code && c.Kind is not (ConditionKind.Bonus or ConditionKind.Penalty)).Sum(c => c.Points));
        var baseTotal = sections.Values.Sum();
        var bonus = scores.Where(c => c.Kind == ConditionKind.Bonus).Sum(c => c.Points);
        var bonusCounted = Math.Min(bonus, scale.BonusCap);
        var penalty = -scores.Where(c => c.Kind == ConditionKind.Penalty).Sum(c => c.Points);
        var total = baseTotal + bonusCounted - penalty;
        var classIndex = Classify(scale, total, scores, facts);
        var tieKeys = (scale.TieBreaks ?? []).Select(t => t.Kind switch
        {
            TieBreakKind.SectionTotal => sections.GetValueOrDefault(t.SectionCode ?? ""),
            TieBreakKind.FewerPenalties => -penalty,
            TieBreakKind.MoreBonus => bonusCounted,
            _ => 0m,
        }).ToList();
        return new ScoreResult(total, baseTotal, bonus, bonusCounted, penalty, sections,
            classIndex < scale.Classes.Count ? scale.Classes[classIndex].Name : null, classIndex, tieKeys, scores);
    }

    private static int Classify(ScaleContent scale, decimal total, List<ConditionScore> scores, UnitFacts facts)
    {
        for (var i = 0; i < scale.Classes.Count; i++)
        {
            var rule = scale.Classes[i];
            if (total < rule.MinTotal)
                continue;
            if (rule.NoUnexcusedAbsence && facts.BriefingUnexcusedAbsences > 0)
                continue;
            if ((rule.FullConditions ?? []).Any(code => scores.FirstOrDefault(s => s.Code == code) is not { } s
                    || s.Points < (scale.Find(code)?.MaxPoints ?? 0)))
                continue;
            return i;
        }
        return scale.Classes.Count;
    }
}
