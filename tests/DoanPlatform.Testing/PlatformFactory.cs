using DoanPlatform.EventStore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DoanPlatform.Testing;

/// <summary>
/// The real host (every module, the daemon, problem details) over the ASP.NET Core test server,
/// on a fresh database of the test run's cluster. Use as <c>IClassFixture&lt;PlatformFactory&gt;</c>.
/// </summary>
public class PlatformFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await PostgresCluster.CreateDatabaseAsync("http").ConfigureAwait(false);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("ConnectionStrings:Doan", ConnectionString);
        builder.UseEnvironment("Testing");
    }

    /// <summary>Waits until the daemon has caught up with everything committed so far.</summary>
    public Task WaitForNonStaleAsync() => Store.Advanced.WaitForNonStaleAsync(TimeSpan.FromSeconds(30));

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync().ConfigureAwait(false);
}
