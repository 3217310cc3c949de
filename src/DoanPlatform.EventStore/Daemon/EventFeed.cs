using DoanPlatform.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace DoanPlatform.EventStore.Daemon;

/// <summary>A position in the feed: events are consumed in (transaction id, sequence) order.</summary>
internal readonly record struct Checkpoint(ulong TransactionId, long Sequence)
{
    public static readonly Checkpoint Start = new(0, 0);

    public bool IsBefore(Checkpoint other) =>
        TransactionId < other.TransactionId || (TransactionId == other.TransactionId && Sequence < other.Sequence);
}

/// <summary>A projection or a subscription, as the daemon and the rebuilder see it.</summary>
internal sealed class Shard
{
    private readonly Func<NpgsqlConnection, NpgsqlTransaction, string, IReadOnlyList<IEvent>, CancellationToken, Task> _apply;

    private Shard(string name, IReadOnlyCollection<Type> eventTypes, IProjection? projection,
        Func<NpgsqlConnection, NpgsqlTransaction, string, IReadOnlyList<IEvent>, CancellationToken, Task> apply)
    {
        Name = name;
        EventTypes = eventTypes;
        Projection = projection;
        _apply = apply;
    }

    public string Name { get; }
    public IReadOnlyCollection<Type> EventTypes { get; }
    public IProjection? Projection { get; }

    public static Shard For(IProjection projection) => new(projection.Name, projection.EventTypes, projection,
        (connection, tx, schema, events, ct) => projection.ApplyAsync(new ProjectionContext(connection, tx, schema), events, ct));

    public static Shard For(ISubscription subscription, DocumentStore store) => new(subscription.Name, subscription.EventTypes, null,
        (connection, tx, _, events, ct) => subscription.HandleAsync(new SubscriptionContext(store, connection, tx), events, ct));

    public Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string schema, IReadOnlyList<IEvent> events, CancellationToken ct) =>
        _apply(connection, tx, schema, events, ct);
}

/// <summary>Reads the event feed past a checkpoint, never past a transaction that may still commit.</summary>
internal static class EventFeed
{
    // Only events of transactions older than the snapshot's xmin are read: every such transaction has
    // finished, so no event can later appear behind the checkpoint, whatever order sequences committed in.
    private const string SafeBound = "and tx_id < pg_snapshot_xmin(pg_current_snapshot())";

    /// <summary>
    /// Reads up to <paramref name="limit"/> events past <paramref name="after"/>; never past <paramref name="until"/> when given
    /// (a verification replays exactly up to a projection's checkpoint), and only events recorded at or before
    /// <paramref name="recordedUntil"/> when given (an auditor's state as of a past time).
    /// </summary>
    public static async Task<(IReadOnlyList<IEvent> Events, Checkpoint Last, int Scanned)> ReadAsync(
        DocumentStore store, NpgsqlConnection connection, NpgsqlTransaction tx, Shard shard, Checkpoint after,
        int limit, bool bounded, CancellationToken ct, Checkpoint? until = null, DateTimeOffset? recordedUntil = null)
    {
        var aliases = shard.EventTypes.Count == 0 ? null : store.Options.Events.AliasesFor(shard.EventTypes);
        await using var command = new NpgsqlCommand(
            "select seq, id, stream_id, version, type, " +
            "case when $4::text[] is null or type = any($4) then data::text end, metadata::text, recorded_at, tx_id " +
            $"from doan_events.events where (tx_id, seq) > ($1, $2) {(bounded ? SafeBound : "")} " +
            $"{(until is null ? "" : "and (tx_id, seq) <= ($5, $6) ")}{(recordedUntil is null ? "" : "and recorded_at <= $7 ")}order by tx_id, seq limit $3",
            connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = after.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Sequence, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)aliases ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        // Positional parameters must all be bound: $5–$7 carry nulls when their bound is absent.
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)until?.TransactionId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)until?.Sequence ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)recordedUntil?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });

        var events = new List<IEvent>();
        var last = after;
        var scanned = 0;
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            scanned++;
            last = new Checkpoint(reader.GetFieldValue<ulong>(8), reader.GetInt64(0));
            if (reader.IsDBNull(5))
                continue;
            var e = store.ReadEvent(reader, 0);
            if (shard.EventTypes.Count == 0 || shard.EventTypes.Contains(e.Data.GetType()))
                events.Add(e);
        }
        return (events, last, scanned);
    }
}
