namespace DoanPlatform.EventStore;

/// <summary>Reads of streams (Marten's <c>IQuerySession</c>).</summary>
public interface IQuerySession : IAsyncDisposable
{
    /// <summary>Stream reads.</summary>
    IQueryEventStore Events { get; }
}

/// <summary>Stream reads: raw events and aggregation, with time travel.</summary>
public interface IQueryEventStore
{
    /// <summary>A stream's events in version order, up to a version and/or a recorded time; empty for an unknown id.</summary>
    Task<IReadOnlyList<IEvent>> FetchStreamAsync(Guid streamId, long? version = null, DateTimeOffset? timestamp = null, CancellationToken ct = default);

    /// <summary>A stream's state, as of a version and/or a recorded time; null for an unknown id.</summary>
    Task<T?> AggregateStreamAsync<T>(Guid streamId, long? version = null, DateTimeOffset? timestamp = null, CancellationToken ct = default)
        where T : class, IAggregate<T>;
}

/// <summary>Stream writes, collected until <see cref="IDocumentSession.SaveChangesAsync"/>.</summary>
public interface IEventStore : IQueryEventStore
{
    /// <summary>Starts a new stream; saving fails with <see cref="ConcurrencyException"/> if it exists.</summary>
    void StartStream<T>(Guid streamId, params object[] events) where T : class, IAggregate<T>;

    /// <summary>Appends to a stream (started if new) without a version check.</summary>
    void Append(Guid streamId, params object[] events);

    /// <summary>Appends to a stream that must be at <paramref name="expectedVersion"/> when saved.</summary>
    void Append(Guid streamId, long expectedVersion, params object[] events);

    /// <summary>Loads a stream's state for a write whose save checks the version read here.</summary>
    Task<IEventStream<T>> FetchForWriting<T>(Guid streamId, CancellationToken ct = default) where T : class, IAggregate<T>;

    /// <summary>As <see cref="FetchForWriting{T}(Guid, CancellationToken)"/>, failing at once unless the stream is at <paramref name="expectedVersion"/>.</summary>
    Task<IEventStream<T>> FetchForWriting<T>(Guid streamId, long expectedVersion, CancellationToken ct = default) where T : class, IAggregate<T>;
}

/// <summary>A stream loaded for writing.</summary>
public interface IEventStream<out T>
{
    /// <summary>The stream id.</summary>
    Guid Id { get; }

    /// <summary>The version it was loaded at (0 for a new stream).</summary>
    long StartingVersion { get; }

    /// <summary>The state as loaded, or null for a new stream.</summary>
    T? Aggregate { get; }

    /// <summary>Queues one event.</summary>
    void AppendOne(object @event);

    /// <summary>Queues several events.</summary>
    void AppendMany(IEnumerable<object> events);
}

/// <summary>A unit of work: queued appends saved in one transaction, stamped with who and why.</summary>
public interface IDocumentSession : IQuerySession
{
    /// <summary>Stream reads and writes.</summary>
    new IEventStore Events { get; }

    /// <summary>Who is acting.</summary>
    Actor Actor { get; }

    /// <summary>Why (recorded on every event of this session).</summary>
    string? Reason { get; set; }

    /// <summary>The decision executed, e.g. <c>845-QĐ/TĐTN</c>.</summary>
    string? Decision { get; set; }

    /// <summary>Correlates the events of one user action or flow.</summary>
    string? CorrelationId { get; set; }

    /// <summary>What caused these events (e.g. the id of the event a reactor handled).</summary>
    string? CausationId { get; set; }

    /// <summary>Saves every queued append in one transaction; throws <see cref="ConcurrencyException"/> on a version clash.</summary>
    Task SaveChangesAsync(CancellationToken ct = default);
}
