using System.Text.Json;
using DoanPlatform.EventStore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace DoanPlatform.Host.Http;

/// <summary>/health: 200 when the database answers, 503 with the reason when it does not.</summary>
internal sealed class DatabaseHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await using var command = store.DataSource.CreateCommand("select count(*) from doan_events.streams where false");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("up");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // Idle pooled connections to a server that went away are dead, and Npgsql finds out only by failing a request on
            // each: drop them all, so that the requests after the server is back open fresh ones.
            store.DataSource.Clear();
            return HealthCheckResult.Unhealthy($"down: {e.Message}");
        }
    }

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var database = report.Entries.TryGetValue("database", out var entry) ? entry.Description : null;
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            database,
        }));
    }
}
