using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Organisation.Clusters;

internal sealed record ClusterFormed(Guid ClusterId, Guid IssuingUnitId, int Year, string Name, DateOnly EffectiveDate, Decision Decision);

internal sealed record UnitAssignedToCluster(Guid ClusterId, Guid UnitId, DateOnly EffectiveDate, Decision Decision);

internal sealed record UnitRemovedFromCluster(Guid ClusterId, Guid UnitId, DateOnly EffectiveDate, Decision Decision);

/// <summary>The year's head (cụm trưởng) and deputy (cụm phó) of the cluster; they rotate yearly.</summary>
internal sealed record ClusterLeadersNamed(Guid ClusterId, Guid HeadUnitId, Guid? DeputyUnitId, DateOnly EffectiveDate, Decision Decision);

internal static class ClusterEvents
{
    public static readonly Type[] All = [typeof(ClusterFormed), typeof(UnitAssignedToCluster), typeof(UnitRemovedFromCluster), typeof(ClusterLeadersNamed)];

    public static void Register(DoanPlatform.EventStore.EventTypes events) => events
        .Add<ClusterFormed>("organisation.cluster_formed")
        .Add<UnitAssignedToCluster>("organisation.unit_assigned_to_cluster")
        .Add<UnitRemovedFromCluster>("organisation.unit_removed_from_cluster")
        .Add<ClusterLeadersNamed>("organisation.cluster_leaders_named");
}
