using DoanPlatform.EventStore.Projections;

namespace DoanPlatform.EventStore;

/// <summary>Everything the store needs: connection, event types, projections, subscriptions, daemon settings.</summary>
public sealed class StoreOptions
{
    /// <summary>The PostgreSQL connection string.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Event type aliases, serialisation and upcasters.</summary>
    public EventTypes Events { get; } = new();

    /// <summary>Inline and async projections, and subscriptions.</summary>
    public ProjectionOptions Projections { get; } = new();

    /// <summary>How often an idle daemon looks for new events.</summary>
    public TimeSpan DaemonPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many events the daemon reads per batch.</summary>
    public int DaemonBatchSize { get; set; } = 1000;
}

/// <summary>When a projection runs.</summary>
public enum ProjectionLifecycle
{
    /// <summary>In the appending transaction.</summary>
    Inline,
    /// <summary>By the daemon, after commit.</summary>
    Async,
}

/// <summary>The store's projections and subscriptions.</summary>
public sealed class ProjectionOptions
{
    private readonly List<(IProjection Projection, ProjectionLifecycle Lifecycle)> _projections = [];
    private readonly List<ISubscription> _subscriptions = [];

    /// <summary>Registers a projection.</summary>
    public void Add(IProjection projection, ProjectionLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(projection);
        if (_projections.Any(p => p.Projection.Name == projection.Name) || _subscriptions.Any(s => s.Name == projection.Name))
            throw new InvalidOperationException($"A projection or subscription named '{projection.Name}' is already registered.");
        _projections.Add((projection, lifecycle));
    }

    /// <summary>Registers a subscription (a reactor run by the daemon, at least once per event).</summary>
    public void Subscribe(ISubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (_projections.Any(p => p.Projection.Name == subscription.Name) || _subscriptions.Any(s => s.Name == subscription.Name))
            throw new InvalidOperationException($"A projection or subscription named '{subscription.Name}' is already registered.");
        _subscriptions.Add(subscription);
    }

    internal IEnumerable<IProjection> All => _projections.Select(p => p.Projection);
    internal IEnumerable<IProjection> Inline => _projections.Where(p => p.Lifecycle == ProjectionLifecycle.Inline).Select(p => p.Projection);
    internal IEnumerable<IProjection> Async => _projections.Where(p => p.Lifecycle == ProjectionLifecycle.Async).Select(p => p.Projection);
    internal IReadOnlyList<ISubscription> Subscriptions => _subscriptions;
    internal ProjectionLifecycle LifecycleOf(IProjection projection) => _projections.First(p => p.Projection == projection).Lifecycle;
}
