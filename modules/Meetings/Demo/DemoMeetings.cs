using System.Globalization;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Meetings.Features;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Meetings.Demo;

/// <summary>
/// Two years (2023, 2024) of the demo province's briefings, every event made by the module's own decisions: each district and bloc
/// union's monthly briefing with its grassroots units and the province's quarterly briefing with its direct units: attendance
/// (mostly present, some excused with a reason, a few unexcused), conclusions in sections, tasks with deadlines as offices write
/// them, the numbered notice, and the units' reports (most on time, some late, some never).
/// </summary>
internal sealed class DemoMeetings(DemoProvince province)
{
    /// <summary>The last day units report on: later deadlines stay open.</summary>
    public static readonly DateOnly ReportsUntil = new(2025, 1, 10);

    private readonly Random _random = new(2024);
    private readonly Dictionary<Guid, double> _reliability = [];

    public DemoStreams Streams { get; } = new();
    public int Meetings { get; private set; }
    public int Tasks { get; private set; }
    public int Attendance { get; private set; }

    public void Build()
    {
        foreach (var unit in province.Units)
        {
            var draw = _random.NextDouble();
            _reliability[unit.Id] = draw < 0.05 ? 0.72 : draw < 0.3 ? 0.88 : 0.97;
        }
        var conveners = province.Units.Where(u => u.Level is UnitLevel.District or UnitLevel.Bloc).ToList();
        var planned = new List<(DemoUnit Convener, DateOnly HeldOn, int Month, int? Quarter)>();
        foreach (var year in new[] { 2023, 2024 })
        {
            for (var month = 1; month <= 12; month++)
                planned.AddRange(conveners.Select(c => (c, Weekday(new DateOnly(year, month, 5 + _random.Next(10))), month, (int?)null)));
            for (var quarter = 1; quarter <= 4; quarter++)
                planned.Add((province.Unit(province.ProvinceId), Weekday(new DateOnly(year, 3 * quarter - 2, 3 + _random.Next(5))), 3 * quarter - 2, quarter));
        }
        foreach (var (convener, heldOn, month, quarter) in planned.OrderBy(p => p.HeldOn).ThenBy(p => p.Convener.Code, StringComparer.Ordinal))
            Hold(convener, heldOn, month, quarter);
    }

