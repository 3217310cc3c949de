using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Inspections;

/// <summary>
/// The conclusion register Inspections kept per issuing unit and year before conclusions took their numbers from the issuing unit's
/// notice register in Organisation (<see cref="INoticeRegister"/>, shared with meeting notices). Nothing appends to it any more; it is read
/// so that the shared register continues after it.
/// </summary>
internal sealed record ConclusionRegister(int LastNumber) : IAggregate<ConclusionRegister>
{
    private static readonly Guid Namespace = Guid.Parse("7a4c2e19-5b8d-4f3a-a1c6-9e2d4b6f8a31");

    public static ConclusionRegister Initial { get; } = new(0);

    public static Guid StreamId(Guid issuingUnitId, int year) => DeterministicGuid.Create(Namespace, $"{issuingUnitId:N}/{year}");

    public ConclusionRegister Evolve(object @event) => @event is ConclusionNumberTaken e ? this with { LastNumber = e.Number } : this;
}

/// <summary>A number was taken from Inspections' old conclusion register (shipped: kept readable, no longer appended).</summary>
internal sealed record ConclusionNumberTaken(Guid IssuingUnitId, int Year, int Number, string NumberSymbol, Guid PlanId);

internal sealed class LegacyConclusionRegister : ILegacyNoticeRegister
{
    public async Task<int> LastNumberAsync(IQuerySession session, Guid issuingUnitId, int year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return (await session.Events.AggregateStreamAsync<ConclusionRegister>(ConclusionRegister.StreamId(issuingUnitId, year), ct: ct))?.LastNumber ?? 0;
    }
}
