using DoanPlatform.Meetings.Contracts;

namespace DoanPlatform.Meetings.Notices;

/// <summary>What the parser read from an old notice; null or empty where the notice does not say, with a warning.</summary>
internal sealed record ParsedNotice(
    MeetingKind? Kind,
    string? Period,
    DateOnly? HeldOn,
    DateOnly? HeldUntil,
    string? Place,
    string? Convenor,
    IReadOnlyList<ParsedChair> Chairs,
    ParsedAttendance Attendance,
    IReadOnlyList<ParsedSection> Conclusions,
    IReadOnlyList<ParsedTask> Tasks,
    IReadOnlyList<ParsedReference> References,
    IReadOnlyList<string> Recipients,
    ParsedSignature? Signature,
    IReadOnlyList<string> Warnings);

internal sealed record ParsedChair(string Name, string Title);

/// <summary>Counts as stated (null when not stated); absent "units" may be people, written "Name (title)".</summary>
internal sealed record ParsedAttendance(
    int? Invited,
    int? Present,
    int? Excused,
    int? Unexcused,
    IReadOnlyList<string> ExcusedUnits,
    IReadOnlyList<string> UnexcusedUnits);

/// <summary>A section of conclusions; <see cref="Section"/> is its number ("2", or "2.1" for an unnumbered sub-heading).</summary>
internal sealed record ParsedSection(string? Section, string Heading, IReadOnlyList<string> Items);

/// <summary>A task as written; no assignees means every invited unit.</summary>
internal sealed record ParsedTask(string Text, IReadOnlyList<string> Assignees, DateOnly? Deadline);

/// <summary>A referenced document's number-symbol (e.g. 09-HD/ĐTN) and date.</summary>
internal sealed record ParsedReference(string Number, DateOnly? Date);

/// <summary>The signature block: authority line (TM./TL./KT. ...), title, signer, as written.</summary>
internal sealed record ParsedSignature(string Authority, string Title, string Signer);
