using System.Net;
using DoanPlatform.Host.LocalPostgres;
using DoanPlatform.Testing;
using Microsoft.AspNetCore.Hosting;

namespace DoanPlatform.Host.Tests.Http;

public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"doan-outage-{Guid.NewGuid():N}");
    private LocalPostgresServer _server = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _server = new LocalPostgresServer(new LocalPostgresOptions(Path.Combine(_root, "pgdata"), Durable: false));
        await _server.StartAsync();
        _port = _server.Port;
        await _server.EnsureDatabaseAsync("doan");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private sealed class OwnServerFactory(string connectionString) : PlatformFactory
    {
        public override Task InitializeAsync() => Task.CompletedTask;

        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder.UseSetting("ConnectionStrings:Doan", connectionString + ";Timeout=3");
    }

    [Fact]
    public async Task Health_answers_503_while_the_database_is_down_and_recovers_when_it_returns()
    {
        await using var factory = new OwnServerFactory(_server.ConnectionString("doan"));
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);

        await _server.StopAsync();
        var down = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("down", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        _server = new LocalPostgresServer(new LocalPostgresOptions(Path.Combine(_root, "pgdata"), Durable: false, Port: _port));
        await _server.StartAsync();
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 50 && status != HttpStatusCode.OK; attempt++)
        {
            status = (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode;
            if (status != HttpStatusCode.OK)
                await Task.Delay(200);
        }
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
