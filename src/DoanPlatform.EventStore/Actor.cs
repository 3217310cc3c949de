namespace DoanPlatform.EventStore;

/// <summary>Who caused a change: the signed-in account, or the platform itself.</summary>
/// <param name="Id">Stable account id.</param>
/// <param name="Name">Display name at the time of the change.</param>
public sealed record Actor(string Id, string Name)
{
    /// <summary>The platform acting on its own (daemon reactions, schema work).</summary>
    public static readonly Actor System = new("system", "Hệ thống");
}

/// <summary>What is recorded with every event: who, why, under which decision, in which flow.</summary>
public sealed record EventMetadata(
    string ActorId,
    string ActorName,
    string? Reason = null,
    string? Decision = null,
    string? CorrelationId = null,
    string? CausationId = null);
