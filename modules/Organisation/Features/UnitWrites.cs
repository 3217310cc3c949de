using System.Globalization;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;
using Microsoft.AspNetCore.Http;

namespace DoanPlatform.Organisation.Features;

/// <summary>The write result every unit endpoint answers with: the stream and its new version (also as ETag).</summary>
internal sealed record WriteResult(Guid Id, long Version);

/// <summary>Plumbing shared by the unit use cases: expected versions, loading, parent chains.</summary>
internal static class UnitWrites
{
    /// <summary>The expected version from <c>If-Match</c> (<c>"3"</c> or <c>3</c>) or else the body's <c>version</c> field.</summary>
    public static long? ExpectedVersion(HttpContext http, long? bodyVersion)
    {
        var header = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
            return bodyVersion;
        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
            value = value[2..];
        value = value.Trim('"');
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw Text.Invalid("If-Match", "If-Match phải là số phiên bản, ví dụ \"3\".");
    }

    /// <summary>Loads a unit for writing; null when it does not exist; a stale expected version throws <see cref="ConcurrencyException"/>.</summary>
    public static async Task<IEventStream<Unit>?> FetchAsync(IDocumentSession session, Guid id, long? expected, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Unit>(id, ct).ConfigureAwait(false);
        if (stream.Aggregate is null)
            return null;
        if (expected is { } version && version != stream.StartingVersion)
            throw new ConcurrencyException(id, version, stream.StartingVersion);
        return stream;
    }

    /// <summary>A unit and the version it was read at, for multi-stream writes queued with <c>Append(id, version, ...)</c>.</summary>
    public static async Task<(Unit? Unit, long Version)> LoadVersionedAsync(IDocumentStore store, Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id, ct: ct).ConfigureAwait(false);
        if (events.Count == 0)
            return (null, 0);
        var unit = events.Aggregate(Unit.Initial, (state, e) => state.Evolve(e.Data));
        return (unit, events[^1].Version);
    }

    public static async Task<Unit?> LoadAsync(IDocumentStore store, Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Events.AggregateStreamAsync<Unit>(id, ct: ct).ConfigureAwait(false);
    }

    /// <summary>The parent chain of a unit from the streams themselves (always current, unlike the read model).</summary>
    public static async Task<IReadOnlyList<Guid>> AncestorIdsAsync(IDocumentStore store, Unit unit, CancellationToken ct)
    {
        var chain = new List<Guid>();
        var next = unit.ParentId;
        while (next is { } id && chain.Count < 64 && !chain.Contains(id))
        {
            chain.Add(id);
            next = (await LoadAsync(store, id, ct).ConfigureAwait(false))?.ParentId;
        }
        return chain;
    }

    /// <summary>
    /// The unit and its parents on a date from the tree read model; for a unit written a moment ago and not yet projected, from the
    /// streams (its current parents), so whoever just established a unit can act on it at once.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> ScopeChainAsync(IDocumentStore store, Guid unitId, DateOnly date, CancellationToken ct)
    {
        var chain = await UnitTree.ScopeChainAsync(store.DataSource, unitId, date, ct).ConfigureAwait(false);
        if (chain.Count > 0 || await LoadAsync(store, unitId, ct).ConfigureAwait(false) is not { Status: not UnitStatus.NotEstablished } fresh)
            return chain;
        return [unitId, .. await AncestorIdsAsync(store, fresh, ct).ConfigureAwait(false)];
    }

    /// <summary>Structural changes read the current children from the tree read model: wait until it has caught up.</summary>
    public static Task CatchUpAsync(IDocumentStore store, CancellationToken ct) =>
        store.Advanced.WaitForNonStaleAsync(TimeSpan.FromSeconds(10), ct);

    /// <summary>One decision on one unit: scope check, load at the expected version, decide, append, answer the new version.</summary>
    public static async Task<IResult> ChangeAsync(HttpContext http, IDocumentStore store, IUnitAccess access, Guid id, long? bodyVersion,
        Decision decision, string? reason, Func<Unit, Task<object>> decide, CancellationToken ct)
    {
        await access.EnsureAsync(http.User, id, UnitPermission.Manage, ct).ConfigureAwait(false);
        await using var session = store.LightweightSession(http.User.ToActor());
        var stream = await FetchAsync(session, id, ExpectedVersion(http, bodyVersion), ct).ConfigureAwait(false);
        if (stream?.Aggregate is null)
            return NotFound(id);
        stream.AppendOne(await decide(stream.Aggregate).ConfigureAwait(false));
        session.Decision = decision.NumberSymbol;
        session.Reason = Text.Clean(reason) is { Length: > 0 } clean ? clean : null;
        await session.SaveChangesAsync(ct).ConfigureAwait(false);
        return Written(http, id, stream.StartingVersion + 1);
    }

    public static IResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy đơn vị", detail: $"Không có đơn vị nào có mã định danh {id}.");

    public static IResult Written(HttpContext http, Guid id, long version)
    {
        http.Response.Headers.ETag = $"\"{version}\"";
        return TypedResults.Ok(new WriteResult(id, version));
    }
}
