using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Testing;
using Npgsql;
using NpgsqlTypes;

namespace DoanPlatform.Bench;

/// <summary>
/// Wall time, client CPU and (approximately) server CPU of one step. Server CPU is the machine's busy time
/// from /proc/stat minus this process's CPU: meaningful on an otherwise idle machine only.
/// </summary>
internal sealed class CpuMeter
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _client = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _busy = BusyJiffies();

    public (double Wall, double Client, double Server) Stop()
    {
        var wall = _wall.Elapsed.TotalSeconds;
        var client = (Process.GetCurrentProcess().TotalProcessorTime - _client).TotalSeconds;
        var busy = (BusyJiffies() - _busy) / 100.0;
        return (wall, client, Math.Max(0, busy - client));
    }

    private static long BusyJiffies()
    {
        if (!File.Exists("/proc/stat"))
            return 0;
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return fields.Sum() - fields[3] - fields[4]; // all but idle and iowait
    }
}

/// <summary>
/// <c>--profile</c>: where the time of each scenario goes, step by step. Variants of one scenario run
/// round-robin (the starting variant rotates each round); each line is the median of its rounds.
/// </summary>
internal sealed class Profile(BenchConfig config)
{
    private readonly Scenarios _scenarios = new(config, TextWriter.Null);
    private readonly JsonSerializerOptions _eventJson = Scenarios.CreateStoreOptions("Host=unused").Events.SerializerOptions;

    /// <summary>One step to time: untimed setup, the timed part, untimed teardown.</summary>
    private sealed record Variant(string Label, Func<Task<object?>> Setup, Func<object?, Task> Measure, Func<object?, Task> Teardown)
    {
        public static Variant Simple(string label, Func<Task> measure) =>
            new(label, () => Task.FromResult<object?>(null), _ => measure(), _ => Task.CompletedTask);
    }

    private static async Task InterleaveAsync(int rounds, long events, IReadOnlyList<Variant> variants)
    {
        var results = variants.Select(_ => new List<(double Wall, double Client, double Server)>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < variants.Count; k++)
            {
                var index = (k + round) % variants.Count;
                var variant = variants[index];
                var state = await variant.Setup();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var meter = new CpuMeter();
                await variant.Measure(state);
                results[index].Add(meter.Stop());
                await variant.Teardown(state);
            }
        }
        for (var i = 0; i < variants.Count; i++)
        {
            var wall = Figure.Median([.. results[i].Select(r => r.Wall)]);
            var client = Figure.Median([.. results[i].Select(r => r.Client)]);
            var server = Figure.Median([.. results[i].Select(r => r.Server)]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {variants[i].Label,-70} {wall,7:F3} s {events / wall,10:N0} ev/s  µs/event: wall {wall * 1e6 / events,7:F1}  client cpu {client * 1e6 / events,6:F1}  server cpu {server * 1e6 / events,6:F1}"));
        }
    }

