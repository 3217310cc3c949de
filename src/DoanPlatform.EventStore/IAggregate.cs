namespace DoanPlatform.EventStore;

/// <summary>
/// Aggregate state: an immutable record evolved one event at a time by an explicit switch.
/// </summary>
/// <typeparam name="TSelf">The state type itself.</typeparam>
public interface IAggregate<TSelf> where TSelf : class, IAggregate<TSelf>
{
    /// <summary>The state before the stream's first event.</summary>
    static abstract TSelf Initial { get; }

    /// <summary>The state after one more event.</summary>
    TSelf Evolve(object @event);
}

/// <summary>An event appended with an id chosen by the caller (deterministic ids make reactions idempotent).</summary>
/// <param name="Id">The event id; appending the same id twice fails with <see cref="DuplicateEventException"/>.</param>
/// <param name="Data">The event itself.</param>
public sealed record IdentifiedEvent(Guid Id, object Data);

/// <summary>UUID version 5 (name-based, SHA-1): the same inputs always give the same id.</summary>
public static class DeterministicGuid
{
    /// <summary>An id derived from a namespace id and a name.</summary>
    public static Guid Create(Guid namespaceId, string name)
    {
        Span<byte> buffer = stackalloc byte[16];
        namespaceId.TryWriteBytes(buffer, bigEndian: true, out _);
        var nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        buffer.CopyTo(input);
        nameBytes.CopyTo(input, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5 ids; no security role here.
        var hash = System.Security.Cryptography.SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
