using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Organisation.Units;
using Npgsql;

namespace DoanPlatform.Organisation.ReadModels;

internal sealed record TreeNode(Guid Id, Guid? ParentId, string Code, string Name, string ShortName, string Level, string Sector,
    string Organisation, DateOnly ValidFrom, DateOnly? ValidTo, int Depth);

/// <summary>
/// Each unit's validity intervals over effective dates: parent, code, names, level, sector from/to. The tree,
/// ancestors and descendants as of any date are range queries (recursive CTEs), never replays.
/// </summary>
internal sealed class UnitTreeProjection : IProjection
{
    public const string ProjectionName = "organisation.unit_tree";
    public string Name => ProjectionName;
    public string Schema => Db.Schema;
    public IReadOnlyCollection<Type> EventTypes { get; } = UnitEvents.All;

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".unit_versions (
            unit_id uuid not null,
            valid_from date not null,
            valid_to date,
            parent_id uuid,
            code text not null,
            name text not null,
            short_name text not null,
            level text not null,
            sector text not null,
            organisation text not null,
            primary key (unit_id, valid_from));
        create index if not exists unit_versions_parent on "{schema}".unit_versions (parent_id, valid_from);
        create index if not exists unit_versions_code on "{schema}".unit_versions (code);
        """;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var t = context.Table("unit_versions");
        var established = new List<UnitEstablished>();
        foreach (var e in events)
        {
            if (e.Data is UnitEstablished unit)
            {
                established.Add(unit);
                continue;
            }
            // Later changes may concern the units just established: flush them first, keeping event order.
            await InsertAsync(context, t, established, ct).ConfigureAwait(false);
            NpgsqlCommand? command = e.Data switch
            {
                UnitRenamed x => Change(context, t, x.UnitId, x.EffectiveDate, "name = @name, short_name = @short").Str("name", x.Name).Str("short", x.ShortName),
                UnitMoved x => Change(context, t, x.UnitId, x.EffectiveDate, "parent_id = @parent").Id("parent", x.ToParentId),
                UnitReclassified x => Change(context, t, x.UnitId, x.EffectiveDate, "level = @level, sector = @sector")
                    .Str("level", x.Level.ToString()).Str("sector", x.Sector.ToString()),
                UnitSplit x => End(context, t, x.UnitId, x.EffectiveDate),
                UnitMerged x => End(context, t, x.UnitId, x.EffectiveDate),
                UnitDissolved x => End(context, t, x.UnitId, x.EffectiveDate),
                _ => null,
            };
            if (command is null)
                continue;
            await using (command)
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await InsertAsync(context, t, established, ct).ConfigureAwait(false);
    }

    // One statement for a run of establishments (an import is thousands of them).
    private static async Task InsertAsync(ProjectionContext context, string t, List<UnitEstablished> units, CancellationToken ct)
    {
        if (units.Count == 0)
            return;
        await using var command = context.Command($"""
            insert into {t} (unit_id, valid_from, valid_to, parent_id, code, name, short_name, level, sector, organisation)
            select u.id, u.eff, null, u.parent, u.code, u.name, u.short, u.level, u.sector, u.org
            from unnest(@id, @eff, @parent, @code, @name, @short, @level, @sector, @org) as u(id, eff, parent, code, name, short, level, sector, org)
            on conflict do nothing
            """);
        void Add<T>(string name, NpgsqlTypes.NpgsqlDbType type, Func<UnitEstablished, T> value) =>
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Array | type) { Value = units.Select(value).ToArray() });
        Add("id", NpgsqlTypes.NpgsqlDbType.Uuid, u => u.UnitId);
        Add("eff", NpgsqlTypes.NpgsqlDbType.Date, u => u.EffectiveDate);
        Add("parent", NpgsqlTypes.NpgsqlDbType.Uuid, u => u.ParentId);
        Add("code", NpgsqlTypes.NpgsqlDbType.Text, u => u.Code);
        Add("name", NpgsqlTypes.NpgsqlDbType.Text, u => u.Name);
        Add("short", NpgsqlTypes.NpgsqlDbType.Text, u => u.ShortName);
        Add("level", NpgsqlTypes.NpgsqlDbType.Text, u => u.Level.ToString());
        Add("sector", NpgsqlTypes.NpgsqlDbType.Text, u => u.Sector.ToString());
        Add("org", NpgsqlTypes.NpgsqlDbType.Text, u => u.Organisation.ToString());
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        units.Clear();
    }

    // Closes the open interval at the effective date and opens a new one with the change applied
    // (or changes the open interval in place when it starts on that very date).
    private static NpgsqlCommand Change(ProjectionContext context, string t, Guid unitId, DateOnly effective, string set) =>
        context.Command($"""
            insert into {t} (unit_id, valid_from, valid_to, parent_id, code, name, short_name, level, sector, organisation)
                select unit_id, @eff, null, parent_id, code, name, short_name, level, sector, organisation
                from {t} where unit_id = @id and valid_to is null and valid_from < @eff;
            update {t} set valid_to = @eff where unit_id = @id and valid_to is null and valid_from < @eff;
            update {t} set {set} where unit_id = @id and valid_from = @eff;
            """).Id("id", unitId).Date("eff", effective);

    private static NpgsqlCommand End(ProjectionContext context, string t, Guid unitId, DateOnly effective) =>
        context.Command($"update {t} set valid_to = @eff where unit_id = @id and valid_to is null").Id("id", unitId).Date("eff", effective);
}

/// <summary>Queries over <see cref="UnitTreeProjection"/>'s intervals.</summary>
internal static class UnitTree
{
    private const string T = $"\"{Db.Schema}\".unit_versions";
    private const string Columns = "unit_id, parent_id, code, name, short_name, level, sector, organisation, valid_from, valid_to";
    private const string ValidAt = "valid_from <= @d and (valid_to is null or valid_to > @d)";

    private static TreeNode Map(NpgsqlDataReader r) => new(r.GetGuid(0), r.NullableGuid(1), r.GetString(2), r.GetString(3), r.GetString(4),
        r.GetString(5), r.GetString(6), r.GetString(7), r.GetFieldValue<DateOnly>(8), r.NullableDate(9), r.GetInt32(10));

    /// <summary>The whole tree, or one unit's subtree, as of an effective date, depth-first.</summary>
    public static async Task<IReadOnlyList<TreeNode>> AsOfAsync(NpgsqlDataSource db, DateOnly date, Guid? root, CancellationToken ct)
    {
        var start = root is null ? $"parent_id is null or parent_id not in (select unit_id from {T} where {ValidAt})" : "unit_id = @root";
        await using var command = db.CreateCommand($"""
            with recursive tree as (
                select {Columns}, 0 as depth from {T} where {ValidAt} and ({start})
                union all
                select c.unit_id, c.parent_id, c.code, c.name, c.short_name, c.level, c.sector, c.organisation, c.valid_from, c.valid_to,
                       tree.depth + 1
                from {T} c join tree on c.parent_id = tree.unit_id
                where c.valid_from <= @d and (c.valid_to is null or c.valid_to > @d))
            select {Columns}, depth from tree
            """).Date("d", date).Id("root", root);
        var rows = await command.ListAsync(Map, ct).ConfigureAwait(false);
        return DepthFirst(rows);
    }

    /// <summary>The chain of parents of a unit as of a date, nearest first.</summary>
    public static async Task<IReadOnlyList<TreeNode>> AncestorsAsync(NpgsqlDataSource db, Guid unitId, DateOnly date, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            with recursive chain as (
                select {Columns}, 0 as depth from {T} where unit_id = @id and {ValidAt}
                union all
                select p.unit_id, p.parent_id, p.code, p.name, p.short_name, p.level, p.sector, p.organisation, p.valid_from, p.valid_to, chain.depth + 1
                from {T} p join chain on p.unit_id = chain.parent_id
                where p.valid_from <= @d and (p.valid_to is null or p.valid_to > @d) and chain.depth < 64)
            select {Columns}, depth from chain where depth > 0 order by depth
            """).Id("id", unitId).Date("d", date);
        return await command.ListAsync(Map, ct).ConfigureAwait(false);
    }

    /// <summary>Every unit below a unit as of a date, depth-first (depth 1 = direct units).</summary>
    public static async Task<IReadOnlyList<TreeNode>> DescendantsAsync(NpgsqlDataSource db, Guid unitId, DateOnly date, CancellationToken ct)
    {
        var tree = await AsOfAsync(db, date, unitId, ct).ConfigureAwait(false);
        return [.. tree.Where(n => n.Depth > 0)];
    }

    /// <summary>
    /// The unit and its parents for access checks: as of the date, or, for a unit not valid then (dissolved,
    /// merged), as of its last interval, so its data stays within the scope it ended in.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> ScopeChainAsync(NpgsqlDataSource db, Guid unitId, DateOnly date, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            with recursive chain as (
                select v.unit_id, v.parent_id, 0 as depth from (
                    select unit_id, parent_id from {T} where unit_id = @id
                    order by (valid_from <= @d) desc, valid_from desc limit 1) v
                union all
                select p.unit_id, p.parent_id, chain.depth + 1 from chain cross join lateral (
                    select unit_id, parent_id from {T} where unit_id = chain.parent_id
                    order by (valid_from <= @d) desc, valid_from desc limit 1) p
                where chain.depth < 64)
            select unit_id from chain order by depth
            """).Id("id", unitId).Date("d", date);
        return await command.ListAsync(r => r.GetGuid(0), ct).ConfigureAwait(false);
    }

    /// <summary>Units currently under a unit (open intervals), whatever their effective dates.</summary>
    public static async Task<IReadOnlyList<Guid>> ActiveChildrenAsync(NpgsqlDataSource db, Guid unitId, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"select unit_id from {T} where parent_id = @id and valid_to is null order by code").Id("id", unitId);
        return await command.ListAsync(r => r.GetGuid(0), ct).ConfigureAwait(false);
    }

    /// <summary>The unit ids already using any of these codes.</summary>
    public static async Task<IReadOnlyDictionary<string, Guid>> IdsByCodeAsync(NpgsqlDataSource db, IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"select distinct on (code) code, unit_id from {T} where code = any(@codes) order by code, valid_from desc");
        command.Parameters.Add(new NpgsqlParameter("codes", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = codes.ToArray() });
        var rows = await command.ListAsync(r => (Code: r.GetString(0), Id: r.GetGuid(1)), ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Code, r => r.Id, StringComparer.Ordinal);
    }

    // Depth-first, siblings sorted with the Vietnamese collation.
    private static List<TreeNode> DepthFirst(List<TreeNode> rows)
    {
        var byParent = rows.ToLookup(r => r.ParentId);
        var result = new List<TreeNode>(rows.Count);
        void Visit(TreeNode node)
        {
            result.Add(node);
            foreach (var child in byParent[node.Id].Where(c => c.Depth == node.Depth + 1).OrderBy(c => c.Name, Comparer<string>.Create(Vietnamese.Compare)))
                Visit(child);
        }
        foreach (var root in rows.Where(r => r.Depth == 0).OrderBy(r => r.Name, Comparer<string>.Create(Vietnamese.Compare)))
            Visit(root);
        return result;
    }
}
