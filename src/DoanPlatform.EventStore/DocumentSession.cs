using System.Text.Json;
using DoanPlatform.EventStore.Schema;
using Npgsql;
using NpgsqlTypes;

namespace DoanPlatform.EventStore;

internal sealed class DocumentSession : IDocumentSession, IEventStore
{
    private readonly DocumentStore _store;
    private readonly NpgsqlConnection? _externalConnection;
    private readonly NpgsqlTransaction? _externalTransaction;
    private readonly List<StreamAction> _actions = [];

    public DocumentSession(DocumentStore store, Actor actor, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null)
    {
        _store = store;
        Actor = actor;
        _externalConnection = connection;
        _externalTransaction = transaction;
    }

    public Actor Actor { get; }
    public string? Reason { get; set; }
    public string? Decision { get; set; }
    public string? CorrelationId { get; set; }
    public string? CausationId { get; set; }
    public IEventStore Events => this;
    IQueryEventStore IQuerySession.Events => this;

    public void StartStream<T>(Guid streamId, params object[] events) where T : class, IAggregate<T> =>
        Queue(streamId, typeof(T).Name, 0).AddRange(events);

    public void Append(Guid streamId, params object[] events) => Queue(streamId, "", null).AddRange(events);

    public void Append(Guid streamId, long expectedVersion, params object[] events) =>
        Queue(streamId, "", expectedVersion).AddRange(events);

    public Task<IEventStream<T>> FetchForWriting<T>(Guid streamId, CancellationToken ct = default) where T : class, IAggregate<T> =>
        FetchForWriting<T>(streamId, null, ct);

    public Task<IEventStream<T>> FetchForWriting<T>(Guid streamId, long expectedVersion, CancellationToken ct = default) where T : class, IAggregate<T> =>
        FetchForWriting<T>(streamId, (long?)expectedVersion, ct);

    private async Task<IEventStream<T>> FetchForWriting<T>(Guid streamId, long? expectedVersion, CancellationToken ct) where T : class, IAggregate<T>
    {
        var events = await FetchStreamAsync(streamId, ct: ct).ConfigureAwait(false);
        var version = events.Count == 0 ? 0 : events[^1].Version;
        if (expectedVersion is { } expected && expected != version)
            throw new ConcurrencyException(streamId, expected, events.Count == 0 ? null : version);
        var action = Queue(streamId, typeof(T).Name, version);
        return new EventStream<T>(streamId, version, Aggregation.Aggregate<T>(events), action);
    }

    public Task<IReadOnlyList<IEvent>> FetchStreamAsync(Guid streamId, long? version = null, DateTimeOffset? timestamp = null, CancellationToken ct = default) =>
        _store.FetchStreamAsync(streamId, version, timestamp, ct, _externalConnection, _externalTransaction);

    public async Task<T?> AggregateStreamAsync<T>(Guid streamId, long? version = null, DateTimeOffset? timestamp = null, CancellationToken ct = default)
        where T : class, IAggregate<T> =>
        Aggregation.Aggregate<T>(await FetchStreamAsync(streamId, version, timestamp, ct).ConfigureAwait(false));

    private StreamAction Queue(Guid streamId, string streamType, long? expectedVersion)
    {
        if (_actions.Any(a => a.StreamId == streamId))
            throw new InvalidOperationException($"Stream {streamId} is already queued in this session.");
        var action = new StreamAction(streamId, streamType, expectedVersion);
        _actions.Add(action);
        return action;
    }

