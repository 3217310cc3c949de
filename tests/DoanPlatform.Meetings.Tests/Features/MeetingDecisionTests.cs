using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Meetings.Features;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Meetings.Tests.Features;

/// <summary>Given (events) / When (command) / Then (events or refusal), without a database.</summary>
public sealed class MeetingDecisionTests
{
    private static readonly Guid Office = Guid.NewGuid();
    private static readonly Guid[] Units = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
    private static readonly DateOnly HeldOn = new(2023, 3, 31);

    private static Meeting Given(params object[] events)
    {
        var convened = new MeetingConvened(Guid.NewGuid(), MeetingKind.Briefing, Office, "Giao ban quý II", "Quý II/2023", HeldOn, null,
            "Vũng Tàu", [new Chair("Nguyễn Đăng Khoa", "Bí thư")], null, Units, ["Trần Văn Ủy"]);
        return events.Aggregate(Meeting.Initial.Evolve(convened), (state, e) => state.Evolve(e));
    }

    private static MeetingDecisions.AttendanceEntry Unit(int i, AttendanceStatus status, string? reason = null) => new(Units[i], null, status, reason);

    [Fact]
    public void Attendance_of_invited_units_is_recorded_and_summarised()
    {
        var meeting = Given();
        var errors = new FieldErrors();
        var events = MeetingDecisions.RecordAttendance(meeting,
            [Unit(0, AttendanceStatus.Present), Unit(1, AttendanceStatus.ExcusedAbsence, "Đi công tác"), Unit(2, AttendanceStatus.UnexcusedAbsence)], errors);
        Assert.Empty(errors);
        var after = events.Aggregate(meeting, (state, e) => state.Evolve(e));
        Assert.Equal((1, 1, 1, 4), (after.Count(AttendanceStatus.Present), after.Count(AttendanceStatus.ExcusedAbsence), after.Count(AttendanceStatus.UnexcusedAbsence), after.Invited));
        Assert.All(events, e => Assert.False(e.IsCorrection));
    }

    [Fact]
    public void Excused_absence_requires_a_reason()
    {
        var errors = new FieldErrors();
        var events = MeetingDecisions.RecordAttendance(Given(), [Unit(1, AttendanceStatus.ExcusedAbsence, "  ")], errors);
        Assert.Empty(events);
        Assert.Contains("entries[0].reason", errors.Keys);
    }

    [Fact]
    public void Attendance_for_a_unit_not_invited_is_refused()
    {
        var errors = new FieldErrors();
        var events = MeetingDecisions.RecordAttendance(Given(), [new(Guid.NewGuid(), null, AttendanceStatus.Present, null)], errors);
        Assert.Empty(events);
        Assert.Contains("entries[0].unitId", errors.Keys);
    }

    [Fact]
    public void A_late_correction_is_a_new_event_that_needs_a_reason()
    {
        var meeting = Given(new AttendanceRecorded(Guid.Empty, Office, MeetingKind.Briefing, HeldOn, Units[0], null, AttendanceStatus.UnexcusedAbsence, null, false));

        var refused = new FieldErrors();
        MeetingDecisions.RecordAttendance(meeting, [Unit(0, AttendanceStatus.ExcusedAbsence, null)], refused);
        Assert.Contains("entries[0].reason", refused.Keys);

        var errors = new FieldErrors();
        var correction = Assert.Single(MeetingDecisions.RecordAttendance(meeting, [Unit(0, AttendanceStatus.ExcusedAbsence, "Giấy phép nộp muộn")], errors));
        Assert.True(correction.IsCorrection);
        Assert.Equal(AttendanceStatus.ExcusedAbsence, meeting.Evolve(correction).Attendance.Values.Single().Status);
    }

