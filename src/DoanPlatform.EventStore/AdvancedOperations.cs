using System.Text.Json;
using DoanPlatform.EventStore.Daemon;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.EventStore.Schema;
using Npgsql;
using NpgsqlTypes;

namespace DoanPlatform.EventStore;

/// <summary>Where an async projection or subscription stands.</summary>
/// <param name="Name">Projection or subscription name.</param>
/// <param name="Kind">inline, async or subscription.</param>
/// <param name="LastSequence">The last event sequence it has processed (0 for none or inline).</param>
/// <param name="Behind">Committed events it has not processed yet.</param>
/// <param name="UpdatedAt">When its checkpoint last moved.</param>
public sealed record ProjectionStatus(string Name, string Kind, long LastSequence, long Behind, DateTimeOffset? UpdatedAt);

/// <summary>Schema, bulk loading, rebuilds and progress (Marten's <c>store.Advanced</c>).</summary>
public sealed partial class AdvancedOperations
{
    private readonly DocumentStore _store;

    internal AdvancedOperations(DocumentStore store) => _store = store;

    internal IEnumerable<Shard> AsyncShards =>
        _store.Options.Projections.Async.Select(Shard.For)
            .Concat(_store.Options.Projections.Subscriptions.Select(s => Shard.For(s, _store)));

