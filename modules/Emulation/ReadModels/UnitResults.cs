using DoanPlatform.Emulation.Contracts;
using System.Text.Json;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Organisation.Contracts;
using Npgsql;

namespace DoanPlatform.Emulation.ReadModels;

/// <summary>A unit's locked (or published) result for a year.</summary>
internal sealed record UnitResult(
    Guid UnitId, int Year, Guid IssuingUnitId, Guid ScaleId, string Status, decimal Total, decimal Base, decimal Bonus, decimal Penalty,
    IReadOnlyDictionary<string, decimal> Sections, string? Classification, int ClassIndex, IReadOnlyList<decimal> TieKeys, string? TopAward);

/// <summary>A unit's line in a cluster ranking.</summary>
internal sealed record RankingRow(int Rank, Guid UnitId, string UnitName, decimal Total, IReadOnlyDictionary<string, decimal> Sections, decimal Bonus,
    decimal Penalty, string? Classification, string Status, string? ProposedAward);

internal sealed record ClusterRanking(Guid ClusterId, string Cluster, IReadOnlyList<RankingRow> Rows);

/// <summary>Locked and published results per unit and year; rankings are ordered from them by each year's cluster assignment.</summary>
internal sealed class UnitResultsProjection : IProjection
{
    public const string ProjectionName = "emulation.unit_results";
    public string Name => ProjectionName;
    public string Schema => EmulationSchema.Name;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(ScoresLocked), typeof(ResultPublished), typeof(ScoringReopened)];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".unit_results (
            sheet_id uuid primary key, unit_id uuid not null, year int not null, issuing_unit_id uuid not null, scale_id uuid not null,
            status text not null, total numeric not null, base numeric not null, bonus numeric not null, penalty numeric not null,
            sections jsonb not null, classification text, class_index int not null, tie_keys jsonb not null, top_award text);
        create index if not exists unit_results_year on "{schema}".unit_results (issuing_unit_id, year);
        """;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var table = context.Table("unit_results");
        var batch = context.Batch();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case ScoresLocked x:
                    batch.Add($"""
                        insert into {table} values ($1, $2, $3, $4, $5, 'Locked', $6, $7, $8, $9, $10, $11, $12, $13, $14)
                        on conflict (sheet_id) do update set status = 'Locked', scale_id = excluded.scale_id, total = excluded.total, base = excluded.base,
                            bonus = excluded.bonus, penalty = excluded.penalty, sections = excluded.sections, classification = excluded.classification,
                            class_index = excluded.class_index, tie_keys = excluded.tie_keys, top_award = excluded.top_award
                        """, x.SheetId, x.UnitId, x.Year, x.IssuingUnitId, x.ScaleId, x.Total, x.Base, x.Bonus, x.Penalty,
                        new NpgsqlParameter { Value = JsonSerializer.Serialize(x.Sections), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb },
                        new NpgsqlParameter { Value = (object?)x.Classification ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                        x.ClassIndex,
                        new NpgsqlParameter { Value = JsonSerializer.Serialize(x.TieKeys), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb },
                        new NpgsqlParameter { Value = (object?)x.TopAward ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                    break;
                case ResultPublished x:
                    batch.Add($"update {table} set status = 'Published' where sheet_id = $1", x.SheetId);
                    break;
                case ScoringReopened x:
                    batch.Add($"delete from {table} where sheet_id = $1", x.SheetId);
                    break;
            }
        }
        await batch.ExecuteAsync(ct).ConfigureAwait(false);
    }
}

internal static class UnitResults
{
    private static readonly StringComparer Vietnamese = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: false);

    public static async Task<IReadOnlyList<UnitResult>> ForYearAsync(NpgsqlDataSource db, Guid issuingUnitId, int year, CancellationToken ct)
    {
        await using var command = Sql.Command(db, $"""
            select unit_id, year, issuing_unit_id, scale_id, status, total, base, bonus, penalty, sections::text, classification, class_index, tie_keys::text, top_award
            from {EmulationSchema.Name}.unit_results where issuing_unit_id = $1 and year = $2
            """, issuingUnitId, year);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<UnitResult>();
        while (await reader.ReadAsync(ct))
            rows.Add(new UnitResult(reader.GetGuid(0), reader.GetInt32(1), reader.GetGuid(2), reader.GetGuid(3), reader.GetString(4), reader.GetDecimal(5),
                reader.GetDecimal(6), reader.GetDecimal(7), reader.GetDecimal(8), JsonSerializer.Deserialize<Dictionary<string, decimal>>(reader.GetString(9))!,
                reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetInt32(11), JsonSerializer.Deserialize<List<decimal>>(reader.GetString(12))!,
                reader.IsDBNull(13) ? null : reader.GetString(13)));
        return rows;
    }

    /// <summary>
    /// Each cluster the issuing unit set for the year, its members as the year's assignment says, ranked by total then the
    /// scale's tie-breaks; units still equal share a rank (1, 2, 2, 4). The top unit of a cluster in the top class is proposed for the award.
    /// </summary>
    public static async Task<IReadOnlyList<ClusterRanking>> RankingsAsync(NpgsqlDataSource db, IUnitDirectory directory, Guid issuingUnitId, int year,
        CancellationToken ct)
    {
        var results = (await ForYearAsync(db, issuingUnitId, year, ct)).ToDictionary(r => r.UnitId);
        var clusters = await directory.ClustersAsync(issuingUnitId, year, ct);
        var names = await directory.FindManyAsync([.. clusters.SelectMany(c => c.Members)], new DateOnly(year, 12, 31), ct);
        var rankings = new List<ClusterRanking>();
        foreach (var cluster in clusters)
        {
            string Name(Guid id) => names.TryGetValue(id, out var unit) ? unit.Name : id.ToString();
            var ordered = cluster.Members.Where(results.ContainsKey).Select(u => results[u])
                .Order(Comparer<UnitResult>.Create((a, b) => Compare(a, b) is var c and not 0 ? c : Vietnamese.Compare(Name(a.UnitId), Name(b.UnitId))))
                .ToList();
            var rows = new List<RankingRow>();
            for (var i = 0; i < ordered.Count; i++)
            {
                var rank = i > 0 && Compare(ordered[i - 1], ordered[i]) == 0 ? rows[i - 1].Rank : i + 1;
                var r = ordered[i];
                rows.Add(new RankingRow(rank, r.UnitId, Name(r.UnitId), r.Total, r.Sections,
                    r.Bonus, r.Penalty, r.Classification, r.Status, rank == 1 && r.ClassIndex == 0 ? r.TopAward : null));
            }
            rankings.Add(new ClusterRanking(cluster.Id, cluster.Name, rows));
        }
        return rankings;
    }

    private static int Compare(UnitResult a, UnitResult b)
    {
        var byTotal = b.Total.CompareTo(a.Total);
        if (byTotal != 0)
            return byTotal;
        for (var i = 0; i < Math.Min(a.TieKeys.Count, b.TieKeys.Count); i++)
        {
            var byKey = b.TieKeys[i].CompareTo(a.TieKeys[i]);
            if (byKey != 0)
                return byKey;
        }
        return 0;
    }
}
