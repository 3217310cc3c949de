using System.Text.Json;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.EventStore.Schema;
using Npgsql;
using NpgsqlTypes;

namespace DoanPlatform.EventStore;

/// <summary>The event store (Marten's <c>IDocumentStore</c>).</summary>
public interface IDocumentStore
{
    /// <summary>The store's options.</summary>
    StoreOptions Options { get; }

    /// <summary>The pooled data source; read-model queries use it too.</summary>
    NpgsqlDataSource DataSource { get; }

    /// <summary>A session whose appends are stamped with <paramref name="actor"/>.</summary>
    IDocumentSession LightweightSession(Actor actor);

    /// <summary>A read-only session.</summary>
    IQuerySession QuerySession();

    /// <summary>Schema, bulk loading, projection rebuilds and progress.</summary>
    AdvancedOperations Advanced { get; }
}

/// <summary>A new stream for <see cref="AdvancedOperations.BulkInsertStreamsAsync"/>.</summary>
/// <param name="Id">The stream id.</param>
/// <param name="Type">The stream (aggregate) type name.</param>
/// <param name="Events">Its events, in order.</param>
/// <param name="Metadata">Per event, who did it, why and under which decision; null stamps every event with the call's actor and reason.</param>
public sealed record BulkStream(Guid Id, string Type, IReadOnlyList<object> Events, IReadOnlyList<EventMetadata>? Metadata = null);

internal sealed class DocumentStore : IDocumentStore, IAsyncDisposable
{
    public const long InlineRebuildLock = 4242002;

    public DocumentStore(StoreOptions options)
    {
        Options = options;
        // No session state is ever left on a connection (locks are transaction-scoped, no SET, no temp tables), so
        // the pool's DISCARD ALL would only throw away cached plans, re-planning append_events on every save.
        DataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(options.ConnectionString) { NoResetOnClose = true });
        Advanced = new AdvancedOperations(this);
    }

    public StoreOptions Options { get; }
    public NpgsqlDataSource DataSource { get; }
    public AdvancedOperations Advanced { get; }

    public IDocumentSession LightweightSession(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new DocumentSession(this, actor);
    }

    public IQuerySession QuerySession() => new DocumentSession(this, Actor.System);

    /// <summary>Reads a stream; through <paramref name="connection"/>'s transaction when given, so a session inside a subscription sees its own batch's appends.</summary>
    public async Task<IReadOnlyList<IEvent>> FetchStreamAsync(Guid streamId, long? version, DateTimeOffset? timestamp, CancellationToken ct,
        NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null)
    {
        await using var command = connection is null ? DataSource.CreateCommand() : new NpgsqlCommand(null, connection, transaction);
        command.CommandText =
            "select seq, id, stream_id, version, type, data, metadata, recorded_at from doan_events.events " +
            "where stream_id = $1 and ($2::bigint is null or version <= $2) and ($3::timestamptz is null or recorded_at <= $3) order by version";
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)timestamp ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var events = new List<IEvent>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            events.Add(ReadEvent(reader, 0));
        return events;
    }

    /// <summary>Reads one event from columns seq, id, stream_id, version, type, data, metadata, recorded_at starting at <paramref name="first"/>.</summary>
    internal IEvent ReadEvent(NpgsqlDataReader reader, int first)
    {
        var seq = reader.GetInt64(first);
        var alias = reader.GetString(first + 4);
        var data = Options.Events.Deserialize(seq, alias, reader.GetString(first + 5));
        var metadataJson = reader.GetString(first + 6);
        return new StoredEvent(seq, reader.GetGuid(first + 1), reader.GetGuid(first + 2), reader.GetInt64(first + 3), alias, data,
            () => JsonSerializer.Deserialize(metadataJson, MetadataJsonContext.Relaxed.EventMetadata) ?? new EventMetadata("", ""),
            reader.GetFieldValue<DateTimeOffset>(first + 7));
    }

    public async Task<long?> StreamVersionAsync(Guid streamId, CancellationToken ct)
    {
        await using var command = DataSource.CreateCommand("select version from doan_events.streams where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as long?;
    }

    public IReadOnlyList<IProjection> InlineProjectionsFor(IEnumerable<Type> eventTypes)
    {
        var types = eventTypes.ToHashSet();
        return [.. Options.Projections.Inline.Where(p => p.EventTypes.Count == 0 || p.EventTypes.Any(types.Contains))];
    }

    public IReadOnlyList<IEvent> Filter(IReadOnlyCollection<Type> types, IReadOnlyList<IEvent> events) =>
        types.Count == 0 ? events : [.. events.Where(e => types.Contains(e.Data.GetType()))];

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
