using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Organisation.Clusters;

/// <summary>A cụm thi đua for one year under one issuing unit.</summary>
internal sealed record EmulationCluster(Guid Id, Guid IssuingUnitId, int Year, string Name, IReadOnlyList<Guid> Members, Guid? HeadUnitId, Guid? DeputyUnitId)
    : IAggregate<EmulationCluster>
{
    public static EmulationCluster Initial { get; } = new(Guid.Empty, Guid.Empty, 0, "", [], null, null);

    public EmulationCluster Evolve(object @event) => @event switch
    {
        ClusterFormed e => this with { Id = e.ClusterId, IssuingUnitId = e.IssuingUnitId, Year = e.Year, Name = e.Name },
        UnitAssignedToCluster e => this with { Members = [.. Members, e.UnitId] },
        UnitRemovedFromCluster e => this with
        {
            Members = [.. Members.Where(m => m != e.UnitId)],
            HeadUnitId = HeadUnitId == e.UnitId ? null : HeadUnitId,
            DeputyUnitId = DeputyUnitId == e.UnitId ? null : DeputyUnitId,
        },
        ClusterLeadersNamed e => this with { HeadUnitId = e.HeadUnitId, DeputyUnitId = e.DeputyUnitId },
        _ => this,
    };
}

internal static class ClusterDecisions
{
    public static ClusterFormed Form(Guid clusterId, Guid issuingUnitId, int year, string name, DateOnly effectiveDate, Decision decision)
    {
        if (year is < 1950 or > 2200)
            throw Text.Invalid("year", "Năm không hợp lệ.");
        return new ClusterFormed(clusterId, issuingUnitId, year, Text.Required(name, "name"), effectiveDate, decision);
    }

    /// <param name="currentCluster">The cluster of the same issuing unit and year the unit already sits in, if any.</param>
    public static UnitAssignedToCluster Assign(EmulationCluster cluster, Guid unitId, string unitName, string? currentCluster, DateOnly effectiveDate, Decision decision)
    {
        if (cluster.Members.Contains(unitId))
            throw new DomainRuleException($"{unitName} đã thuộc {cluster.Name} năm {cluster.Year}.");
        if (currentCluster is not null)
            throw new DomainRuleException(
                $"{unitName} đã thuộc {currentCluster} năm {cluster.Year}; mỗi đơn vị chỉ thuộc một cụm thi đua của cùng đơn vị ban hành trong một năm.");
        return new UnitAssignedToCluster(cluster.Id, unitId, effectiveDate, decision);
    }

    public static UnitRemovedFromCluster Remove(EmulationCluster cluster, Guid unitId, DateOnly effectiveDate, Decision decision) =>
        cluster.Members.Contains(unitId)
            ? new UnitRemovedFromCluster(cluster.Id, unitId, effectiveDate, decision)
            : throw new DomainRuleException($"Đơn vị không thuộc {cluster.Name}.");

    public static ClusterLeadersNamed NameLeaders(EmulationCluster cluster, Guid headUnitId, Guid? deputyUnitId, DateOnly effectiveDate, Decision decision)
    {
        if (!cluster.Members.Contains(headUnitId) || (deputyUnitId is { } d && !cluster.Members.Contains(d)))
            throw new DomainRuleException($"Cụm trưởng và cụm phó phải là đơn vị thuộc {cluster.Name}.");
        if (headUnitId == deputyUnitId)
            throw new DomainRuleException("Cụm trưởng và cụm phó phải là hai đơn vị khác nhau.");
        return new ClusterLeadersNamed(cluster.Id, headUnitId, deputyUnitId, effectiveDate, decision);
    }
}
