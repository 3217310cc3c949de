using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Organisation.Clusters;
using Npgsql;

namespace DoanPlatform.Organisation.ReadModels;

internal sealed record ClusterMemberRow(Guid UnitId, string UnitName, string? Role);

internal sealed record ClusterRow(Guid Id, Guid IssuingUnitId, int Year, string Name, IReadOnlyList<ClusterMemberRow> Members);

/// <summary>
/// Clusters and their members per year. Inline: its unique index (issuing unit, year, unit) is what makes
/// "one cluster per issuing unit per year" hold under concurrent assignments.
/// </summary>
internal sealed class ClusterMembershipProjection : IProjection
{
    public const string ProjectionName = "organisation.cluster_membership";
    public string Name => ProjectionName;
    public string Schema => Db.Schema;
    public IReadOnlyCollection<Type> EventTypes { get; } = ClusterEvents.All;

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".clusters (
            cluster_id uuid primary key, issuing_unit_id uuid not null, year int not null, name text not null,
            head_unit_id uuid, deputy_unit_id uuid);
        create table if not exists "{schema}".cluster_members (
            cluster_id uuid not null, issuing_unit_id uuid not null, year int not null, unit_id uuid not null,
            primary key (cluster_id, unit_id));
        create unique index if not exists cluster_members_one_per_year on "{schema}".cluster_members (issuing_unit_id, year, unit_id);
        """;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var clusters = context.Table("clusters");
        var members = context.Table("cluster_members");
        foreach (var e in events)
        {
            await using var command = e.Data switch
            {
                ClusterFormed x => context.Command($"insert into {clusters} (cluster_id, issuing_unit_id, year, name) values (@c, @u, @y, @n) on conflict do nothing")
                    .Id("c", x.ClusterId).Id("u", x.IssuingUnitId).With("y", x.Year, NpgsqlTypes.NpgsqlDbType.Integer).Str("n", x.Name),
                UnitAssignedToCluster x => context.Command($"""
                    insert into {members} (cluster_id, issuing_unit_id, year, unit_id)
                    select cluster_id, issuing_unit_id, year, @u from {clusters} where cluster_id = @c
                    """).Id("c", x.ClusterId).Id("u", x.UnitId),
                UnitRemovedFromCluster x => context.Command($"""
                    delete from {members} where cluster_id = @c and unit_id = @u;
                    update {clusters} set head_unit_id = nullif(head_unit_id, @u), deputy_unit_id = nullif(deputy_unit_id, @u) where cluster_id = @c
                    """).Id("c", x.ClusterId).Id("u", x.UnitId),
                ClusterLeadersNamed x => context.Command($"update {clusters} set head_unit_id = @h, deputy_unit_id = @d where cluster_id = @c")
                    .Id("c", x.ClusterId).Id("h", x.HeadUnitId).Id("d", x.DeputyUnitId),
                _ => context.Command("select 1"),
            };
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }
}

internal static class ClusterMembership
{
    /// <summary>The name of the cluster of this issuing unit and year the unit sits in, if any.</summary>
    public static async Task<string?> CurrentClusterAsync(NpgsqlDataSource db, Guid issuingUnitId, int year, Guid unitId, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            select c.name from "{Db.Schema}".cluster_members m join "{Db.Schema}".clusters c using (cluster_id)
            where m.issuing_unit_id = @i and m.year = @y and m.unit_id = @u
            """).Id("i", issuingUnitId).With("y", year, NpgsqlTypes.NpgsqlDbType.Integer).Id("u", unitId);
        return (string?)await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Every cluster an issuing unit set for a year, with members (names as of 31/12 of that year) and their roles.</summary>
    public static async Task<IReadOnlyList<ClusterRow>> ForYearAsync(NpgsqlDataSource db, Guid issuingUnitId, int year, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            select c.cluster_id, c.name, m.unit_id, coalesce(v.name, m.unit_id::text, ''),
                   case when m.unit_id = c.head_unit_id then 'Cụm trưởng' when m.unit_id = c.deputy_unit_id then 'Cụm phó' end
            from "{Db.Schema}".clusters c
            left join "{Db.Schema}".cluster_members m using (cluster_id)
            left join lateral (select name from "{Db.Schema}".unit_versions where unit_id = m.unit_id and valid_from <= @end
                               order by valid_from desc limit 1) v on true
            where c.issuing_unit_id = @i and c.year = @y
            order by c.name, m.unit_id
            """).Id("i", issuingUnitId).With("y", year, NpgsqlTypes.NpgsqlDbType.Integer).Date("end", new DateOnly(year, 12, 31));
        var rows = await command.ListAsync(r => (Id: r.GetGuid(0), Name: r.GetString(1), Unit: r.NullableGuid(2), UnitName: r.GetString(3), Role: r.NullableString(4)), ct)
            .ConfigureAwait(false);
        return [.. rows.GroupBy(r => (r.Id, r.Name)).Select(g => new ClusterRow(g.Key.Id, issuingUnitId, year, g.Key.Name,
            [.. g.Where(r => r.Unit is not null).Select(r => new ClusterMemberRow(r.Unit!.Value, r.UnitName, r.Role))
                .OrderBy(m => m.UnitName, Comparer<string>.Create(Vietnamese.Compare))]))];
    }
}
