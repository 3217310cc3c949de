using DoanPlatform.EventStore.Daemon;
using DoanPlatform.EventStore.Projections;

namespace DoanPlatform.EventStore;

public sealed partial class AdvancedOperations
{
    /// <summary>
    /// What read models showed as of a recorded time: replays the events recorded up to <paramref name="recordedUntil"/> into
    /// fresh tables of each named projection, each in a temporary schema of its own, and lets <paramref name="read"/> query
    /// them (keyed by projection name). Everything runs in one transaction that is rolled back, so the temporary schemas
    /// never outlive the call, even when the process dies half-way.
    /// </summary>
    public async Task<T> ReadAsOfAsync<T>(IReadOnlyCollection<string> names, DateTimeOffset recordedUntil,
        Func<IReadOnlyDictionary<string, ProjectionContext>, Task<T>> read, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(read);
        var projections = names.Distinct().Select(name => _store.Options.Projections.All.FirstOrDefault(p => p.Name == name)
            ?? throw new ArgumentException($"No projection is named '{name}'. Known: {string.Join(", ", ProjectionNames)}.", nameof(names))).ToList();

        var target = await LastCheckpointAsync(ct, recordedUntil).ConfigureAwait(false);
        await using var connection = await _store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var contexts = new Dictionary<string, ProjectionContext>();
        // Unique per call: concurrent replays never wait on each other's schema names.
        var run = Guid.NewGuid().ToString("N")[..12];
        foreach (var projection in projections)
        {
            var schema = $"doan_asof_{run}_{contexts.Count}";
            await Execute(connection, tx, $"create schema \"{schema}\"", ct).ConfigureAwait(false);
            await Execute(connection, tx, projection.CreateTablesSql(schema), ct).ConfigureAwait(false);
            var shard = Shard.For(projection);
            var checkpoint = Checkpoint.Start;
            while (true)
            {
                var (events, last, scanned) = await EventFeed.ReadAsync(_store, connection, tx, shard, checkpoint, _store.Options.DaemonBatchSize,
                    bounded: true, ct, recordedUntil: recordedUntil).ConfigureAwait(false);
                if (scanned == 0 && (target is null || !checkpoint.IsBefore(target.Value)))
                    break;
                if (scanned == 0)
                {
                    // Recorded in time but still past the safe bound while an older transaction is open somewhere: wait for it.
                    await Task.Delay(25, ct).ConfigureAwait(false);
                    continue;
                }
                if (events.Count > 0)
                    await shard.ApplyAsync(connection, tx, schema, events, ct).ConfigureAwait(false);
                checkpoint = last;
            }
            contexts[projection.Name] = new ProjectionContext(connection, tx, schema);
        }
        var result = await read(contexts).ConfigureAwait(false);
        await tx.RollbackAsync(ct).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Brings one async projection up to date now, batch by batch as the daemon would and under the same progress-row lock, so
    /// a daemon running elsewhere and this call never apply a batch twice. For CLI verbs that read a read model while no
    /// server (and so no daemon) may be running.
    /// </summary>
    public async Task CatchUpAsync(string name, CancellationToken ct = default)
    {
        var shard = AsyncShards.FirstOrDefault(s => s.Name == name && s.Projection is not null)
                    ?? throw new ArgumentException($"No async projection is named '{name}'.", nameof(name));
        var target = await LastCheckpointAsync(ct).ConfigureAwait(false);
        while (target is not null)
        {
            await using var connection = await _store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            var checkpoint = await LockCheckpointAsync(connection, tx, name, ct).ConfigureAwait(false);
            var (next, scanned) = await ApplyBatchAsync(connection, tx, shard, shard.Projection!.Schema, checkpoint, bounded: true, ct).ConfigureAwait(false);
            if (scanned > 0)
                await SaveCheckpointAsync(connection, tx, name, next, ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            if (!next.IsBefore(target.Value))
                return;
            // Events of the last committed transaction stay invisible to the safe bound while an older transaction anywhere in the
            // cluster is still open; wait for it rather than return before the read model holds every event committed before the call.
            if (scanned == 0)
                await Task.Delay(25, ct).ConfigureAwait(false);
        }
    }
}
