namespace DoanPlatform.Organisation.Contracts;

/// <summary>A unit as it stood on a date.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="ParentId">Its parent on that date.</param>
/// <param name="Code">Human code, e.g. <c>BRVT.DK-DCD</c>.</param>
/// <param name="Name">Full Vietnamese name on that date.</param>
/// <param name="ShortName">Short name on that date.</param>
/// <param name="Level">Level on that date.</param>
/// <param name="Sector">Sector on that date.</param>
public sealed record UnitSummary(Guid Id, Guid? ParentId, string Code, string Name, string ShortName, UnitLevel Level, Sector Sector);

/// <summary>An official holding a position in a unit on a date.</summary>
/// <param name="PersonName">Full name.</param>
/// <param name="Position">The position.</param>
/// <param name="PositionName">The position in Vietnamese, e.g. "Bí thư".</param>
/// <param name="Term">The term, e.g. "2022–2027".</param>
public sealed record OfficialSummary(string PersonName, Position Position, string PositionName, string Term);

/// <summary>An emulation cluster (cụm/khối thi đua) an issuing unit set for a year, with the units assigned to it for that year.</summary>
/// <param name="Id">Cluster id.</param>
/// <param name="Name">Its name, e.g. "Cụm thi đua số 1".</param>
/// <param name="Members">The units the year's assignment puts in it.</param>
public sealed record ClusterSummary(Guid Id, string Name, IReadOnlyList<Guid> Members);

/// <summary>What other modules may ask the organisation about units (read models, effective dates).</summary>
public interface IUnitDirectory
{
    /// <summary>The unit as of <paramref name="asOf"/>, or null if it did not exist then.</summary>
    Task<UnitSummary?> FindAsync(Guid unitId, DateOnly asOf, CancellationToken ct = default);

    /// <summary>The units among <paramref name="unitIds"/> that existed on <paramref name="asOf"/>, keyed by id.</summary>
    Task<IReadOnlyDictionary<Guid, UnitSummary>> FindManyAsync(IReadOnlyCollection<Guid> unitIds, DateOnly asOf, CancellationToken ct = default);

    /// <summary>Each unit as of its own date, for the pairs where it existed then, in one round trip (e.g. the names along a history).</summary>
    Task<IReadOnlyDictionary<(Guid UnitId, DateOnly AsOf), UnitSummary>> FindManyAsync(IReadOnlyCollection<(Guid UnitId, DateOnly AsOf)> keys,
        CancellationToken ct = default);

    /// <summary>The unit with this code as of <paramref name="asOf"/>, or null.</summary>
    Task<UnitSummary?> FindByCodeAsync(string code, DateOnly asOf, CancellationToken ct = default);

    /// <summary>
    /// The unit that has or had this code (codes are never reused): as of <paramref name="asOf"/>, or as it last stood when it
    /// did not exist then (merged, dissolved); null for a code never given.
    /// </summary>
    Task<UnitSummary?> FindByCodeAnyTimeAsync(string code, DateOnly asOf, CancellationToken ct = default);

    /// <summary>The direct units under <paramref name="parentId"/> as of <paramref name="asOf"/>, sorted as a Vietnamese reader expects.</summary>
    Task<IReadOnlyList<UnitSummary>> ChildrenAsync(Guid parentId, DateOnly asOf, CancellationToken ct = default);

    /// <summary>
    /// True when <paramref name="unitId"/> is <paramref name="ancestorId"/> or lies under it on <paramref name="asOf"/>: what a write naming
    /// another unit (an invitation, a score sheet against a scale) checks, so no write reaches outside the unit's subtree.
    /// </summary>
    Task<bool> IsWithinAsync(Guid unitId, Guid ancestorId, DateOnly asOf, CancellationToken ct = default);

    /// <summary>The officials of a unit in office on <paramref name="asOf"/>.</summary>
    Task<IReadOnlyList<OfficialSummary>> OfficialsAsync(Guid unitId, DateOnly asOf, CancellationToken ct = default);

    /// <summary>The clusters <paramref name="issuingUnitId"/> set for <paramref name="year"/>, with the year's members (not today's).</summary>
    Task<IReadOnlyList<ClusterSummary>> ClustersAsync(Guid issuingUnitId, int year, CancellationToken ct = default);
}
