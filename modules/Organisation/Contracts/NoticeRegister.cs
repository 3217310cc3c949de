using DoanPlatform.EventStore;

namespace DoanPlatform.Organisation.Contracts;

/// <summary>A number taken from an issuing unit's notice register.</summary>
/// <param name="RegisterId">The register's stream: a <see cref="ConcurrencyException"/> on it means another notice took the number first.</param>
/// <param name="Number">The number taken (1 for the year's first notice).</param>
public sealed record NoticeNumber(Guid RegisterId, int Number);

/// <summary>
/// The outgoing-notice register (sổ văn bản đi) of an issuing unit for a year: every Thông báo the unit issues, a meeting's conclusion
/// notice or an inspection conclusion alike, takes the next number here, so the numbers have no gaps and no duplicates.
/// </summary>
public interface INoticeRegister
{
    /// <summary>
    /// Queues in <paramref name="session"/> the taking of the next number of <paramref name="issuingUnitId"/>'s register for
    /// <paramref name="year"/>: it is taken when the caller saves the session, in the same transaction as its notice. A concurrent taker makes
    /// that save fail with a <see cref="ConcurrencyException"/> on <see cref="NoticeNumber.RegisterId"/>: retry with a new session.
    /// A caller that does not save takes nothing.
    /// </summary>
    /// <param name="session">The caller's session, holding the notice's own events.</param>
    /// <param name="issuingUnitId">The unit issuing the notice.</param>
    /// <param name="year">The year of the notice's date.</param>
    /// <param name="document">What takes the number, in Vietnamese, e.g. "Thông báo kết luận kiểm tra" (kept in the register's history).</param>
    /// <param name="documentId">The stream of the document that takes the number (a meeting, an inspection plan).</param>
    /// <param name="ct">Cancellation.</param>
    Task<NoticeNumber> TakeNextAsync(IDocumentSession session, Guid issuingUnitId, int year, string document, Guid documentId, CancellationToken ct = default);
}

/// <summary>
/// A register a module kept on its own before the shared <see cref="INoticeRegister"/> existed. The shared register of a unit and year
/// starts after the highest number any of them handed out, so numbering continues across the switch.
/// </summary>
public interface ILegacyNoticeRegister
{
    /// <summary>The last number this module's old register gave <paramref name="issuingUnitId"/> in <paramref name="year"/>, 0 when none.</summary>
    Task<int> LastNumberAsync(IQuerySession session, Guid issuingUnitId, int year, CancellationToken ct = default);
}