    public async Task RunAsync(string? section = null)
    {
        Console.WriteLine("profile: server cpu = machine busy time − this process (other work on the machine shows up there)");
        Console.WriteLine();
        if (section is null or "appends")
        {
            await AppendsAsync(1, config.SingleWriterEventsPerRound);
            await AppendsAsync(config.Writers, config.EventsPerWriterPerRound);
        }
        if (section is null or "bulk")
            await BulkAsync();
        if (section is null or "rebuild")
            await RebuildAsync();
        Console.WriteLine($"load average at end: {LoadAverage()}");
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    // ---------------------------------------------------------------- appends

    private async Task AppendsAsync(int writers, int perWriter)
    {
        var total = (long)writers * perWriter;
        Console.WriteLine($"single-event appends, {writers} writer(s), {total:N0} events a round, {config.Rounds} rounds");
        var warm = Math.Max(config.WarmupEventsPerWriter, 10);
        const string noReset = ";No Reset On Close=true";

        var raw = await Scenarios.CreateRawAsync(await PostgresCluster.CreateDatabaseAsync("p_raw"));
        var rawNoReset = await Scenarios.CreateRawAsync(await PostgresCluster.CreateDatabaseAsync("p_raw") + noReset);
        var store = await Scenarios.CreateStoreAsync(await PostgresCluster.CreateDatabaseAsync("p_ours"));
        var storeNoReset = await Scenarios.CreateStoreAsync(await PostgresCluster.CreateDatabaseAsync("p_ours") + noReset);
        var direct = await Scenarios.CreateStoreAsync(await PostgresCluster.CreateDatabaseAsync("p_fn"));
        var noForeignKey = await WithoutForeignKeyAsync(await Scenarios.CreateStoreAsync(await PostgresCluster.CreateDatabaseAsync("p_nofk") + noReset));
        try
        {
            var variants = new[]
            {
                Variant.Simple("raw INSERT, one open connection per writer (the baseline)", () => RawInsertsAsync(raw, writers, perWriter, pooled: false)),
                Variant.Simple("raw INSERT, pooled connection per insert (pool sends DISCARD ALL)", () => RawInsertsAsync(raw, writers, perWriter, pooled: true)),
                Variant.Simple("raw INSERT, pooled connection per insert, No Reset On Close", () => RawInsertsAsync(rawNoReset, writers, perWriter, pooled: true)),
                Variant.Simple("store: session + SaveChangesAsync (as benchmarked)", () => StoreAppendsAsync(store, writers, perWriter)),
                Variant.Simple("store: the same with No Reset On Close=true", () => StoreAppendsAsync(storeNoReset, writers, perWriter)),
                Variant.Simple("append_events(...) called on one open connection per writer", () => FunctionAppendsAsync(direct.DataSource, writers, perWriter)),
                Variant.Simple("  the same, each call preceded by DISCARD ALL (what the pool does)", () => FunctionAppendsAsync(direct.DataSource, writers, perWriter, discard: "discard all")),
                Variant.Simple("  the same, each call preceded by DISCARD PLANS only", () => FunctionAppendsAsync(direct.DataSource, writers, perWriter, discard: "discard plans")),
                Variant.Simple("  plain SQL batch instead: insert/update streams + insert event", () => PlainAppendsAsync(direct.DataSource, writers, perWriter)),
                Variant.Simple("store, No Reset On Close, events→streams foreign key dropped", () => StoreAppendsAsync(noForeignKey, writers, perWriter)),
            };
            // Warm-up: every variant once.
            await RawInsertsAsync(raw, writers, warm, pooled: false);
            await RawInsertsAsync(raw, writers, warm, pooled: true);
            await RawInsertsAsync(rawNoReset, writers, warm, pooled: true);
            await StoreAppendsAsync(store, writers, warm);
            await StoreAppendsAsync(storeNoReset, writers, warm);
            await FunctionAppendsAsync(direct.DataSource, writers, warm);
            await FunctionAppendsAsync(direct.DataSource, writers, warm, discard: "discard all");
            await PlainAppendsAsync(direct.DataSource, writers, warm);
            await StoreAppendsAsync(noForeignKey, writers, warm);
            await InterleaveAsync(config.Rounds, total, variants);
        }
        finally
        {
            await Scenarios.DropAsync(raw);
            await Scenarios.DropAsync(rawNoReset);
            await Scenarios.DropAsync(store);
            await Scenarios.DropAsync(storeNoReset);
            await Scenarios.DropAsync(direct);
            await Scenarios.DropAsync(noForeignKey);
        }
        Console.WriteLine();
    }

    private async Task RawInsertsAsync(NpgsqlDataSource raw, int writers, int perWriter, bool pooled)
    {
        var metadata = JsonSerializer.Serialize(new EventMetadata(Scenarios.BenchActor.Id, Scenarios.BenchActor.Name, Scenarios.Reason));
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            var dedicated = pooled ? null : await raw.OpenConnectionAsync();
            try
            {
                var streamId = Guid.Empty;
                for (var i = 0; i < perWriter; i++)
                {
                    if (i % config.EventsPerStream == 0)
                        streamId = Guid.CreateVersion7();
                    const string sql = "insert into raw_events (id, stream_id, version, type, data, metadata) values ($1, $2, $3, $4, $5, $6)";
                    await using var command = dedicated is null ? raw.CreateCommand(sql) : new NpgsqlCommand(sql, dedicated);
                    command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7(), NpgsqlDbType = NpgsqlDbType.Uuid });
                    command.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Uuid });
                    command.Parameters.Add(new NpgsqlParameter { Value = (long)(i % config.EventsPerStream) + 1, NpgsqlDbType = NpgsqlDbType.Bigint });
                    command.Parameters.Add(new NpgsqlParameter { Value = BenchEvent.Alias, NpgsqlDbType = NpgsqlDbType.Text });
                    command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(BenchEvent.Make(i), _eventJson), NpgsqlDbType = NpgsqlDbType.Jsonb });
                    command.Parameters.Add(new NpgsqlParameter { Value = metadata, NpgsqlDbType = NpgsqlDbType.Jsonb });
                    await command.ExecuteNonQueryAsync();
                }
            }
            finally
            {
                if (dedicated is not null)
                    await dedicated.DisposeAsync();
            }
        })));
    }

    private Task StoreAppendsAsync(IDocumentStore store, int writers, int perWriter) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            var streamId = Guid.Empty;
            long version = 0;
            for (var i = 0; i < perWriter; i++)
            {
                if (i % config.EventsPerStream == 0)
                    (streamId, version) = (Guid.CreateVersion7(), 0);
                var session = store.LightweightSession(Scenarios.BenchActor);
                await using (session)
                {
                    session.Reason = Scenarios.Reason;
                    if (version == 0)
                        session.Events.StartStream<BenchTally>(streamId, BenchEvent.Make(i));
                    else
                        session.Events.Append(streamId, version, BenchEvent.Make(i));
                    await session.SaveChangesAsync();
                }
                version++;
            }
        })));

    private async Task FunctionAppendsAsync(NpgsqlDataSource dataSource, int writers, int perWriter, string? discard = null)
    {
        var metadata = JsonSerializer.Serialize(new EventMetadata(Scenarios.BenchActor.Id, Scenarios.BenchActor.Name, Scenarios.Reason));
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            var streamId = Guid.Empty;
            long version = 0;
            for (var i = 0; i < perWriter; i++)
            {
                if (i % config.EventsPerStream == 0)
                    (streamId, version) = (Guid.CreateVersion7(), 0);
                await using var batch = new NpgsqlBatch(connection);
                if (discard is not null)
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(discard));
                var command = new NpgsqlBatchCommand("select doan_events.append_events($1, $2, $3, $4, $5, $6, $7)");
                command.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Uuid });
                command.Parameters.Add(new NpgsqlParameter { Value = version == 0 ? nameof(BenchTally) : "", NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = version, NpgsqlDbType = NpgsqlDbType.Bigint });
                command.Parameters.Add(new NpgsqlParameter { Value = new[] { Guid.CreateVersion7() }, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
                command.Parameters.Add(new NpgsqlParameter { Value = new[] { BenchEvent.Alias }, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = new[] { JsonSerializer.Serialize(BenchEvent.Make(i), _eventJson) }, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
                command.Parameters.Add(new NpgsqlParameter { Value = new[] { metadata }, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
                batch.BatchCommands.Add(command);
                await batch.ExecuteNonQueryAsync();
                version++;
            }
        })));
    }

    /// <summary>The same writes as append_events without PL/pgSQL: the version check is the update's row count.</summary>
    private async Task PlainAppendsAsync(NpgsqlDataSource dataSource, int writers, int perWriter)
    {
        var metadata = JsonSerializer.Serialize(new EventMetadata(Scenarios.BenchActor.Id, Scenarios.BenchActor.Name, Scenarios.Reason));
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            var streamId = Guid.Empty;
            long version = 0;
            for (var i = 0; i < perWriter; i++)
            {
                if (i % config.EventsPerStream == 0)
                    (streamId, version) = (Guid.CreateVersion7(), 0);
                await using var batch = new NpgsqlBatch(connection);
                var stream = version == 0
                    ? new NpgsqlBatchCommand("insert into doan_events.streams (id, type, version) values ($1, $2, 1)")
                    : new NpgsqlBatchCommand("update doan_events.streams set version = $2 + 1, updated_at = now() where id = $1 and version = $2");
                stream.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Uuid });
                stream.Parameters.Add(version == 0
                    ? new NpgsqlParameter { Value = nameof(BenchTally), NpgsqlDbType = NpgsqlDbType.Text }
                    : new NpgsqlParameter { Value = version, NpgsqlDbType = NpgsqlDbType.Bigint });
                batch.BatchCommands.Add(stream);
                var insert = new NpgsqlBatchCommand(
                    "insert into doan_events.events (id, stream_id, version, type, data, metadata) values ($1, $2, $3, $4, $5, $6) returning seq");
                insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7(), NpgsqlDbType = NpgsqlDbType.Uuid });
                insert.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Uuid });
                insert.Parameters.Add(new NpgsqlParameter { Value = version + 1, NpgsqlDbType = NpgsqlDbType.Bigint });
                insert.Parameters.Add(new NpgsqlParameter { Value = BenchEvent.Alias, NpgsqlDbType = NpgsqlDbType.Text });
                insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(BenchEvent.Make(i), _eventJson), NpgsqlDbType = NpgsqlDbType.Jsonb });
                insert.Parameters.Add(new NpgsqlParameter { Value = metadata, NpgsqlDbType = NpgsqlDbType.Jsonb });
                batch.BatchCommands.Add(insert);
                await using var reader = await batch.ExecuteReaderAsync();
                await reader.NextResultAsync();
                await reader.ReadAsync();
                if (reader.RecordsAffected == 0)
                    throw new InvalidOperationException("version clash");
                version++;
            }
        })));
    }

    private static async Task<IDocumentStore> WithoutForeignKeyAsync(IDocumentStore store)
    {
        await using var drop = store.DataSource.CreateCommand("alter table doan_events.events drop constraint events_stream_id_fkey");
        await drop.ExecuteNonQueryAsync();
        return store;
    }

    // ---------------------------------------------------------------- bulk

    private async Task BulkAsync()
    {
        var (streams, per) = (config.BulkStreams, config.BulkEventsPerStream);
        long total = streams * per;
        Console.WriteLine($"bulk append, {total:N0} events, {config.BulkRounds} rounds, each into a fresh database");
        var input = Scenarios.MakeStreams(streams, per);
        var rows = _scenarios.MakeRows(streams, per);
        var streamIds = rows.StreamIds.Distinct().ToArray();

        // Warm-up once on a small load.
        var warm = await Scenarios.CreateStoreAsync(await PostgresCluster.CreateDatabaseAsync("p_warm"));
        await warm.Advanced.BulkInsertStreamsAsync(Scenarios.MakeStreams(1000, per), Scenarios.BenchActor, Scenarios.Reason);
        await Scenarios.DropAsync(warm);

        async Task<object?> NewRaw() => await Scenarios.CreateRawAsync(await PostgresCluster.CreateDatabaseAsync("p_raw"));
        Task DropRaw(object? state) => Scenarios.DropAsync((NpgsqlDataSource)state!);
        async Task<object?> NewStore() => await Scenarios.CreateStoreAsync(await PostgresCluster.CreateDatabaseAsync("p_ours"));
        async Task<object?> NewStoreWithoutForeignKey() =>
            await WithoutForeignKeyAsync(await Scenarios.CreateStoreAsync(await PostgresCluster.CreateDatabaseAsync("p_ours")));
        Task DropStore(object? state) => Scenarios.DropAsync((IDocumentStore)state!);

        async Task CopyIntoStoreTables(object? state)
        {
            var store = (IDocumentStore)state!;
            await using var connection = await store.DataSource.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using (var writer = await connection.BeginBinaryImportAsync("copy doan_events.streams (id, type, version) from stdin (format binary)"))
            {
                foreach (var id in streamIds)
                {
                    writer.StartRow();
                    writer.Write(id, NpgsqlDbType.Uuid);
                    writer.Write(nameof(BenchTally), NpgsqlDbType.Text);
                    writer.Write((long)per, NpgsqlDbType.Bigint);
                }
                await writer.CompleteAsync();
            }
            await CopyAsync(connection, "doan_events.events", rows, asyncWrites: false);
            await tx.CommitAsync();
        }

        var variants = new[]
        {
            Variant.Simple("client only: serialise every event (the store's options)", () =>
            {
                foreach (var s in input)
                    foreach (var e in s.Events)
                        _ = JsonSerializer.Serialize(e, e.GetType(), _eventJson);
                return Task.CompletedTask;
            }),
            Variant.Simple("client only: Guid.CreateVersion7() per event", () =>
            {
                for (var i = 0; i < total; i++)
                    _ = Guid.CreateVersion7();
                return Task.CompletedTask;
            }),
            new Variant("raw binary COPY, sync Write per field (the baseline)", NewRaw, s => Scenarios.CopyRawAsync((NpgsqlDataSource)s!, rows), DropRaw),
            new Variant("raw binary COPY, WriteAsync per field (as the store writes)", NewRaw, s => CopyAsync((NpgsqlDataSource)s!, "raw_events", rows, asyncWrites: true), DropRaw),
            new Variant("COPY pre-serialised rows into the store's streams + events tables", NewStore, CopyIntoStoreTables, DropStore),
            new Variant("  the same without the events→streams foreign key", NewStoreWithoutForeignKey, CopyIntoStoreTables, DropStore),
            new Variant("store: BulkInsertStreamsAsync (as benchmarked)", NewStore,
                s => ((IDocumentStore)s!).Advanced.BulkInsertStreamsAsync(input, Scenarios.BenchActor, Scenarios.Reason), DropStore),
            new Variant("store: BulkInsertStreamsAsync, events→streams foreign key dropped", NewStoreWithoutForeignKey,
                s => ((IDocumentStore)s!).Advanced.BulkInsertStreamsAsync(input, Scenarios.BenchActor, Scenarios.Reason), DropStore),
        };
        await InterleaveAsync(config.BulkRounds, total, variants);
        Console.WriteLine();
    }

    private static async Task CopyAsync(NpgsqlDataSource dataSource, string table, Scenarios.RawRows rows, bool asyncWrites)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await CopyAsync(connection, table, rows, asyncWrites);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, Scenarios.RawRows rows, bool asyncWrites)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"copy {table} (id, stream_id, version, type, data, metadata) from stdin (format binary)");
        for (var n = 0; n < rows.Ids.Length; n++)
        {
            if (asyncWrites)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(rows.Ids[n], NpgsqlDbType.Uuid);
                await writer.WriteAsync(rows.StreamIds[n], NpgsqlDbType.Uuid);
                await writer.WriteAsync(rows.Versions[n], NpgsqlDbType.Bigint);
                await writer.WriteAsync(BenchEvent.Alias, NpgsqlDbType.Text);
                await writer.WriteAsync(rows.Data[n], NpgsqlDbType.Jsonb);
                await writer.WriteAsync(rows.Metadata, NpgsqlDbType.Jsonb);
            }
            else
            {
                writer.StartRow();
                writer.Write(rows.Ids[n], NpgsqlDbType.Uuid);
                writer.Write(rows.StreamIds[n], NpgsqlDbType.Uuid);
                writer.Write(rows.Versions[n], NpgsqlDbType.Bigint);
                writer.Write(BenchEvent.Alias, NpgsqlDbType.Text);
                writer.Write(rows.Data[n], NpgsqlDbType.Jsonb);
                writer.Write(rows.Metadata, NpgsqlDbType.Jsonb);
            }
        }
        await writer.CompleteAsync();
    }

    // ---------------------------------------------------------------- rebuild

    private const string FeedSql =
        "select seq, id, stream_id, version, type, " +
        "case when $4::text[] is null or type = any($4) then data::text end, metadata::text, recorded_at, tx_id " +
        "from doan_events.events where (tx_id, seq) > ($1, $2) and tx_id < pg_snapshot_xmin(pg_current_snapshot()) order by tx_id, seq limit $3";

    private async Task RebuildAsync()
    {
        var (streams, per) = (config.BulkStreams, config.BulkEventsPerStream);
        long total = streams * per;
        Console.WriteLine($"async rebuild, {total:N0} events, {config.BulkRounds} rounds");

        var warm = await Scenarios.CreateStoreAsync(await PostgresCluster.CreateDatabaseAsync("p_warm"));
        await warm.Advanced.BulkInsertStreamsAsync(Scenarios.MakeStreams(1000, per), Scenarios.BenchActor, Scenarios.Reason);
        await Scenarios.VacuumAsync(warm.DataSource);
        await warm.Advanced.RebuildProjectionAsync(StreamTotalsProjection.ProjectionName);
        await FeedLoopAsync(warm.DataSource, 1000, FeedWork.Deserialise);
        await Scenarios.DropAsync(warm);

        var cs = await PostgresCluster.CreateDatabaseAsync("p_rebuild");
        var store = await Scenarios.CreateStoreAsync(cs);
        var stores = new List<IDocumentStore>();
        try
        {
            await store.Advanced.BulkInsertStreamsAsync(Scenarios.MakeStreams(streams, per), Scenarios.BenchActor, Scenarios.Reason);
            await Scenarios.VacuumAsync(store.DataSource);
            await Scenarios.ReadRawAsync(store.DataSource);

            var dataJson = JsonSerializer.Serialize(BenchEvent.Make(7), _eventJson);
            var metadataJson = await FirstMetadataAsync(store.DataSource);
            var events = Scenarios.CreateStoreOptions(cs).Events;
            var variants = new List<Variant>
            {
                Variant.Simple("client only: deserialise event data (store's options, source-generated)", () =>
                {
                    for (var i = 0; i < total; i++)
                        _ = JsonSerializer.Deserialize(dataJson, typeof(BenchEvent), events.SerializerOptions);
                    return Task.CompletedTask;
                }),
                Variant.Simple("client only: deserialise metadata", () =>
                {
                    for (var i = 0; i < total; i++)
                        _ = JsonSerializer.Deserialize<EventMetadata>(metadataJson, _eventJson);
                    return Task.CompletedTask;
                }),
                Variant.Simple("raw: one plain SELECT of every column (the baseline)", () => Scenarios.ReadRawAsync(store.DataSource)),
                Variant.Simple("feed query as the store sends it, 1,000 a batch, fields read", () => FeedLoopAsync(store.DataSource, 1000, FeedWork.None)),
                Variant.Simple("  the same without the xmin bound", () => FeedLoopAsync(store.DataSource, 1000, FeedWork.None, bounded: false)),
                Variant.Simple("  + deserialise data and metadata per event (as ReadEvent does)", () => FeedLoopAsync(store.DataSource, 1000, FeedWork.Deserialise)),
                Variant.Simple("  + deserialise data only (metadata once per batch)", () => FeedLoopAsync(store.DataSource, 1000, FeedWork.DeserialiseData)),
                Variant.Simple("feed query, 10,000 a batch, fields read", () => FeedLoopAsync(store.DataSource, 10_000, FeedWork.None)),
            };
            variants.Add(Variant.Simple("prototype: one streaming read + upserts on a 2nd connection, lazy metadata", () => StreamingRebuildAsync(store.DataSource)));
            var timed = new TimedProjection(new StreamTotalsProjection());
            var timedOptions = new StoreOptions { ConnectionString = cs };
            timedOptions.Events.Add<BenchEvent>(BenchEvent.Alias);
            timedOptions.Events.AddSerializerContext(BenchJsonContext.Default);
            timedOptions.Projections.Add(timed, ProjectionLifecycle.Async);
            var timedStore = ServiceCollectionExtensions.CreateStore(timedOptions);
            stores.Add(timedStore);
            await timedStore.Advanced.RebuildProjectionAsync(StreamTotalsProjection.ProjectionName);
            variants.Add(Variant.Simple("store: RebuildProjectionAsync, projection timed (see below)", async () =>
            {
                timed.Reset();
                await timedStore.Advanced.RebuildProjectionAsync(StreamTotalsProjection.ProjectionName);
                timed.Record();
            }));
            foreach (var batch in new[] { 1000, 10_000 })
            {
                var options = Scenarios.CreateStoreOptions(cs);
                options.DaemonBatchSize = batch;
                var sized = ServiceCollectionExtensions.CreateStore(options);
                stores.Add(sized);
                await sized.Advanced.RebuildProjectionAsync(StreamTotalsProjection.ProjectionName);
                variants.Add(Variant.Simple(string.Create(CultureInfo.InvariantCulture,
                    $"store: RebuildProjectionAsync, DaemonBatchSize {batch:N0}{(batch == 1000 ? " (as benchmarked)" : "")}"),
                    () => sized.Advanced.RebuildProjectionAsync(StreamTotalsProjection.ProjectionName)));
            }
            await InterleaveAsync(config.BulkRounds, total, variants);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  of the timed rebuild, inside the projection's ApplyAsync (fold + one unnest upsert a batch): median {timed.MedianSeconds * 1e6 / total:F2} µs/event over {timed.Batches} batches"));
            await ExplainAsync(store.DataSource);
        }
        finally
        {
            foreach (var sized in stores)
                await Scenarios.DisposeAsync(sized);
            await Scenarios.DropAsync(store);
        }
        Console.WriteLine();
    }

    /// <summary>
    /// What a rebuild could cost: one ordered, xmin-bounded streaming read (no per-batch query, transaction or
    /// planning), metadata kept as text until asked for, batches applied on a second connection into a shadow table.
    /// </summary>
    private async Task StreamingRebuildAsync(NpgsqlDataSource dataSource)
    {
        var projection = new StreamTotalsProjection();
        const string shadow = "bench_proto_shadow";
        await using var writeConnection = await dataSource.OpenConnectionAsync();
        await using (var ddl = new NpgsqlCommand($"drop schema if exists {shadow} cascade; create schema {shadow}; {projection.CreateTablesSql(shadow)}", writeConnection))
            await ddl.ExecuteNonQueryAsync();
        await using var readConnection = await dataSource.OpenConnectionAsync();
        await using var read = new NpgsqlCommand(
            "select seq, id, stream_id, version, type, data::text, metadata::text, recorded_at from doan_events.events " +
            "where tx_id < pg_snapshot_xmin(pg_current_snapshot()) order by tx_id, seq", readConnection);
        await using var reader = await read.ExecuteReaderAsync();
        var batch = new List<IEvent>(1000);
        await using var tx = await writeConnection.BeginTransactionAsync();
        var context = new ProjectionContext(writeConnection, tx, shadow);
        while (await reader.ReadAsync())
        {
            batch.Add(new LazyEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4),
                JsonSerializer.Deserialize(reader.GetString(5), typeof(BenchEvent), _eventJson)!, reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7)));
            if (batch.Count == 1000)
            {
                await projection.ApplyAsync(context, batch, CancellationToken.None);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
            await projection.ApplyAsync(context, batch, CancellationToken.None);
        await tx.CommitAsync();
    }

    private sealed record LazyEvent(long Sequence, Guid Id, Guid StreamId, long Version, string EventTypeName, object Data, string MetadataJson, DateTimeOffset Timestamp) : IEvent
    {
        private EventMetadata? _metadata;
        public EventMetadata Metadata => _metadata ??= JsonSerializer.Deserialize<EventMetadata>(MetadataJson)!;
    }

    /// <summary>Measures the time a rebuild spends inside a projection's ApplyAsync.</summary>
    private sealed class TimedProjection(IProjection inner) : IProjection
    {
        private readonly Stopwatch _inside = new();
        private readonly List<double> _runs = [];

        public string Name => inner.Name;
        public string Schema => inner.Schema;
        public IReadOnlyCollection<Type> EventTypes => inner.EventTypes;
        public int Batches { get; private set; }
        public double MedianSeconds => _runs.Count == 0 ? 0 : Figure.Median(_runs);

        public string CreateTablesSql(string schema) => inner.CreateTablesSql(schema);

        public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
        {
            _inside.Start();
            await inner.ApplyAsync(context, events, ct);
            _inside.Stop();
            Batches++;
        }

        public void Reset()
        {
            _inside.Reset();
            Batches = 0;
        }

        public void Record() => _runs.Add(_inside.Elapsed.TotalSeconds);
    }

    private enum FeedWork { None, Deserialise, DeserialiseData }

    /// <summary>The rebuild's read loop without the projection: one transaction per batch, the same SQL.</summary>
    private async Task FeedLoopAsync(NpgsqlDataSource dataSource, int limit, FeedWork work, bool bounded = true)
    {
        var sql = bounded ? FeedSql : FeedSql.Replace(" and tx_id < pg_snapshot_xmin(pg_current_snapshot())", "", StringComparison.Ordinal);
        var aliases = new[] { BenchEvent.Alias };
        await using var connection = await dataSource.OpenConnectionAsync();
        ulong lastTx = 0;
        long lastSeq = 0;
        long sink = 0;
        while (true)
        {
            await using var tx = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand(sql, connection, tx);
            command.Parameters.Add(new NpgsqlParameter { Value = lastTx, NpgsqlDbType = NpgsqlDbType.Xid8 });
            command.Parameters.Add(new NpgsqlParameter { Value = lastSeq, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });
            command.Parameters.Add(new NpgsqlParameter { Value = aliases, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            var scanned = 0;
            EventMetadata? metadata = null;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    scanned++;
                    lastSeq = reader.GetInt64(0);
                    lastTx = reader.GetFieldValue<ulong>(8);
                    var id = reader.GetGuid(1);
                    var stream = reader.GetGuid(2);
                    var version = reader.GetInt64(3);
                    var type = reader.GetString(4);
                    var data = reader.GetString(5);
                    var meta = reader.GetString(6);
                    var at = reader.GetFieldValue<DateTimeOffset>(7);
                    sink += id.GetHashCode() + stream.GetHashCode() + version + type.Length + data.Length + meta.Length + at.Ticks;
                    if (work != FeedWork.None)
                    {
                        var e = JsonSerializer.Deserialize<BenchEvent>(data, _eventJson)!;
                        sink += e.Value;
                        if (work == FeedWork.Deserialise || metadata is null)
                            metadata = JsonSerializer.Deserialize<EventMetadata>(meta, _eventJson)!;
                        sink += metadata.ActorId.Length;
                    }
                }
            }
            await tx.CommitAsync();
            if (scanned == 0)
                break;
        }
        GC.KeepAlive(sink);
    }

    private static async Task<string> FirstMetadataAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("select metadata::text from doan_events.events limit 1");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExplainAsync(NpgsqlDataSource dataSource)
    {
        ulong tx;
        long middle;
        await using (var command = dataSource.CreateCommand("select tx_id, seq from doan_events.events order by seq offset (select count(*) / 2 from doan_events.events) limit 1"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (tx, middle) = (reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
        }
        foreach (var (label, lastTx, lastSeq) in new[] { ("first batch", 0UL, 0L), ("a batch half-way through", tx, middle) })
        {
            Console.WriteLine();
            Console.WriteLine($"  EXPLAIN (ANALYZE, BUFFERS) of the feed query, {label} (parameters bound as the store binds them):");
            await using var command = dataSource.CreateCommand("explain (analyze, buffers) " + FeedSql);
            command.Parameters.Add(new NpgsqlParameter { Value = lastTx, NpgsqlDbType = NpgsqlDbType.Xid8 });
            command.Parameters.Add(new NpgsqlParameter { Value = lastSeq, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { Value = 1000, NpgsqlDbType = NpgsqlDbType.Integer });
            command.Parameters.Add(new NpgsqlParameter { Value = new[] { BenchEvent.Alias }, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                Console.WriteLine("    " + reader.GetString(0));
        }
    }
}
