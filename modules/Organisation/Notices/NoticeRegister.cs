using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Organisation.Notices;

/// <summary>A number was taken from an issuing unit's notice register by <paramref name="Document"/> (stream <paramref name="DocumentId"/>).</summary>
internal sealed record NoticeNumberTaken(Guid IssuingUnitId, int Year, int Number, string Document, Guid DocumentId);

/// <summary>
/// One issuing unit's notice register for one year: a stream with a deterministic id, so every taker of the year's numbers appends to the
/// same stream and two concurrent takers clash on its version.
/// </summary>
internal sealed record NoticeRegister(int LastNumber) : IAggregate<NoticeRegister>
{
    private static readonly Guid Namespace = Guid.Parse("3f6d2b8e-1a4c-4e7f-9b2d-6c8a0e4f1d57");

    public static NoticeRegister Initial { get; } = new(0);

    public static Guid StreamId(Guid issuingUnitId, int year) => DeterministicGuid.Create(Namespace, $"{issuingUnitId:N}/{year}");

    public NoticeRegister Evolve(object @event) => @event is NoticeNumberTaken e ? this with { LastNumber = e.Number } : this;

    public static void Register(EventTypes events) => events.Add<NoticeNumberTaken>("organisation.notice_number_taken");
}

/// <summary>
/// Takes numbers in the caller's session. A register's first number follows the highest one the modules' old registers gave
/// (read once, when the stream is started; its first event then carries the continuation for ever).
/// </summary>
internal sealed class NoticeRegisters(IEnumerable<ILegacyNoticeRegister> legacy) : INoticeRegister
{
    public async Task<NoticeNumber> TakeNextAsync(IDocumentSession session, Guid issuingUnitId, int year, string document, Guid documentId,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var stream = await session.Events.FetchForWriting<NoticeRegister>(NoticeRegister.StreamId(issuingUnitId, year), ct).ConfigureAwait(false);
        var last = stream.Aggregate?.LastNumber ?? 0;
        if (stream.Aggregate is null)
            foreach (var register in legacy)
                last = Math.Max(last, await register.LastNumberAsync(session, issuingUnitId, year, ct).ConfigureAwait(false));
        var number = last + 1;
        stream.AppendOne(new NoticeNumberTaken(issuingUnitId, year, number, document, documentId));
        return new NoticeNumber(stream.Id, number);
    }
}
