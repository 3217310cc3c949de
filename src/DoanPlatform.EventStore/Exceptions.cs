namespace DoanPlatform.EventStore;

/// <summary>A stream was not at the version the writer expected; nothing was written.</summary>
public sealed class ConcurrencyException(Guid streamId, long expectedVersion, long? actualVersion)
    : Exception($"Stream {streamId} was expected at version {expectedVersion} but is at {(actualVersion is null ? "no version (it does not exist)" : actualVersion.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}.")
{
    /// <summary>The stream that clashed.</summary>
    public Guid StreamId { get; } = streamId;
    /// <summary>The version the writer expected.</summary>
    public long ExpectedVersion { get; } = expectedVersion;
    /// <summary>The stream's actual version, or null when it does not exist.</summary>
    public long? ActualVersion { get; } = actualVersion;
}

/// <summary>An event type was appended that has no registered alias.</summary>
public sealed class UnknownEventTypeException(Type type)
    : Exception($"Event type {type.FullName} has no alias. Register it with StoreOptions.Events.Add<{type.Name}>(\"module.event_name\").")
{
    /// <summary>The unregistered type.</summary>
    public Type EventType { get; } = type;
}

/// <summary>A stored event could not be read back: unknown alias or a payload that no longer deserialises.</summary>
public sealed class EventDeserializationException(long sequence, string alias, string reason, Exception? inner = null)
    : Exception($"Event seq {sequence} ({alias}) cannot be read: {reason}. Register an upcaster for this shape.", inner)
{
    /// <summary>The global sequence of the unreadable event.</summary>
    public long Sequence { get; } = sequence;
    /// <summary>Its stored alias.</summary>
    public string Alias { get; } = alias;
}

/// <summary>An event with this id was already stored (an idempotent reaction seen twice).</summary>
public sealed class DuplicateEventException(string message, Exception inner) : Exception(message, inner);
