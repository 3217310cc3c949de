using DoanPlatform.Inspections.Contracts;

namespace DoanPlatform.Inspections.Features;

/// <summary>
/// Orders what names a condition (adjustments, reviewed topics) as the unit's scale orders its conditions, asked once per unit and year;
/// a topic without a condition, or a code the scale lacks, follows in the plan's topic order.
/// </summary>
internal sealed class ConditionOrder(IScoringStatus scoring)
{
    private readonly Dictionary<(Guid, int), IReadOnlyList<string>> _scales = [];

    public async Task<IReadOnlyList<T>> SortAsync<T>(IReadOnlyList<T> items, Func<T, (Guid UnitId, int Year, string? Code, int TopicIndex)> key,
        CancellationToken ct)
    {
        var keyed = new List<(T Item, int Position, int Topic, int Index)>(items.Count);
        foreach (var (item, index) in items.Select((item, i) => (item, i)))
        {
            var (unitId, year, code, topic) = key(item);
            if (!_scales.TryGetValue((unitId, year), out var scale))
                _scales[(unitId, year)] = scale = await scoring.ConditionOrderAsync(unitId, year, ct);
            var position = code is null ? -1 : scale.ToList().IndexOf(code);
            keyed.Add((item, position < 0 ? int.MaxValue : position, topic, index));
        }
        return [.. keyed.OrderBy(k => k.Position).ThenBy(k => k.Topic).ThenBy(k => k.Index).Select(k => k.Item)];
    }
}
