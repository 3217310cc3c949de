namespace DoanPlatform.Emulation.Contracts;

/// <summary>One condition (điều kiện chấm) of a scale, as the scale orders it.</summary>
/// <param name="Code">The condition's code, e.g. <c>A1</c>.</param>
/// <param name="Title">Its title, in Vietnamese.</param>
/// <param name="SectionCode">The code of the section (phần) it belongs to.</param>
/// <param name="SectionTitle">That section's title.</param>
/// <param name="MaxPoints">The most points it can give (for a penalty, the most it can take away).</param>
/// <param name="Measure">What a unit's value for it counts, in Vietnamese ("Điểm", "Tỷ lệ (%)", "Số lần vắng giao ban", …): the value is not its points.</param>
public sealed record ScaleConditionInfo(string Code, string Title, string SectionCode, string SectionTitle, decimal MaxPoints, string Measure = "");

/// <summary>A published scale (or an amended one since superseded) of an issuing unit's year, its conditions in the scale's order.</summary>
/// <param name="ScaleId">The scale (the id score sheets name).</param>
/// <param name="Number">Its version number within the issuer's year.</param>
/// <param name="Name">Its name.</param>
/// <param name="Superseded">True when a published amendment replaced it.</param>
/// <param name="Conditions">Every condition, in order.</param>
public sealed record ScaleOutline(Guid ScaleId, int Number, string Name, bool Superseded, IReadOnlyList<ScaleConditionInfo> Conditions);

/// <summary>Answered by the Emulation module: the scales an issuing unit published for a year, so other modules can name and order conditions.</summary>
public interface IScaleCatalog
{
    /// <summary>The issuer's published and superseded (never draft) scales of <paramref name="year"/>, oldest version first.</summary>
    Task<IReadOnlyList<ScaleOutline>> ScalesAsync(Guid issuingUnitId, int year, CancellationToken ct = default);
}

/// <summary>A unit's place in its cluster's ranking.</summary>
/// <param name="Rank">Its rank; units still equal after the scale's tie-breaks share one (1, 2, 2, 4).</param>
/// <param name="UnitId">The unit.</param>
/// <param name="Total">Its locked total.</param>
/// <param name="Classification">Its classification (xếp loại), if the scale gave one.</param>
/// <param name="Published">True once the result was published (công bố), false while only locked.</param>
/// <param name="ProposedAward">The award proposed for a cluster's top unit in the top class, else null.</param>
public sealed record RankedUnit(int Rank, Guid UnitId, decimal Total, string? Classification, bool Published, string? ProposedAward);

/// <summary>One cluster's ranking.</summary>
/// <param name="ClusterId">The cluster.</param>
/// <param name="Cluster">Its name.</param>
/// <param name="Units">Its ranked units (those with a locked or published result), best first.</param>
public sealed record ClusterStanding(Guid ClusterId, string Cluster, IReadOnlyList<RankedUnit> Units);

/// <summary>Answered by the Emulation module: the cluster rankings exactly as its own ranking read model orders them.</summary>
public interface IClusterRankings
{
    /// <summary>Every cluster <paramref name="issuingUnitId"/> set for <paramref name="year"/>, in the issuer's order, each ranked.</summary>
    Task<IReadOnlyList<ClusterStanding>> RankingsAsync(Guid issuingUnitId, int year, CancellationToken ct = default);
}
