namespace DoanPlatform.EventStore;

/// <summary>
/// Tells an auditor what an event changed. Each module narrates its own event types and registers its narrator in the
/// service collection; the reporting timeline collects every narration under the units it concerns.
/// </summary>
public interface IEventNarrator
{
    /// <summary>
    /// The narration of <paramref name="event"/>, or null when it is not one of this narrator's events.
    /// <paramref name="memory"/> holds what earlier narrations of the same stream remembered (e.g. a score sheet's unit and
    /// its self-assessed values). A narration depends on the event and that memory only, so a rebuild tells the same story.
    /// </summary>
    Narration? Narrate(IEvent @event, IReadOnlyDictionary<string, string> memory);
}

/// <summary>What an event changed, for the auditor's replay.</summary>
/// <param name="UnitIds">The units whose history the event belongs to; none means it is listed nowhere.</param>
/// <param name="EffectiveDate">The domain's effective date, or null when the event has none (its recorded date stands in).</param>
/// <param name="Text">What changed, in plain Vietnamese; <see cref="Unit"/> marks where a unit's name goes.</param>
public sealed record Narration(IReadOnlyList<Guid> UnitIds, DateOnly? EffectiveDate, string Text)
{
    /// <summary>The decision the event's data names (e.g. a notice's number-symbol), used when its metadata names none.</summary>
    public string? Decision { get; init; }

    /// <summary>Facts later narrations of the same stream need (key → value), e.g. a meeting's title.</summary>
    public IReadOnlyDictionary<string, string>? Remember { get; init; }

    /// <summary>
    /// A placeholder for a unit's name, filled in when the history is read with the name the unit had on the entry's date
    /// (a narration cannot know other streams' names).
    /// </summary>
    public static string Unit(Guid unitId) => $"{{unit:{unitId}}}";
}
