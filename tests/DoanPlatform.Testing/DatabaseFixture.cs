using Xunit;

namespace DoanPlatform.Testing;

/// <summary>A fresh database per test class: <c>IClassFixture&lt;DatabaseFixture&gt;</c>.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await PostgresCluster.CreateDatabaseAsync().ConfigureAwait(false);

    // The database goes with the whole cluster at process exit; keeping it until then helps debugging.
    public Task DisposeAsync() => Task.CompletedTask;
}
