using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Meetings;

/// <summary>
/// The notice register Meetings kept per issuing unit and year before notices took their numbers from the issuing unit's register in
/// Organisation (<see cref="INoticeRegister"/>). Nothing appends to it any more; it is read so that the shared register continues after it.
/// </summary>
internal sealed record NoticeRegister(int LastNumber) : IAggregate<NoticeRegister>
{
    private static readonly Guid Namespace = Guid.Parse("0b7c8f55-3f0d-4a6e-9f3b-1f4d7b7a2c10");

    public static NoticeRegister Initial { get; } = new(0);

    public static Guid StreamId(Guid issuingUnitId, int year) => DeterministicGuid.Create(Namespace, $"{issuingUnitId:N}/{year}");

    public NoticeRegister Evolve(object @event) => @event is NoticeNumberTaken e ? this with { LastNumber = e.Number } : this;
}

/// <summary>A number was taken from Meetings' old notice register (shipped: kept readable, no longer appended).</summary>
internal sealed record NoticeNumberTaken(Guid IssuingUnitId, int Year, int Number, string NumberSymbol, Guid MeetingId);

internal sealed class LegacyNoticeRegister : ILegacyNoticeRegister
{
    public async Task<int> LastNumberAsync(IQuerySession session, Guid issuingUnitId, int year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return (await session.Events.AggregateStreamAsync<NoticeRegister>(NoticeRegister.StreamId(issuingUnitId, year), ct: ct))?.LastNumber ?? 0;
    }
}
