using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace DoanPlatform.EventStore.Tests;

public sealed record UnitOpened(string Name);
public sealed record UnitRenamed(string Name);
public sealed record PointsScored(int Points);
public sealed record NotRegistered(string Anything);

/// <summary>A small aggregate: a name and a running total.</summary>
public sealed record Tally(string Name, int Total, int Changes) : IAggregate<Tally>
{
    public static Tally Initial { get; } = new("", 0, 0);

    public Tally Evolve(object @event) => @event switch
    {
        UnitOpened e => this with { Name = e.Name, Changes = Changes + 1 },
        UnitRenamed e => this with { Name = e.Name, Changes = Changes + 1 },
        PointsScored e => this with { Total = Total + e.Points, Changes = Changes + 1 },
        _ => this,
    };
}

/// <summary>Counts every event it sees, by sequence: a double count or a skip shows in the rows.</summary>
public sealed class SeenEvents(string name = "seen_events", TimeSpan? delayPerBatch = null) : IProjection
{
    public string Name => name;
    public string Schema => "test_read";
    public IReadOnlyCollection<Type> EventTypes => [];

    public string CreateTablesSql(string schema) =>
        $"create table if not exists \"{schema}\".\"{name}\" (seq bigint primary key, stream_id uuid not null, type text not null, times int not null)";

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        if (delayPerBatch is { } delay)
            await Task.Delay(delay, ct);
        await using var command = context.Command(
            $"insert into {context.Table(name)} (seq, stream_id, type, times) select s, i, t, 1 from unnest($1, $2, $3) as u(s, i, t) " +
            "on conflict (seq) do update set times = excluded.times + 1");
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Sequence).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.StreamId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.EventTypeName).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>Totals of points per stream, for inline use: one upsert per event, sent as one batch, each seeing the rows of those before.</summary>
public sealed class PointTotals : IProjection
{
    public string Name => "point_totals";
    public string Schema => "test_read";
    public IReadOnlyCollection<Type> EventTypes => [typeof(PointsScored)];

    public string CreateTablesSql(string schema) =>
        $"create table if not exists \"{schema}\".point_totals (stream_id uuid primary key, total int not null)";

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var batch = context.Batch();
        foreach (var e in events)
            batch.Add($"insert into {context.Table("point_totals")} values ($1, $2) on conflict (stream_id) do update set total = point_totals.total + excluded.total",
                e.StreamId, ((PointsScored)e.Data).Points);
        await batch.ExecuteAsync(ct);
    }
}

/// <summary>
/// Every event with its stream, version and recorded time: a replay reproduces it only if an inline append hands its projections
/// the version and the recorded_at the database stored.
/// </summary>
public sealed class EventLog : IProjection
{
    public string Name => "event_log";
    public string Schema => "test_read";
    public IReadOnlyCollection<Type> EventTypes => [];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".event_log (
            seq bigint primary key, stream_id uuid not null, version bigint not null, type text not null, recorded_at timestamptz not null, points int)
        """;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        await using var command = context.Command(
            $"insert into {context.Table("event_log")} select * from unnest($1::bigint[], $2::uuid[], $3::bigint[], $4::text[], $5::timestamptz[], $6::int[])");
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Sequence).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.StreamId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.EventTypeName).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Timestamp).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Data is PointsScored p ? p.Points : (int?)null).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }
}

internal static class TestStore
{
    public static async Task<IDocumentStore> CreateAsync(string connectionString, Action<StoreOptions>? configure = null)
    {
        var options = Options(connectionString, configure);
        var store = ServiceCollectionExtensions.CreateStore(options);
        await store.Advanced.ApplySchemaAsync();
        return store;
    }

    public static StoreOptions Options(string connectionString, Action<StoreOptions>? configure = null)
    {
        var options = new StoreOptions { ConnectionString = connectionString, DaemonPollInterval = TimeSpan.FromMilliseconds(20) };
        options.Events.Add<UnitOpened>("test.unit_opened").Add<UnitRenamed>("test.unit_renamed").Add<PointsScored>("test.points_scored");
        configure?.Invoke(options);
        return options;
    }

    public static async Task<long> ScalarAsync(this IDocumentStore store, string sql)
    {
        await using var command = store.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<List<(long Seq, int Times)>> SeenAsync(this IDocumentStore store, string table = "seen_events", string schema = "test_read")
    {
        var rows = new List<(long, int)>();
        await using var command = store.DataSource.CreateCommand($"select seq, times from \"{schema}\".\"{table}\" order by seq");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt64(0), reader.GetInt32(1)));
        return rows;
    }

    public static async Task<List<long>> AllSequencesAsync(this IDocumentStore store)
    {
        var rows = new List<long>();
        await using var command = store.DataSource.CreateCommand("select seq from doan_events.events order by seq");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetInt64(0));
        return rows;
    }

    public static readonly Actor Clerk = new("clerk-1", "Nguyễn Thị Hồng");
}
