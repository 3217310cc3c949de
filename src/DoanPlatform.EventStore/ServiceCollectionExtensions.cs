using DoanPlatform.EventStore.Daemon;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DoanPlatform.EventStore;

/// <summary>Registration of the store, its schema start-up and the projection daemon.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store. Modules add event types and projections with
    /// <c>services.Configure&lt;StoreOptions&gt;(o =&gt; ...)</c>; the schema is applied at start-up and the
    /// daemon runs async projections and subscriptions unless <paramref name="runDaemon"/> is false.
    /// </summary>
    public static IServiceCollection AddEventStore(this IServiceCollection services, Action<StoreOptions>? configure = null, bool runDaemon = true)
    {
        if (configure is not null)
            services.Configure(configure);
        services.AddSingleton<IDocumentStore>(sp => new DocumentStore(sp.GetRequiredService<IOptions<StoreOptions>>().Value));
        services.AddHostedService<SchemaInitializer>();
        if (runDaemon)
            services.AddHostedService<ProjectionDaemon>();
        return services;
    }

    private sealed class SchemaInitializer(IDocumentStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.Advanced.ApplySchemaAsync(cancellationToken);
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Creates a store outside a host (CLI verbs, benchmarks, tests).</summary>
    public static IDocumentStore CreateStore(StoreOptions options) => new DocumentStore(options);
}
