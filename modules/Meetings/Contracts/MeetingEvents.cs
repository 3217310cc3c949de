using System.Text.Json.Serialization;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Meetings.Contracts;

/// <summary>The kind of meeting.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeetingKind>))]
public enum MeetingKind
{
    /// <summary>Hội nghị giao ban.</summary>
    Briefing,
    /// <summary>Hội nghị sơ kết.</summary>
    Review,
    /// <summary>Hội nghị tổng kết.</summary>
    YearEnd,
    /// <summary>Hội nghị kiểm tra.</summary>
    Inspection,
    /// <summary>Giao ban cụm thi đua.</summary>
    ClusterBriefing,
    /// <summary>Hội nghị Ban Chấp hành / Ban Thường vụ.</summary>
    Committee,
}

/// <summary>Có mặt / vắng có phép / vắng không phép.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttendanceStatus>))]
public enum AttendanceStatus
{
    /// <summary>Có mặt.</summary>
    Present,
    /// <summary>Vắng có phép (a reason is required).</summary>
    ExcusedAbsence,
    /// <summary>Vắng không phép.</summary>
    UnexcusedAbsence,
}

/// <summary>Whom a task is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssigneeScope>))]
public enum AssigneeScope
{
    /// <summary>Every invited unit.</summary>
    AllInvited,
    /// <summary>The invited units of one sector.</summary>
    Sector,
    /// <summary>Named units.</summary>
    Units,
}

/// <summary>A chair of the meeting (several for a cluster meeting, one per cluster).</summary>
public sealed record Chair(string Name, string Title, string? Cluster = null);

/// <summary>A referenced document: number-symbol and date, e.g. 09-HD/ĐTN of 16/02/2023.</summary>
public sealed record DocumentRef(string NumberSymbol, DateOnly? Date);

/// <summary>A numbered section of conclusions with its items.</summary>
public sealed record ConclusionSection(string Number, string Heading, IReadOnlyList<string> Items);

/// <summary>Signature block of a notice: TM./TL./KT. line, title, signer.</summary>
public sealed record NoticeSignature(string Authority, string Title, string Signer);

/// <summary>A meeting was convened (meeting stream, first event).</summary>
public sealed record MeetingConvened(
    Guid MeetingId, MeetingKind Kind, Guid ConveningUnitId, string Title, string Period, DateOnly HeldOn, DateOnly? HeldUntil,
    string Venue, IReadOnlyList<Chair> Chairs, string? MinuteTaker, IReadOnlyList<Guid> InvitedUnits, IReadOnlyList<string> InvitedPeople);

/// <summary>A unit was added to the invitation list.</summary>
public sealed record UnitInvited(Guid MeetingId, Guid UnitId);

/// <summary>A unit was taken off the invitation list before attendance was recorded for it.</summary>
public sealed record UnitUninvited(Guid MeetingId, Guid UnitId);

/// <summary>
/// Attendance of an invited unit (UnitId) or person (Person). A later event for the same attendee is a
/// correction and carries a reason; the last one counts.
/// </summary>
public sealed record AttendanceRecorded(
    Guid MeetingId, Guid ConveningUnitId, MeetingKind Kind, DateOnly HeldOn, Guid? UnitId, string? Person,
    AttendanceStatus Status, string? Reason, bool IsCorrection);

/// <summary>The meeting's conclusions, as a whole (a later event replaces an earlier one until the notice is issued).</summary>
public sealed record ConclusionsRecorded(Guid MeetingId, IReadOnlyList<ConclusionSection> Sections);

/// <summary>The numbered Thông báo kết luận was issued; the meeting's record is final from then on.</summary>
public sealed record NoticeIssued(
    Guid MeetingId, Guid IssuingUnitId, int Year, int Number, string NumberSymbol, DateOnly IssuedOn, string Place,
    IReadOnlyList<string> Recipients, NoticeSignature Signature);

/// <summary>A task from a meeting's conclusions (task stream, first event), resolved to the units that must do it.</summary>
public sealed record TaskAssigned(
    Guid TaskId, Guid MeetingId, Guid ConveningUnitId, string Text, AssigneeScope Scope, Sector? Sector,
    IReadOnlyList<Guid> Units, DateOnly Deadline, string? DeadlineText, string? Target, IReadOnlyList<DocumentRef> References);

/// <summary>A unit reported progress on a task.</summary>
public sealed record TaskProgressReported(Guid TaskId, Guid UnitId, string Note, DateOnly ReportedOn);

/// <summary>A unit reported a task done, with its evidence note.</summary>
public sealed record TaskCompleted(Guid TaskId, Guid UnitId, string Evidence, DateOnly CompletedOn);
