using System.Net;
using System.Text.Json;
using DoanPlatform.EventStore;
using DoanPlatform.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DoanPlatform.Host.Tests.Http;

public sealed class HostTests(HostTests.Factory factory) : IClassFixture<HostTests.Factory>
{
    /// <summary>The real host plus a few throwing routes, to see what the error handling makes of them.</summary>
    public sealed class Factory : PlatformFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, ThrowingRoutes>());
        }
    }

    private sealed class ThrowingRoutes : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseExceptionHandler();
            app.Map("/__test/clash", a => a.Run(_ => throw new ConcurrencyException(Guid.Empty, 3, 5)));
            app.Map("/__test/crash", a => a.Run(_ => throw new InvalidOperationException("secret internals")));
            app.Map("/__test/busy", a => a.Run(_ => throw new TimeoutException("The projections did not catch up within 00:00:10.")));
            next(app);
        };
    }

    [Fact]
    public async Task Health_reports_the_database_up()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("up", body.RootElement.GetProperty("database").GetString());
    }

    [Fact]
    public async Task The_openapi_document_is_served()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.TryGetProperty("paths", out _));
    }

    [Fact]
    public async Task A_concurrency_clash_is_a_409_problem_with_the_current_version()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/__test/clash", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(5, body.RootElement.GetProperty("currentVersion").GetInt64());
    }

    [Fact]
    public async Task Read_models_that_do_not_catch_up_in_time_answer_503_with_Retry_After()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/__test/busy", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("thử lại", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_problem_without_internals()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/__test/crash", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("secret internals", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }
}
