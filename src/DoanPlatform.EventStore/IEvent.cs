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

internal sealed record StoredEvent(
    long Sequence,
    Guid Id,
    Guid StreamId,
    long Version,
    string EventTypeName,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset Timestamp) : IEvent;