    private void Hold(DemoUnit convener, DateOnly heldOn, int month, int? quarter)
    {
        var errors = new FieldErrors();
        var office = province.OfficeOf(convener);
        var id = DemoProvince.IdFor("meeting", $"{convener.Code}/{heldOn:yyyyMMdd}");
        var year = heldOn.Year;
        var (title, period) = quarter is { } q
            ? ($"Hội nghị giao ban công tác Đoàn và phong trào thanh thiếu nhi quý {Roman(q)} năm {year}", $"Quý {Roman(q)}/{year}")
            : ($"Hội nghị giao ban công tác Đoàn và phong trào thanh niên tháng {month}/{year}", $"Tháng {month}/{year}");
        var minuteTaker = convener.Officials.FirstOrDefault(o => o.Position == Position.OfficeChief) is { } chief ? $"{chief.PersonName} – {chief.PositionName}" : null;
        var invited = province.ChildrenOf(convener.Id, heldOn);
        var convened = ConveneMeeting.Decide(id, new ConveneMeeting.Request(MeetingKind.Briefing, convener.Id, title, period, heldOn, null,
            $"Hội trường {convener.Name}", [new Chair(convener.Secretary, $"Bí thư {convener.Name}")], minuteTaker, null, null),
            [.. invited.Select(u => u.Id)], errors);
        var meeting = Meeting.Initial.Evolve(convened);
        Streams.Append<Meeting>(id, office, "Triệu tập hội nghị", null, convened);

        var attendance = MeetingDecisions.RecordAttendance(meeting, [.. invited.Select(u => Attend(u))], errors);
        meeting = Write(meeting, office, "Điểm danh", attendance);
        Attendance += attendance.Count;

        var tasks = DemoAgenda.Tasks(month, year, quarter is not null);
        meeting = Write(meeting, office, "Ghi kết luận hội nghị",
            [MeetingDecisions.RecordConclusions(meeting, DemoAgenda.Conclusions(month, year, convener.Name, tasks), errors)]);

        var sectors = invited.ToDictionary(u => u.Id, u => u.Sector);
        for (var i = 0; i < tasks.Count; i++)
        {
            var (text, deadline, target, sector) = tasks[i];
            var scoped = sector is { } s && invited.Any(u => u.Sector == s);
            var taskId = DemoProvince.IdFor("task", $"{id:N}/{i + 1}");
            var assigned = AssignTask.Decide(meeting, taskId, new AssignTask.Request(null, text, scoped ? AssigneeScope.Sector : AssigneeScope.AllInvited,
                scoped ? sector : null, null, null, deadline, target, []), sectors, errors);
            const string reason = "Giao nhiệm vụ từ kết luận hội nghị";
            meeting = Write(meeting, office, reason, [new TaskLinked(id, taskId)]);
            Streams.Append<MeetingTask>(taskId, office, reason, null, assigned);
            Report(MeetingTask.Initial.Evolve(assigned), heldOn, errors);
            Tasks++;
        }

        var issuedOn = Weekday(heldOn.AddDays(2));
        var number = Streams.TakeNoticeNumber(convener.Id, issuedOn.Year, "Thông báo kết luận hội nghị", id, office, "Lấy số Thông báo kết luận", null);
        var issued = MeetingDecisions.IssueNotice(meeting, number, convener.Id == province.ProvinceId ? "TĐTN" : "ĐTN", issuedOn,
            convener.Place, Recipients(convener), new NoticeSignature("TM. BAN THƯỜNG VỤ", "BÍ THƯ", convener.Secretary), errors);
        var issuing = $"Ban hành Thông báo kết luận số {issued.NumberSymbol}";
        Write(meeting, office, issuing, [issued]);
        Meetings++;
        if (errors.Count > 0)
            throw new InvalidOperationException($"Demo meeting {title} of {convener.Code}: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }

    private Meeting Write(Meeting meeting, Actor office, string reason, IReadOnlyList<object> events)
    {
        Streams.Append<Meeting>(meeting.Id, office, reason, null, events);
        return events.Aggregate(meeting, (state, e) => state.Evolve(e));
    }

    private MeetingDecisions.AttendanceEntry Attend(DemoUnit unit)
    {
        if (_random.NextDouble() < _reliability[unit.Id])
            return new(unit.Id, null, AttendanceStatus.Present, null);
        return _random.NextDouble() < 0.8
            ? new(unit.Id, null, AttendanceStatus.ExcusedAbsence, DemoAgenda.Excuses[_random.Next(DemoAgenda.Excuses.Length)])
            : new(unit.Id, null, AttendanceStatus.UnexcusedAbsence, null);
    }

    /// <summary>Each unit's report on its task: most done on time, some late, some never (or only progress), none after <see cref="ReportsUntil"/>.</summary>
    private void Report(MeetingTask task, DateOnly heldOn, FieldErrors errors)
    {
        var assignment = task.Assignment!;
        foreach (var unitId in assignment.Units)
        {
            var draw = _random.NextDouble();
            var diligent = _reliability[unitId];
            ReportTask.Request request;
            if (draw < 0.78 * diligent)
                request = new(unitId, Evidence(assignment, unitId), true, Max(heldOn.AddDays(1), assignment.Deadline.AddDays(-_random.Next(12))));
            else if (draw < 0.9 * diligent)
                request = new(unitId, Evidence(assignment, unitId), true, assignment.Deadline.AddDays(3 + _random.Next(25)));
            else if (draw < 0.95)
                request = new(unitId, "Đang triển khai, sẽ báo cáo kết quả khi hoàn thành.", false, Max(heldOn.AddDays(1), assignment.Deadline.AddDays(-3)));
            else
                continue;
            if (request.On > ReportsUntil)
                continue;
            var reported = ReportTask.Decide(task, request, ReportsUntil, errors);
            Streams.Append<MeetingTask>(assignment.TaskId, province.SecretaryOf(province.Unit(unitId)),
                request.Completed ? "Báo cáo hoàn thành nhiệm vụ" : "Báo cáo tiến độ nhiệm vụ", null, reported);
            task = task.Evolve(reported);
        }
    }

    private string Evidence(TaskAssigned task, Guid unitId) =>
        task.Target is { } target
            ? $"Đã hoàn thành: {char.ToLower(target[0], CultureInfo.GetCultureInfo("vi-VN"))}{target[1..]}."
            : $"Báo cáo số {1 + _random.Next(40)}-BC/ĐTN của {province.Unit(unitId).Name}.";

    private List<string> Recipients(DemoUnit convener) => convener.Id == province.ProvinceId
        ? ["Ban Bí thư Trung ương Đoàn (để báo cáo)", "Thường trực Tỉnh ủy (để báo cáo)", "Các đơn vị trực thuộc Tỉnh đoàn", "Lưu VP"]
        : ["Thường trực Tỉnh đoàn (để báo cáo)", $"Thường trực {convener.Name}", "Các cơ sở Đoàn trực thuộc", "Lưu VP"];

    private static DateOnly Weekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Roman(int quarter) => quarter switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" };
}
