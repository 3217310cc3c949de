using System.Globalization;
using DoanPlatform.Emulation.Contracts;
using DoanPlatform.Emulation.ReadModels;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Emulation.Features;

/// <summary>The scale catalogue and the cluster rankings for other modules (Reporting), over this module's own read models.</summary>
internal sealed class EmulationQueries(IDocumentStore store, IUnitDirectory units) : IScaleCatalog, IClusterRankings
{
    public async Task<IReadOnlyList<ScaleOutline>> ScalesAsync(Guid issuingUnitId, int year, CancellationToken ct = default)
    {
        var outlines = new List<ScaleOutline>();
        await using var query = store.QuerySession();
        foreach (var summary in await ScaleList.ForIssuersAsync(store.DataSource, [issuingUnitId], year, ct))
        {
            if (summary.Status == nameof(ScaleStatus.Draft) || await query.Events.AggregateStreamAsync<Scale>(summary.ScaleId, ct: ct) is not { } scale)
                continue;
            outlines.Add(new ScaleOutline(scale.Id, scale.Number, scale.Content.Name, scale.Status == ScaleStatus.Superseded,
                [.. scale.Content.AllConditions.Select(x => new ScaleConditionInfo(x.Condition.Code, x.Condition.Title, x.Section.Code, x.Section.Title,
                    x.Condition.MaxPoints, Measure(x.Condition)))]));
        }
        return outlines;
    }

    /// <summary>What the value a unit enters for <paramref name="condition"/> counts, as the yearly review labels it.</summary>
    internal static string Measure(Condition condition) => condition.Kind switch
    {
        ConditionKind.Manual => "Điểm",
        ConditionKind.Bonus => "Điểm thưởng",
        ConditionKind.Tiered when condition.Source == ComputedSource.BriefingAbsences => "Số lần vắng",
        ConditionKind.Tiered => "Số lượng",
        ConditionKind.Ratio when condition.Source == ComputedSource.TaskCompletionRate => "% hoàn thành",
        ConditionKind.Ratio when condition.Target is null or 100 => "Tỷ lệ %",
        ConditionKind.Ratio => string.Create(CultureInfo.GetCultureInfo("vi-VN"), $"Số đạt/{condition.Target}"),
        ConditionKind.YesNo => "1 đạt, 0 không",
        ConditionKind.Penalty when condition.Source == ComputedSource.BriefingUnexcusedAbsences => "Lần vắng KP",
        ConditionKind.Penalty => "Số lần vi phạm",
        _ => "",
    };

    public async Task<IReadOnlyList<ClusterStanding>> RankingsAsync(Guid issuingUnitId, int year, CancellationToken ct = default) =>
        [.. (await UnitResults.RankingsAsync(store.DataSource, units, issuingUnitId, year, ct)).Select(c => new ClusterStanding(c.ClusterId, c.Cluster,
            [.. c.Rows.Select(r => new RankedUnit(r.Rank, r.UnitId, r.Total, r.Classification, r.Status == "Published", r.ProposedAward))]))];
}
