using System.Globalization;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;

namespace DoanPlatform.Meetings;

/// <summary>The auditor's sentence for every Meetings event: convening, invitations, attendance and its corrections, notices, tasks.</summary>
internal sealed class MeetingsNarrator : IEventNarrator
{
    public Narration? Narrate(IEvent @event, IReadOnlyDictionary<string, string> memory)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(memory);
        var meeting = memory.GetValueOrDefault("meeting", "hội nghị");
        DateOnly? heldOn = memory.TryGetValue("heldOn", out var held) ? DateOnly.ParseExact(held, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
        Guid? convening = memory.TryGetValue("convening", out var unit) ? Guid.Parse(unit) : null;
        return @event.Data switch
        {
            MeetingConvened x => new Narration([x.ConveningUnitId, .. x.InvitedUnits.Where(u => u != x.ConveningUnitId)], x.HeldOn,
                $"{Narration.Unit(x.ConveningUnitId)} triệu tập {Label(x)} tại {x.Venue}; mời {x.InvitedUnits.Count} đơn vị" +
                (x.InvitedPeople.Count > 0 ? $" và {x.InvitedPeople.Count} người." : "."))
            {
                Remember = new Dictionary<string, string>
                {
                    ["meeting"] = Label(x),
                    ["heldOn"] = x.HeldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["convening"] = x.ConveningUnitId.ToString(),
                },
            },
            UnitInvited x => new Narration([x.UnitId], heldOn, $"Được mời bổ sung dự {meeting}."),
            UnitUninvited x => new Narration([x.UnitId], heldOn, $"Được rút khỏi danh sách mời dự {meeting}."),
            AttendanceRecorded x => Attendance(x, meeting, memory),
            ConclusionsRecorded x => new Narration(convening is { } c ? [c] : [], heldOn,
                $"Ghi kết luận {meeting}: {x.Sections.Count} phần, {x.Sections.Sum(s => s.Items.Count)} ý."),
            TaskLinked => new Narration([], heldOn, $"Gắn một nhiệm vụ vào {meeting}."),
            NoticeIssued x => new Narration([x.IssuingUnitId], x.IssuedOn,
                $"Ban hành Thông báo kết luận số {x.NumberSymbol} ngày {Date(x.IssuedOn)} về {meeting}.")
            { Decision = x.NumberSymbol },
            NoticeNumberTaken x => new Narration([], null, $"Lấy số thông báo {x.NumberSymbol} trong sổ năm {x.Year}.") { Decision = x.NumberSymbol },
            TaskAssigned x => new Narration(x.Units, null,
                $"Được giao nhiệm vụ: {x.Text}; hạn: {x.DeadlineText ?? Date(x.Deadline)}" +
                (x.Target is { } target ? $"; chỉ tiêu: {target}" : "") +
                (x.References.Count > 0 ? $"; căn cứ: {string.Join(", ", x.References.Select(r => r.NumberSymbol))}." : "."))
            { Remember = new Dictionary<string, string> { ["task"] = x.Text } },
            TaskProgressReported x => new Narration([x.UnitId], x.ReportedOn,
                $"Báo cáo tiến độ nhiệm vụ “{memory.GetValueOrDefault("task", "")}”: {x.Note}"),
            TaskCompleted x => new Narration([x.UnitId], x.CompletedOn,
                $"Báo cáo hoàn thành nhiệm vụ “{memory.GetValueOrDefault("task", "")}”; minh chứng: {x.Evidence}"),
            _ => null,
        };
    }

    private static Narration Attendance(AttendanceRecorded x, string meeting, IReadOnlyDictionary<string, string> memory)
    {
        var attendee = x.UnitId?.ToString() ?? x.Person ?? "";
        var who = x.Person is { } person ? $" {person}" : "";
        var reason = x.Reason is { } r ? $" (lý do: {r})" : "";
        var text = x.IsCorrection && memory.TryGetValue($"attendance:{attendee}", out var before)
            ? $"Sửa điểm danh{who} {meeting}: {before} → {Status(x.Status)}{reason}."
            : $"Điểm danh{who} {meeting}: {Status(x.Status)}{reason}.";
        return new Narration(x.UnitId is { } unit ? [unit] : [x.ConveningUnitId], x.HeldOn, text)
        {
            Remember = new Dictionary<string, string> { [$"attendance:{attendee}"] = Status(x.Status) },
        };
    }

    private static string Label(MeetingConvened x) => $"“{x.Title}” ({x.Period}, ngày {Date(x.HeldOn)})";

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Status(AttendanceStatus status) => status switch
    {
        AttendanceStatus.Present => "có mặt",
        AttendanceStatus.ExcusedAbsence => "vắng có phép",
        _ => "vắng không phép",
    };
}