    public async Task SaveChangesAsync(CancellationToken ct = default)
    {
        var pending = _actions.Where(a => a.Events.Count > 0).ToList();
        _actions.Clear();
        if (pending.Count == 0)
            return;

        var metadata = new EventMetadata(Actor.Id, Actor.Name, Reason, Decision, CorrelationId, CausationId);
        var metadataJson = JsonSerializer.Serialize(metadata, MetadataJsonContext.Relaxed.EventMetadata);
        var prepared = pending.Select(a => Prepare(a, metadataJson)).ToList();
        var inline = _store.InlineProjectionsFor(prepared.SelectMany(p => p.Events).Select(e => e.Data.GetType()));

        if (_externalConnection is not null)
        {
            await AppendAsync(_externalConnection, _externalTransaction, prepared, inline, metadata, ct).ConfigureAwait(false);
            return;
        }

        await using var connection = await _store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        if (inline.Count == 0)
        {
            // One round trip: the batch runs as one implicit transaction, all or nothing.
            await AppendAsync(connection, null, prepared, inline, metadata, ct).ConfigureAwait(false);
            return;
        }
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await AppendAsync(connection, tx, prepared, inline, metadata, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private PreparedStream Prepare(StreamAction action, string metadataJson)
    {
        var events = action.Events.Select(e => e is IdentifiedEvent identified
            ? new PreparedEvent(identified.Id, _store.Options.Events.AliasFor(identified.Data.GetType()), identified.Data, _store.Options.Events.Serialize(identified.Data))
            : new PreparedEvent(Guid.CreateVersion7(), _store.Options.Events.AliasFor(e.GetType()), e, _store.Options.Events.Serialize(e))).ToList();
        return new PreparedStream(action, events, metadataJson);
    }

    private async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, List<PreparedStream> streams,
        IReadOnlyList<Projections.IProjection> inline, EventMetadata metadata, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, tx);
        if (inline.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"select pg_advisory_xact_lock_shared({DocumentStore.InlineRebuildLock})"));
            // The events' recorded_at defaults to now(), the transaction's start: inline projections see that very time, as a replay does.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("select now()"));
        }
        foreach (var stream in streams)
        {
            var command = new NpgsqlBatchCommand("select doan_events.append_events($1, $2, $3, $4, $5, $6, $7)");
            command.Parameters.Add(new NpgsqlParameter { Value = stream.Action.StreamId, NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { Value = stream.Action.StreamType, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)stream.Action.ExpectedVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { Value = stream.Events.Select(e => e.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { Value = stream.Events.Select(e => e.Alias).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = stream.Events.Select(e => e.Json).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Repeat(stream.MetadataJson, stream.Events.Count).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            batch.BatchCommands.Add(command);
        }

        var sequences = new List<long[]>();
        var recordedAt = default(DateTimeOffset);
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (inline.Count > 0)
            {
                await reader.NextResultAsync(ct).ConfigureAwait(false);
                await reader.ReadAsync(ct).ConfigureAwait(false);
                recordedAt = reader.GetFieldValue<DateTimeOffset>(0);
                await reader.NextResultAsync(ct).ConfigureAwait(false);
            }
            do
            {
                await reader.ReadAsync(ct).ConfigureAwait(false);
                sequences.Add(reader.GetFieldValue<long[]>(0));
            } while (await reader.NextResultAsync(ct).ConfigureAwait(false));
        }
        catch (PostgresException e) when (e.SqlState == EventStoreSchema.ConcurrencySqlState)
        {
            // The function names the clashing stream first in its message: "stream <id> expected at ...".
            var failed = streams.First(s => e.MessageText.Contains(s.Action.StreamId.ToString(), StringComparison.Ordinal));
            var actual = await _store.StreamVersionAsync(failed.Action.StreamId, ct).ConfigureAwait(false);
            throw new ConcurrencyException(failed.Action.StreamId, failed.Action.ExpectedVersion ?? 0, actual);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "events_id")
        {
            throw new DuplicateEventException("An event with the same id is already stored; nothing was written.", e);
        }

        if (inline.Count == 0)
            return;
        var firstVersions = await FirstVersionsAsync(connection, tx, streams, sequences, ct).ConfigureAwait(false);
        var stored = new List<IEvent>();
        for (var s = 0; s < streams.Count; s++)
        {
            for (var i = 0; i < streams[s].Events.Count; i++)
            {
                var e = streams[s].Events[i];
                stored.Add(new StoredEvent(sequences[s][i], e.Id, streams[s].Action.StreamId, firstVersions[s] + i, e.Alias, e.Data, metadata, recordedAt));
            }
        }
        stored.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        foreach (var projection in inline)
        {
            var relevant = _store.Filter(projection.EventTypes, stored);
            if (relevant.Count > 0)
                await projection.ApplyAsync(new Projections.ProjectionContext(connection, tx!, projection.Schema), relevant, ct).ConfigureAwait(false);
        }
    }

    // The version of each stream's first appended event: known up front with an expected version, read back (one round trip) without.
    private static async Task<long[]> FirstVersionsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, List<PreparedStream> streams,
        List<long[]> sequences, CancellationToken ct)
    {
        var first = streams.Select(s => (s.Action.ExpectedVersion ?? -1) + 1).ToArray();
        var unknown = Enumerable.Range(0, streams.Count).Where(s => first[s] == 0).ToList();
        if (unknown.Count == 0)
            return first;
        await using var command = new NpgsqlCommand("select seq, version from doan_events.events where seq = any($1)", connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = unknown.Select(s => sequences[s][0]).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        var versions = new Dictionary<long, long>();
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                versions[reader.GetInt64(0)] = reader.GetInt64(1);
        }
        foreach (var s in unknown)
            first[s] = versions[sequences[s][0]];
        return first;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed record PreparedEvent(Guid Id, string Alias, object Data, string Json);

    private sealed record PreparedStream(StreamAction Action, List<PreparedEvent> Events, string MetadataJson);

    internal sealed class StreamAction(Guid streamId, string streamType, long? expectedVersion)
    {
        public Guid StreamId { get; } = streamId;
        public string StreamType { get; } = streamType;
        public long? ExpectedVersion { get; } = expectedVersion;
        public List<object> Events { get; } = [];

        public void AddRange(IEnumerable<object> events)
        {
            foreach (var e in events)
                Events.Add(e ?? throw new ArgumentNullException(nameof(events), "An event cannot be null."));
        }
    }

    private sealed class EventStream<T>(Guid id, long startingVersion, T? aggregate, StreamAction action) : IEventStream<T>
    {
        public Guid Id { get; } = id;
        public long StartingVersion { get; } = startingVersion;
        public T? Aggregate { get; } = aggregate;
        public void AppendOne(object @event) => action.AddRange([@event]);
        public void AppendMany(IEnumerable<object> events) => action.AddRange(events);
    }
}

internal static class Aggregation
{
    public static T? Aggregate<T>(IReadOnlyList<IEvent> events) where T : class, IAggregate<T>
    {
        T? state = null;
        foreach (var e in events)
            state = (state ?? T.Initial).Evolve(e.Data);
        return state;
    }
}
