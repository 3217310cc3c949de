namespace DoanPlatform.EventStore;

/// <summary>A stored event with its position and metadata (Marten's <c>IEvent</c>).</summary>
public interface IEvent
{
    /// <summary>Global sequence number (order of insertion, not of commit).</summary>
    long Sequence { get; }
    /// <summary>The event's own id.</summary>
    Guid Id { get; }
    /// <summary>The stream it belongs to.</summary>
    Guid StreamId { get; }
    /// <summary>Its version within the stream, from 1.</summary>
    long Version { get; }
    /// <summary>The stable alias of its type, e.g. <c>meetings.attendance_recorded</c>.</summary>
    string EventTypeName { get; }
    /// <summary>The deserialised event.</summary>
    object Data { get; }
    /// <summary>Actor, reason, decision, correlation and causation.</summary>
    EventMetadata Metadata { get; }
    /// <summary>When the platform recorded it (not the domain's effective date).</summary>
    DateTimeOffset Timestamp { get; }
}

/// <summary>A stored event; its metadata is parsed only when asked for (a rebuild rarely needs it).</summary>
internal sealed class StoredEvent(long sequence, Guid id, Guid streamId, long version, string eventTypeName, object data,
    Func<EventMetadata> metadata, DateTimeOffset timestamp) : IEvent
{
    private EventMetadata? _metadata;

    public StoredEvent(long sequence, Guid id, Guid streamId, long version, string eventTypeName, object data, EventMetadata metadata, DateTimeOffset timestamp)
        : this(sequence, id, streamId, version, eventTypeName, data, () => metadata, timestamp)
    {
    }

    public long Sequence { get; } = sequence;
    public Guid Id { get; } = id;
    public Guid StreamId { get; } = streamId;
    public long Version { get; } = version;
    public string EventTypeName { get; } = eventTypeName;
    public object Data { get; } = data;
    public EventMetadata Metadata => _metadata ??= metadata();
    public DateTimeOffset Timestamp { get; } = timestamp;
}
