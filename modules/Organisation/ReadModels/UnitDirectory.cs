using System.Globalization;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Npgsql;

namespace DoanPlatform.Organisation.ReadModels;

/// <summary>Other modules' view of units and officials, over the unit tree's validity intervals.</summary>
internal sealed class UnitDirectory(IDocumentStore store) : IUnitDirectory
{
    private static readonly StringComparer Vietnamese = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: false);

    private const string Columns = "unit_id, parent_id, code, name, short_name, level, sector";
    private const string ValidOn = "valid_from <= $2 and (valid_to is null or valid_to > $2)";

    public async Task<UnitSummary?> FindAsync(Guid unitId, DateOnly asOf, CancellationToken ct = default) =>
        (await ReadAsync($"select {Columns} from {Db.Schema}.unit_versions where unit_id = $1 and {ValidOn}", unitId, asOf, ct)).FirstOrDefault();

    public async Task<IReadOnlyDictionary<Guid, UnitSummary>> FindManyAsync(IReadOnlyCollection<Guid> unitIds, DateOnly asOf, CancellationToken ct = default) =>
        (await ReadAsync($"select {Columns} from {Db.Schema}.unit_versions where unit_id = any($1) and {ValidOn}", unitIds.ToArray(), asOf, ct))
        .ToDictionary(u => u.Id);

    public async Task<UnitSummary?> FindByCodeAsync(string code, DateOnly asOf, CancellationToken ct = default) =>
        (await ReadAsync($"select {Columns} from {Db.Schema}.unit_versions where code = $1 and {ValidOn}", Text.Clean(code), asOf, ct)).FirstOrDefault();

    public async Task<IReadOnlyDictionary<(Guid UnitId, DateOnly AsOf), UnitSummary>> FindManyAsync(IReadOnlyCollection<(Guid UnitId, DateOnly AsOf)> keys,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var command = store.DataSource.CreateCommand($"""
            select v.unit_id, v.parent_id, v.code, v.name, v.short_name, v.level, v.sector, k.d
            from unnest($1::uuid[], $2::date[]) k(id, d)
            join {Db.Schema}.unit_versions v on v.unit_id = k.id and v.valid_from <= k.d and (v.valid_to is null or v.valid_to > k.d)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.UnitId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.AsOf).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var found = new Dictionary<(Guid, DateOnly), UnitSummary>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var unit = Summary(reader);
            found[(unit.Id, reader.GetFieldValue<DateOnly>(7))] = unit;
        }
        return found;
    }

    public async Task<UnitSummary?> FindByCodeAnyTimeAsync(string code, DateOnly asOf, CancellationToken ct = default) =>
        (await ReadAsync($"select {Columns} from {Db.Schema}.unit_versions where code = $1 order by (valid_from <= $2) desc, valid_from desc limit 1",
            Text.Clean(code), asOf, ct)).FirstOrDefault();

    public async Task<IReadOnlyList<UnitSummary>> ChildrenAsync(Guid parentId, DateOnly asOf, CancellationToken ct = default) =>
        [.. (await ReadAsync($"select {Columns} from {Db.Schema}.unit_versions where parent_id = $1 and {ValidOn}", parentId, asOf, ct))
            .OrderBy(u => u.Name, Vietnamese)];

    public async Task<bool> IsWithinAsync(Guid unitId, Guid ancestorId, DateOnly asOf, CancellationToken ct = default) =>
        unitId == ancestorId || (await Features.UnitWrites.ScopeChainAsync(store, unitId, asOf, ct).ConfigureAwait(false)).Contains(ancestorId);

    public async Task<IReadOnlyList<OfficialSummary>> OfficialsAsync(Guid unitId, DateOnly asOf, CancellationToken ct = default) =>
        [.. (await CurrentOfficials.ForUnitAsync(store.DataSource, unitId, asOf, ct).ConfigureAwait(false))
            .Select(o => new OfficialSummary(o.PersonName, o.Position, o.PositionName, o.Term))];

    public async Task<IReadOnlyList<ClusterSummary>> ClustersAsync(Guid issuingUnitId, int year, CancellationToken ct = default) =>
        [.. (await ClusterMembership.ForYearAsync(store.DataSource, issuingUnitId, year, ct).ConfigureAwait(false))
            .Select(c => new ClusterSummary(c.Id, c.Name, [.. c.Members.Select(m => m.UnitId)]))];

    private async Task<List<UnitSummary>> ReadAsync(string sql, object key, DateOnly asOf, CancellationToken ct)
    {
        await using var command = store.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<UnitSummary>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            rows.Add(Summary(reader));
        return rows;
    }

    private static UnitSummary Summary(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
            reader.GetString(4), Enum.Parse<UnitLevel>(reader.GetString(5)), Enum.Parse<Sector>(reader.GetString(6)));
}