    [Fact]
    public void Nothing_changes_after_the_notice_is_issued()
    {
        var meeting = Given(new NoticeIssued(Guid.Empty, Office, 2023, 12, "12-TB/ĐTN", new DateOnly(2023, 4, 5), "Vũng Tàu", ["Lưu VP"],
            new NoticeSignature("TM. BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Đăng Khoa")));
        Assert.Throws<DomainRuleException>(() => MeetingDecisions.RecordAttendance(meeting, [Unit(0, AttendanceStatus.Present)], new FieldErrors()));
        Assert.Throws<DomainRuleException>(() => MeetingDecisions.RecordConclusions(meeting, [], new FieldErrors()));
        var twice = Assert.Throws<DomainRuleException>(() => MeetingDecisions.IssueNotice(meeting, 13, "ĐTN", new DateOnly(2023, 4, 6),
            "Vũng Tàu", ["Lưu VP"], new NoticeSignature("TM. BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Đăng Khoa"), new FieldErrors()));
        Assert.Contains("12-TB/ĐTN", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_notice_carries_the_number_taken_from_the_register()
    {
        var errors = new FieldErrors();
        var issued = MeetingDecisions.IssueNotice(Given(), 12, "ĐTN", new DateOnly(2023, 4, 5), "Vũng Tàu", ["Các cơ sở Đoàn trực thuộc"],
            new NoticeSignature("TM. BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Đăng Khoa"), errors);
        Assert.Empty(errors);
        Assert.Equal((12, "12-TB/ĐTN", 2023), (issued.Number, issued.NumberSymbol, issued.Year));
    }

    [Fact]
    public void A_task_deadline_before_the_meeting_is_refused()
    {
        var errors = new FieldErrors();
        AssignTask.Decide(Given(), Guid.NewGuid(), new AssignTask.Request(1, "Tải App", AssigneeScope.AllInvited, null, null, new DateOnly(2023, 3, 1), null, null, null),
            new Dictionary<Guid, Sector>(), errors);
        Assert.Contains("deadline", errors.Keys);
    }

    [Theory]
    [InlineData("tuần làm việc thứ 26/2023", "2023-06-30")]
    [InlineData("trong tháng 7", "2023-07-31")]
    [InlineData("trước ngày 30/4/2023", "2023-04-30")]
    public void A_deadline_written_as_offices_write_it_is_resolved_to_a_date(string text, string expected)
    {
        var errors = new FieldErrors();
        var task = AssignTask.Decide(Given(), Guid.NewGuid(), new AssignTask.Request(1, "Báo cáo", AssigneeScope.AllInvited, null, null, null, text, null, null),
            new Dictionary<Guid, Sector>(), errors);
        Assert.Empty(errors);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), task.Deadline);
        Assert.Equal(text, task.DeadlineText);
    }

    [Fact]
    public void An_unreadable_deadline_text_is_refused_naming_the_field()
    {
        var errors = new FieldErrors();
        AssignTask.Decide(Given(), Guid.NewGuid(), new AssignTask.Request(1, "Báo cáo", AssigneeScope.AllInvited, null, null, null, "khi có văn bản chỉ đạo", null, null),
            new Dictionary<Guid, Sector>(), errors);
        Assert.Contains("deadlineText", errors.Keys);
    }

    [Fact]
    public void A_sector_task_goes_to_the_invited_units_of_that_sector()
    {
        var sectors = new Dictionary<Guid, Sector> { [Units[0]] = Sector.Agencies, [Units[1]] = Sector.ArmedForces, [Units[2]] = Sector.Agencies };
        var errors = new FieldErrors();
        var task = AssignTask.Decide(Given(), Guid.NewGuid(),
            new AssignTask.Request(1, "Báo cáo sơ kết", AssigneeScope.Sector, Sector.Agencies, null, new DateOnly(2023, 7, 31), "trong tháng 7", null,
                [new DocumentRef("09-HD/ĐTN", new DateOnly(2023, 2, 16))]), sectors, errors);
        Assert.Empty(errors);
        Assert.Equal([Units[0], Units[2]], task.Units);
    }
}
