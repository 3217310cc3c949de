using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Organisation.Units;

// Every event carries the domain's effective date (when the decision took effect) and the decision itself;
// the recorded time lives in the event store.

internal sealed record UnitEstablished(
    Guid UnitId,
    string Code,
    string Name,
    string ShortName,
    UnitLevel Level,
    Sector Sector,
    OrganisationKind Organisation,
    Guid? ParentId,
    Guid? UnionUnitId,
    IReadOnlyList<Guid> PredecessorIds,
    DateOnly EffectiveDate,
    Decision Decision);

internal sealed record UnitRenamed(Guid UnitId, string Name, string ShortName, DateOnly EffectiveDate, Decision Decision);

internal sealed record UnitMoved(Guid UnitId, Guid? FromParentId, Guid ToParentId, DateOnly EffectiveDate, Decision Decision);

internal sealed record UnitReclassified(Guid UnitId, UnitLevel Level, Sector Sector, DateOnly EffectiveDate, Decision Decision);

/// <summary>The unit ceased, split into <paramref name="SuccessorIds"/> (each starts with UnitEstablished naming it as predecessor).</summary>
internal sealed record UnitSplit(Guid UnitId, IReadOnlyList<Guid> SuccessorIds, DateOnly EffectiveDate, Decision Decision);

/// <summary>The unit ceased, merged into <paramref name="IntoUnitId"/>.</summary>
internal sealed record UnitMerged(Guid UnitId, Guid IntoUnitId, DateOnly EffectiveDate, Decision Decision);

/// <summary>On the merge target: the units merged into it (the history link).</summary>
internal sealed record UnitsAbsorbed(Guid UnitId, IReadOnlyList<Guid> MergedUnitIds, DateOnly EffectiveDate, Decision Decision);

internal sealed record UnitDissolved(Guid UnitId, DateOnly EffectiveDate, Decision Decision);

internal static class UnitEvents
{
    public static readonly Type[] All =
    [
        typeof(UnitEstablished), typeof(UnitRenamed), typeof(UnitMoved), typeof(UnitReclassified),
        typeof(UnitSplit), typeof(UnitMerged), typeof(UnitsAbsorbed), typeof(UnitDissolved),
    ];

    public static void Register(DoanPlatform.EventStore.EventTypes events) => events
        .Add<UnitEstablished>("organisation.unit_established")
        .Add<UnitRenamed>("organisation.unit_renamed")
        .Add<UnitMoved>("organisation.unit_moved")
        .Add<UnitReclassified>("organisation.unit_reclassified")
        .Add<UnitSplit>("organisation.unit_split")
        .Add<UnitMerged>("organisation.unit_merged")
        .Add<UnitsAbsorbed>("organisation.units_absorbed")
        .Add<UnitDissolved>("organisation.unit_dissolved");
}
