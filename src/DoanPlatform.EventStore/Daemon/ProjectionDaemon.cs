using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DoanPlatform.EventStore.Daemon;

/// <summary>
/// Runs every async projection and subscription: one loop each, reading the feed past its checkpoint and
/// committing the read-model rows (or reactions) together with the new checkpoint.
/// </summary>
internal sealed partial class ProjectionDaemon(IDocumentStore store, ILogger<ProjectionDaemon> logger) : BackgroundService
{
    private readonly DocumentStore _store = (DocumentStore)store;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_store.Advanced.AsyncShards.Select(shard => RunAsync(shard, stoppingToken)));

    private async Task RunAsync(Shard shard, CancellationToken ct)
    {
        await Task.Yield();
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var scanned = await RunBatchAsync(shard, ct).ConfigureAwait(false);
                if (failures > 0)
                    LogRecovered(shard.Name);
                failures = 0;
                if (scanned < _store.Options.DaemonBatchSize)
                    await Task.Delay(_store.Options.DaemonPollInterval, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The daemon must outlive any one failure (database down, a poison event); it logs and retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures++;
                LogBatchFailed(e, shard.Name, failures);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, Math.Min(failures, 6)))), ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    internal async Task<int> RunBatchAsync(Shard shard, CancellationToken ct)
    {
        await using var connection = await _store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        // The row lock serialises daemons of several hosts and a rebuild's swap on this projection.
        var checkpoint = await AdvancedOperations.LockCheckpointAsync(connection, tx, shard.Name, ct).ConfigureAwait(false);
        var schema = shard.Projection?.Schema ?? "";
        var (next, scanned) = await _store.Advanced.ApplyBatchAsync(connection, tx, shard, schema, checkpoint, bounded: true, ct).ConfigureAwait(false);
        if (scanned > 0)
            await AdvancedOperations.SaveCheckpointAsync(connection, tx, shard.Name, next, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return scanned;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection {Name} failed a batch (attempt {Attempt}); retrying")]
    private partial void LogBatchFailed(Exception exception, string name, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Name} recovered")]
    private partial void LogRecovered(string name);
}
