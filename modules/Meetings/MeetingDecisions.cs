using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Meetings;

/// <summary>The meeting's pure decisions: state and command in, events or a refusal out.</summary>
internal static class MeetingDecisions
{
    public const string NoticeIssuedRule = "Thông báo kết luận đã ban hành; biên bản cuộc họp không thể sửa. Hãy ban hành thông báo mới để đính chính.";

    public sealed record AttendanceEntry(Guid? UnitId, string? Person, AttendanceStatus Status, string? Reason);

    public static IReadOnlyList<AttendanceRecorded> RecordAttendance(Meeting meeting, IReadOnlyList<AttendanceEntry> entries, FieldErrors errors)
    {
        if (meeting.Notice is not null)
            throw new DomainRuleException(NoticeIssuedRule);
        var events = new List<AttendanceRecorded>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var field = $"entries[{i}]";
            errors.Require((entry.UnitId is null) != string.IsNullOrWhiteSpace(entry.Person), field, "Chọn đúng một: đơn vị (unitId) hoặc người dự (person).");
            var reason = Input.Clean(entry.Reason);
            errors.Require(entry.Status != AttendanceStatus.ExcusedAbsence || reason is not null, $"{field}.reason", "Vắng có phép phải có lý do.");
            var person = Input.Clean(entry.Person);
            var key = Meeting.AttendeeKey(entry.UnitId, person);
            if (entry.UnitId is { } unit && !meeting.InvitedUnits.Contains(unit))
                errors.Require(false, $"{field}.unitId", "Đơn vị này không có trong danh sách mời của hội nghị.");
            if (entry.UnitId is null && person is not null && !meeting.InvitedPeople.Contains(person))
                errors.Require(false, $"{field}.person", "Người này không có trong danh sách mời của hội nghị.");
            var isCorrection = meeting.Attendance.ContainsKey(key) || events.Any(e => Meeting.AttendeeKey(e.UnitId, e.Person) == key);
            errors.Require(!isCorrection || reason is not null, $"{field}.reason", "Sửa điểm danh đã ghi phải nêu lý do.");
            events.Add(new AttendanceRecorded(meeting.Id, meeting.ConveningUnitId, meeting.Kind, meeting.HeldOn, entry.UnitId, person,
                entry.Status, reason, isCorrection));
        }
        errors.Require(entries.Count > 0, "entries", "Cần ít nhất một dòng điểm danh.");
        return errors.Count == 0 ? events : [];
    }

    public static ConclusionsRecorded RecordConclusions(Meeting meeting, IReadOnlyList<ConclusionSection> sections, FieldErrors errors)
    {
        if (meeting.Notice is not null)
            throw new DomainRuleException(NoticeIssuedRule);
        var clean = new List<ConclusionSection>();
        for (var i = 0; i < sections.Count; i++)
        {
            var items = sections[i].Items.Select(Input.Clean).ToList();
            errors.Require(items.Count > 0 && items.All(x => x is not null), $"sections[{i}].items", "Mỗi mục kết luận phải có nội dung.");
            clean.Add(new ConclusionSection(Input.Clean(sections[i].Number) ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Input.Clean(sections[i].Heading) ?? "", [.. items.OfType<string>()]));
        }
        return new ConclusionsRecorded(meeting.Id, clean);
    }

    public static NoticeIssued IssueNotice(Meeting meeting, int number, string issuerSymbol, DateOnly issuedOn, string place,
        IReadOnlyList<string> recipients, NoticeSignature signature, FieldErrors errors)
    {
        if (meeting.Notice is not null)
            throw new DomainRuleException($"Hội nghị này đã có Thông báo kết luận số {meeting.Notice.NumberSymbol}; không ban hành lần hai.");
        errors.Require(issuedOn >= meeting.HeldOn, "issuedOn", "Ngày ban hành không được trước ngày họp.");
        errors.Require(!string.IsNullOrWhiteSpace(place), "place", "Cần địa danh (ví dụ: Vũng Tàu).");
        errors.Require(!string.IsNullOrWhiteSpace(issuerSymbol), "issuerSymbol", "Cần ký hiệu cơ quan ban hành (ví dụ: ĐTN).");
        errors.Require(recipients.Count > 0, "recipients", "Cần ít nhất một nơi nhận.");
        errors.Require(!string.IsNullOrWhiteSpace(signature.Authority) && !string.IsNullOrWhiteSpace(signature.Title) && !string.IsNullOrWhiteSpace(signature.Signer),
            "signature", "Cần dòng thẩm quyền (TM./TL./KT.), chức vụ và người ký.");
        return new NoticeIssued(meeting.Id, meeting.ConveningUnitId, issuedOn.Year, number, $"{number}-TB/{Input.Clean(issuerSymbol)}", issuedOn,
            Input.Clean(place) ?? "", [.. recipients.Select(Input.Clean).OfType<string>()],
            new NoticeSignature(Input.Clean(signature.Authority) ?? "", Input.Clean(signature.Title) ?? "", Input.Clean(signature.Signer) ?? ""));
    }
}