    /// <summary>Creates the event store schema and every projection's tables, idempotently.</summary>
    public async Task ApplySchemaAsync(CancellationToken ct = default)
    {
        await EventStoreSchema.ApplyAsync(_store.DataSource, ct).ConfigureAwait(false);
        await using var connection = await _store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var projection in _store.Options.Projections.All)
        {
            await Execute(connection, tx, $"create schema if not exists \"{projection.Schema}\"", ct).ConfigureAwait(false);
            await Execute(connection, tx, projection.CreateTablesSql(projection.Schema), ct).ConfigureAwait(false);
        }
        foreach (var shard in AsyncShards)
        {
            await using var command = new NpgsqlCommand("insert into doan_events.progress (name) values ($1) on conflict do nothing", connection, tx);
            command.Parameters.Add(new NpgsqlParameter { Value = shard.Name });
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Appends new streams in one transaction with binary COPY: the fast path for imports and demo data.
    /// Every stream must be new; inline projections see the events before commit.
    /// </summary>
    public async Task<long> BulkInsertStreamsAsync(IEnumerable<BulkStream> streams, Actor actor, string? reason = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var list = streams.ToList();
        if (list.FirstOrDefault(s => s.Metadata is { } m && m.Count != s.Events.Count) is { } mismatched)
            throw new ArgumentException($"Stream {mismatched.Id} has {mismatched.Events.Count} events but {mismatched.Metadata!.Count} metadata entries.", nameof(streams));
        var metadataJson = JsonSerializer.Serialize(new EventMetadata(actor.Id, actor.Name, reason), MetadataJsonContext.Relaxed.EventMetadata);
        var serialized = new Dictionary<EventMetadata, string>();
        string MetadataOf(BulkStream stream, int i) => stream.Metadata?[i] is not { } own ? metadataJson
            : serialized.TryGetValue(own, out var json) ? json
            : serialized[own] = JsonSerializer.Serialize(own, MetadataJsonContext.Relaxed.EventMetadata);
        var events = _store.Options.Events;
        await using var connection = await _store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);

        await using (var writer = await connection.BeginBinaryImportAsync(
                         "copy doan_events.streams (id, type, version) from stdin (format binary)", ct).ConfigureAwait(false))
        {
            foreach (var stream in list)
            {
                await writer.StartRowAsync(ct).ConfigureAwait(false);
                await writer.WriteAsync(stream.Id, NpgsqlDbType.Uuid, ct).ConfigureAwait(false);
                await writer.WriteAsync(stream.Type, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync((long)stream.Events.Count, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }

        long count = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
                         "copy doan_events.events (id, stream_id, version, type, data, metadata) from stdin (format binary)", ct).ConfigureAwait(false))
        {
            foreach (var stream in list)
            {
                for (var i = 0; i < stream.Events.Count; i++)
                {
                    var data = stream.Events[i];
                    var id = Guid.CreateVersion7();
                    if (data is IdentifiedEvent identified)
                        (id, data) = (identified.Id, identified.Data);
                    await writer.StartRowAsync(ct).ConfigureAwait(false);
                    await writer.WriteAsync(id, NpgsqlDbType.Uuid, ct).ConfigureAwait(false);
                    await writer.WriteAsync(stream.Id, NpgsqlDbType.Uuid, ct).ConfigureAwait(false);
                    await writer.WriteAsync((long)i + 1, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                    await writer.WriteAsync(events.AliasFor(data.GetType()), NpgsqlDbType.Text, ct).ConfigureAwait(false);
                    await writer.WriteAsync(events.Serialize(data), NpgsqlDbType.Jsonb, ct).ConfigureAwait(false);
                    await writer.WriteAsync(MetadataOf(stream, i), NpgsqlDbType.Jsonb, ct).ConfigureAwait(false);
                    count++;
                }
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }

        var inline = _store.InlineProjectionsFor(list.SelectMany(s => s.Events).Select(e => (e is IdentifiedEvent i ? i.Data : e).GetType()));
        if (inline.Count > 0)
        {
            await Execute(connection, tx, $"select pg_advisory_xact_lock_shared({DocumentStore.InlineRebuildLock})", ct).ConfigureAwait(false);
            var written = new List<IEvent>();
            await using (var command = new NpgsqlCommand(
                             "select seq, id, stream_id, version, type, data::text, metadata::text, recorded_at from doan_events.events " +
                             "where tx_id = pg_current_xact_id() order by seq", connection, tx))
            await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    written.Add(_store.ReadEvent(reader, 0));
            }
            foreach (var projection in inline)
            {
                var relevant = _store.Filter(projection.EventTypes, written);
                if (relevant.Count > 0)
                    await projection.ApplyAsync(new ProjectionContext(connection, tx, projection.Schema), relevant, ct).ConfigureAwait(false);
            }
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return count;
    }

    /// <summary>The names of every projection (inline and async).</summary>
    public IReadOnlyList<string> ProjectionNames => [.. _store.Options.Projections.All.Select(p => p.Name)];

    /// <summary>
    /// Replays every event into fresh tables in a shadow schema, then, when <paramref name="swap"/> is true,
    /// catches up under a lock and swaps them in for the live tables. Returns the shadow schema's name when
    /// not swapping (the caller compares and drops it).
    /// </summary>
    public async Task<string> RebuildProjectionAsync(string name, bool swap = true, CancellationToken ct = default)
    {
        var projection = _store.Options.Projections.All.FirstOrDefault(p => p.Name == name)
                         ?? throw new ArgumentException($"No projection is named '{name}'. Known: {string.Join(", ", ProjectionNames)}.", nameof(name));
        var inline = _store.Options.Projections.LifecycleOf(projection) == ProjectionLifecycle.Inline;
        var shard = Shard.For(projection);
        var shadow = ShadowSchema(name);

        await using var connection = await _store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using (var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            await Execute(connection, tx, $"drop schema if exists \"{shadow}\" cascade; create schema \"{shadow}\"", ct).ConfigureAwait(false);
            await Execute(connection, tx, projection.CreateTablesSql(shadow), ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }

        // Replay at least every event committed before the call. The safe bound can hold the newest ones back while an older
        // transaction anywhere in the cluster is open; wait for them rather than swap in a table that misses them.
        var target = await LastCheckpointAsync(ct).ConfigureAwait(false);
        var checkpoint = Checkpoint.Start;
        while (true)
        {
            await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            var (next, scanned) = await ApplyBatchAsync(connection, tx, shard, shadow, checkpoint, bounded: true, ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            checkpoint = next;
            if (scanned == 0 && (target is null || !checkpoint.IsBefore(target.Value)))
                break;
            if (scanned == 0)
                await Task.Delay(25, ct).ConfigureAwait(false);
        }
        if (!swap)
            return shadow;

        await using (var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            // Hold off the daemon (async) or new appends (inline) while the last events are caught up and tables swapped.
            var lockSql = inline
                ? $"select pg_advisory_xact_lock({DocumentStore.InlineRebuildLock})"
                : "select 1 from doan_events.progress where name = $1 for update";
            await using (var command = new NpgsqlCommand(lockSql, connection, tx))
            {
                if (!inline)
                    command.Parameters.Add(new NpgsqlParameter { Value = name });
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            while (true)
            {
                var (next, scanned) = await ApplyBatchAsync(connection, tx, shard, shadow, checkpoint, bounded: !inline, ct).ConfigureAwait(false);
                checkpoint = next;
                if (scanned == 0)
                    break;
            }
            await SwapAsync(connection, tx, shadow, projection.Schema, ct).ConfigureAwait(false);
            if (!inline)
                await SaveCheckpointAsync(connection, tx, name, checkpoint, ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        return projection.Schema;
    }

    /// <summary>Waits until every async projection and subscription has processed every event committed before the call.</summary>
    public async Task WaitForNonStaleAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var names = AsyncShards.Select(s => s.Name).ToArray();
        if (names.Length == 0)
            return;
        if (await LastCheckpointAsync(ct).ConfigureAwait(false) is not { } target)
            return;

        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var behind = new List<string>();
            await using (var command = _store.DataSource.CreateCommand("select name, last_tx, last_seq from doan_events.progress where name = any($1)"))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = names });
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var seen = new HashSet<string>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    seen.Add(reader.GetString(0));
                    if (new Checkpoint(reader.GetFieldValue<ulong>(1), reader.GetInt64(2)).IsBefore(target))
                        behind.Add(reader.GetString(0));
                }
                behind.AddRange(names.Where(n => !seen.Contains(n)));
            }
            if (behind.Count == 0)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Projections still behind sequence {target.Sequence} after {timeout}: {string.Join(", ", behind)}. Is the daemon running?");
            await Task.Delay(25, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The position of the newest committed event (recorded at or before <paramref name="recordedUntil"/> when given; null when there is
    /// none): what "every event so far" means to a caller.
    /// </summary>
    private async Task<Checkpoint?> LastCheckpointAsync(CancellationToken ct, DateTimeOffset? recordedUntil = null)
    {
        await using var command = _store.DataSource.CreateCommand(
            "select tx_id, seq from doan_events.events where $1::timestamptz is null or recorded_at <= $1 order by tx_id desc, seq desc limit 1");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)recordedUntil?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? new Checkpoint(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) : null;
    }

    /// <summary>Every projection's and subscription's checkpoint and backlog.</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> ProgressAsync(CancellationToken ct = default)
    {
        var result = new List<ProjectionStatus>();
        foreach (var projection in _store.Options.Projections.Inline)
            result.Add(new ProjectionStatus(projection.Name, "inline", 0, 0, null));
        var subscriptions = _store.Options.Projections.Subscriptions.Select(s => s.Name).ToHashSet();
        await using var command = _store.DataSource.CreateCommand(
            "select p.name, p.last_seq, p.updated_at, " +
            "(select count(*) from doan_events.events e where (e.tx_id, e.seq) > (p.last_tx, p.last_seq)) " +
            "from doan_events.progress p where p.name = any($1) order by p.name");
        command.Parameters.Add(new NpgsqlParameter { Value = AsyncShards.Select(s => s.Name).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var name = reader.GetString(0);
            result.Add(new ProjectionStatus(name, subscriptions.Contains(name) ? "subscription" : "async",
                reader.GetInt64(1), reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(2)));
        }
        return result;
    }

    /// <summary>Reads one batch past <paramref name="after"/>, applies it, and returns the new checkpoint and rows scanned.</summary>
    internal async Task<(Checkpoint Next, int Scanned)> ApplyBatchAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Shard shard,
        string schema, Checkpoint after, bool bounded, CancellationToken ct, Checkpoint? until = null)
    {
        var (events, last, scanned) = await EventFeed.ReadAsync(_store, connection, tx, shard, after, _store.Options.DaemonBatchSize, bounded, ct, until)
            .ConfigureAwait(false);
        if (events.Count > 0)
            await shard.ApplyAsync(connection, tx, schema, events, ct).ConfigureAwait(false);
        return (last, scanned);
    }

    internal static async Task<Checkpoint> LockCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string name, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("insert into doan_events.progress (name) values ($1) on conflict do nothing") { Parameters = { new() { Value = name } } },
                new NpgsqlBatchCommand("select last_tx, last_seq from doan_events.progress where name = $1 for update") { Parameters = { new() { Value = name } } },
            },
        };
        // The insert yields no result set, so the reader starts on the select's.
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        return new Checkpoint(reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
    }

    internal static async Task SaveCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string name, Checkpoint checkpoint, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "update doan_events.progress set last_tx = $2, last_seq = $3, updated_at = now() where name = $1", connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Sequence });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    internal static string ShadowSchema(string projectionName, string prefix = "doan_shadow_")
    {
        var safe = new string([.. projectionName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
        var name = prefix + safe;
        return name.Length <= 63 ? name : name[..63];
    }

    private static async Task SwapAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string shadow, string live, CancellationToken ct)
    {
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand("select tablename from pg_tables where schemaname = $1", connection, tx))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = shadow });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                tables.Add(reader.GetString(0));
        }
        var sql = $"create schema if not exists \"{live}\";" +
                  string.Concat(tables.Select(t => $"drop table if exists \"{live}\".\"{t}\" cascade; alter table \"{shadow}\".\"{t}\" set schema \"{live}\";")) +
                  $"drop schema \"{shadow}\" cascade;";
        await Execute(connection, tx, sql, ct).ConfigureAwait(false);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
