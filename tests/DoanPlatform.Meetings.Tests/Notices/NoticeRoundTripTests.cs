using System.Globalization;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Meetings.Notices;
using DoanPlatform.Meetings.ReadModels;
using DoanPlatform.Organisation;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DoanPlatform.Meetings.Tests.Notices;

/// <summary>What the platform generates it reads back exactly: every notice of the demo, and notices of every shape NoticeDocument writes.</summary>
public sealed class NoticeRoundTripTests(PlatformFactory factory, ITestOutputHelper output) : IClassFixture<PlatformFactory>
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public async Task Every_generated_notice_of_the_demo_reads_back_as_the_meeting_it_was_generated_from()
    {
        var province = await OrganisationModule.LoadDemoAsync(factory.Services);
        await MeetingsModule.LoadDemoAsync(factory.Services, province);
        await factory.WaitForNonStaleAsync();
        var directory = factory.Services.GetRequiredService<IUnitDirectory>();

        var checkedNotices = 0;
        var failures = new List<string>();
        foreach (var convener in province.Units.Where(u => u.Level is UnitLevel.Province or UnitLevel.District or UnitLevel.Bloc))
        {
            foreach (var year in new[] { 2023, 2024 })
            {
                foreach (var summary in await AttendanceQueries.MeetingsAsync(factory.Store.DataSource, convener.Id, year, CancellationToken.None))
                {
                    using var docx = new MemoryStream();
                    var number = await MeetingsModule.WriteNoticeAsync(factory.Services, summary.MeetingId, docx);
                    Assert.NotNull(number);
                    var parsed = NoticeParser.Parse(NoticeText.Read($"{number!.Replace('/', '-')}.docx", docx.ToArray()));
                    var expected = await ExpectedAsync(summary.MeetingId, directory);
                    var problems = Differences(expected, parsed);
                    if (problems.Count > 0)
                        failures.Add($"{summary.Title} ({convener.Code}, {summary.HeldOn:dd/MM/yyyy}): {string.Join("; ", problems)}");
                    checkedNotices++;
                }
            }
        }

        output.WriteLine($"{checkedNotices} generated notices of the demo parsed back, {failures.Count} with differences.");
        Assert.True(checkedNotices >= 100, $"only {checkedNotices} notices in the demo");
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedNotices} notices read back differently:\n{string.Join("\n", failures.Take(10))}");
    }

    /// <summary>A meeting as its notice states it: the shape the parser must give back.</summary>
    private sealed record Expected(MeetingKind Kind, string Period, DateOnly HeldOn, string Venue, IReadOnlyList<(string Name, string Title)> Chairs,
        int Invited, int Present, IReadOnlyList<string> Excused, IReadOnlyList<string> Unexcused,
        IReadOnlyList<(string? Number, string Heading, IReadOnlyList<string> Items)> Sections,
        IReadOnlyList<(string Text, string Assignees, DateOnly? Deadline, string? Target, Sector? Sector)> Tasks,
        IReadOnlyList<string> References, IReadOnlyList<string> Recipients, ParsedSignature Signature);

    private async Task<Expected> ExpectedAsync(Guid meetingId, IUnitDirectory directory)
    {
        await using var query = factory.Store.QuerySession();
        var meeting = (await query.Events.AggregateStreamAsync<Meeting>(meetingId))!;
        var names = await directory.FindManyAsync(meeting.InvitedUnits, meeting.HeldOn, CancellationToken.None);
        string Name(AttendanceRecorded a) => names[a.UnitId!.Value].Name;
        var order = StringComparer.Create(Vietnamese, false);
        var tasks = new List<(string, string, DateOnly?, string?, Sector?)>();
        foreach (var taskId in meeting.Tasks)
        {
            var task = (await query.Events.AggregateStreamAsync<MeetingTask>(taskId))!.Assignment!;
            tasks.Add((task.Text.TrimEnd('.', ';'), task.Scope == AssigneeScope.Units ? string.Join(" | ", task.Units.Select(u => names[u].Name)) : "",
                task.Deadline, task.Target, task.Scope == AssigneeScope.Sector ? task.Sector : null));
        }
        var notice = meeting.Notice!;
        return new Expected(meeting.Kind, meeting.Period, meeting.HeldOn, meeting.Venue, [.. meeting.Chairs.Select(c => (c.Name, c.Title))],
            meeting.Invited, meeting.Count(AttendanceStatus.Present),
            [.. meeting.Attendance.Values.Where(a => a.Status == AttendanceStatus.ExcusedAbsence).Select(Name).Order(order)],
            [.. meeting.Attendance.Values.Where(a => a.Status == AttendanceStatus.UnexcusedAbsence).Select(Name).Order(order)],
            [.. meeting.Conclusions.Select(s => ((string?)s.Number, s.Heading, (IReadOnlyList<string>)s.Items))],
            tasks, [], [.. notice.Recipients], new ParsedSignature(notice.Signature.Authority, notice.Signature.Title, notice.Signature.Signer));
    }

    private static List<string> Differences(Expected expected, ParsedNotice parsed)
    {
        var problems = new List<string>();
        void Same<T>(string what, T want, T got)
        {
            if (!EqualityComparer<T>.Default.Equals(want, got))
                problems.Add($"{what}: expected {want}, read {got}");
        }
        void SameList(string what, IEnumerable<string> want, IEnumerable<string> got)
        {
            var (w, g) = (string.Join(" ‖ ", want), string.Join(" ‖ ", got));
            if (w != g)
                problems.Add($"{what}: expected [{w}], read [{g}]");
        }
        Same("kind", (MeetingKind?)expected.Kind, parsed.Kind);
        Same("period", expected.Period, parsed.Period);
        Same("date", (DateOnly?)expected.HeldOn, parsed.HeldOn);
        Same("venue", expected.Venue, parsed.Place);
        SameList("chairs", expected.Chairs.Select(c => $"{c.Name} – {c.Title}"), parsed.Chairs.Select(c => $"{c.Name} – {c.Title}"));
        var a = parsed.Attendance;
        Same("attendance", (expected.Invited, expected.Present, expected.Excused.Count, expected.Unexcused.Count),
            (a.Invited ?? -1, a.Present ?? -1, a.Excused ?? -1, a.Unexcused ?? -1));
        SameList("excused", expected.Excused, a.ExcusedUnits);
        SameList("unexcused", expected.Unexcused, a.UnexcusedUnits);
        SameList("sections", expected.Sections.Select(s => $"{s.Number}. {s.Heading}: {string.Join(" / ", s.Items)}"),
            parsed.Conclusions.Select(s => $"{s.Section}. {s.Heading}: {string.Join(" / ", s.Items)}"));
        SameList("tasks", expected.Tasks.Select(t => $"{t.Text} [{t.Assignees}] {t.Deadline:dd/MM/yyyy} {t.Target} {t.Sector}"),
            parsed.Tasks.Select(t => $"{t.Text.TrimEnd('.', ';')} [{string.Join(" | ", t.Assignees)}] {t.Deadline:dd/MM/yyyy} {t.Target} {t.Sector}"));
        SameList("references", expected.References, parsed.References.Select(r => $"{r.Number} {r.Date:dd/MM/yyyy}".Trim()));
        SameList("recipients", expected.Recipients, parsed.Recipients);
        Same("signature", expected.Signature, parsed.Signature);
        SameList("warnings", [], parsed.Warnings);
        return problems;
    }

    private static NoticeContent Content() => new(
        UpperBody: "TỈNH ĐOÀN TÂN HÒA",
        IssuingBody: "BCH ĐOÀN KHỐI CÁC CƠ QUAN TỈNH",
        NumberSymbol: "7-TB/ĐTN",
        Place: "Tân Hòa",
        IssuedOn: new DateOnly(2024, 3, 18),
        Title: "THÔNG BÁO",
        Summary: "Kết luận Hội nghị giao ban công tác Đoàn quý I năm 2024",
        Opening: "Vào ngày 15/3/2024 tại Hội trường Đoàn Khối các cơ quan tỉnh, Ban Thường vụ Đoàn Khối các cơ quan tỉnh đã tổ chức Hội nghị giao ban công tác Đoàn quý I năm 2024. "
            + "Thay mặt Ban Thường vụ, đồng chí Lâm Thị Ngọc – Bí thư Đoàn Khối các cơ quan tỉnh; đồng chí Tạ Quang Vinh – Phó Bí thư Đoàn Khối các cơ quan tỉnh đã chủ trì và kết luận Hội nghị như sau:",
        Attendance: new NoticeAttendance(12, 9,
            [new NoticeAbsence("Đoàn cơ sở Sở Tư pháp", "Bí thư đi công tác, không cử được người dự thay")],
            ["Chi đoàn Thanh tra tỉnh", "Đoàn cơ sở Sở Công Thương"]),
        Conclusions:
        [
            new NoticeSection("1", "Đánh giá chung", ["Các cơ sở Đoàn đã triển khai Tháng Thanh niên theo Kế hoạch số 15-KH/ĐTN ngày 20/01/2024 của Ban Thường vụ Đoàn Khối.",
                "Một số đơn vị chậm gửi báo cáo."]),
            new NoticeSection("2", "Nhiệm vụ trọng tâm quý II", ["Tổ chức các hoạt động kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5).",
                "Gửi báo cáo sơ kết (trước ngày 20/6/2024)."]),
            new NoticeSection("3", "Ý kiến của Thường trực", ["Thực hiện nghiêm Hướng dẫn số 32-HD/TWĐTN-BTC ngày 23/02/2021."]),
        ],
        Tasks:
        [
            new NoticeTask("Gửi báo cáo sơ kết 6 tháng đầu năm", "các đơn vị dự hội nghị", new DateOnly(2024, 6, 20)),
            new NoticeTask("Phối hợp tổ chức Tiếp sức mùa thi", "các đơn vị khối trường học", new DateOnly(2024, 7, 15), "Mỗi đơn vị 10 tình nguyện viên"),
            new NoticeTask("Hoàn thành cập nhật dữ liệu đoàn viên", "Đoàn cơ sở Sở Tư pháp, Chi đoàn Thanh tra tỉnh", new DateOnly(2024, 4, 30), "100% đoàn viên"),
        ],
        Closing: "Văn phòng Đoàn Khối các cơ quan tỉnh thông báo kết luận của Thường trực để các đơn vị nắm và triển khai thực hiện.",
        Recipients: ["Thường trực Tỉnh đoàn (để báo cáo)", "Các cơ sở Đoàn trực thuộc", "Lưu VP"],
        Signature: new DoanPlatform.Meetings.Notices.NoticeSignature("TM. BAN THƯỜNG VỤ", "BÍ THƯ", "Lâm Thị Ngọc"));

    private static Expected ExpectedOf(NoticeContent content) => new(
        MeetingKind.Briefing, "Quý I/2024", new DateOnly(2024, 3, 15), "Hội trường Đoàn Khối các cơ quan tỉnh",
        [("Lâm Thị Ngọc", "Bí thư Đoàn Khối các cơ quan tỉnh"), ("Tạ Quang Vinh", "Phó Bí thư Đoàn Khối các cơ quan tỉnh")],
        content.Attendance.Invited, content.Attendance.Present, [.. content.Attendance.Excused.Select(e => e.Unit)], content.Attendance.Unexcused,
        [.. content.Conclusions.Select(s => ((string?)s.Number, s.Heading, s.Items))],
        [
            ("Gửi báo cáo sơ kết 6 tháng đầu năm", "", new DateOnly(2024, 6, 20), null, null),
            ("Phối hợp tổ chức Tiếp sức mùa thi", "", new DateOnly(2024, 7, 15), "Mỗi đơn vị 10 tình nguyện viên", Sector.Schools),
            ("Hoàn thành cập nhật dữ liệu đoàn viên", "Đoàn cơ sở Sở Tư pháp | Chi đoàn Thanh tra tỉnh", new DateOnly(2024, 4, 30), "100% đoàn viên", null),
        ],
        ["15-KH/ĐTN 20/01/2024", "32-HD/TWĐTN-BTC 23/02/2021"], content.Recipients, new ParsedSignature("TM. BAN THƯỜNG VỤ", "BÍ THƯ", "Lâm Thị Ngọc"));

    private static ParsedNotice WriteAndParse(NoticeContent content)
    {
        using var docx = new MemoryStream();
        NoticeDocument.Write(content, docx);
        return NoticeParser.Parse(NoticeText.Read("thong-bao.docx", docx.ToArray()));
    }

    public static TheoryData<string> Shapes => new() { "numbered sections", "sub-numbered sections", "a section without heading", "one section", "no task section: a dated conclusion is its task", "every unit came" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_notice_of_every_shape_NoticeDocument_writes_reads_back_exactly(string shape)
    {
        var content = Content();
        var expected = ExpectedOf(content);
        switch (shape)
        {
            case "sub-numbered sections":
                content = content with { Conclusions = [.. content.Conclusions.Select((s, i) => s with { Number = $"2.{i + 1}" })] };
                break;
            case "a section without heading":
                content = content with { Conclusions = [content.Conclusions[0], content.Conclusions[1] with { Heading = "" }, content.Conclusions[2]] };
                break;
            case "one section":
                content = content with { Conclusions = [content.Conclusions[0]] };
                expected = expected with { References = ["15-KH/ĐTN 20/01/2024"] };
                break;
            case "no task section: a dated conclusion is its task":
                // Without "Phân công thực hiện" nothing tells a generated notice from an old one whose tasks are its dated conclusions.
                content = content with { Tasks = [] };
                expected = expected with { Tasks = [("Gửi báo cáo sơ kết (trước ngày 20/6/2024)", "", new DateOnly(2024, 6, 20), null, null)] };
                break;
            case "every unit came":
                content = content with { Attendance = new NoticeAttendance(12, 12, [], []) };
                break;
        }
        expected = expected with
        {
            Sections = [.. content.Conclusions.Select(s => ((string?)s.Number, s.Heading, s.Items))],
            Excused = [.. content.Attendance.Excused.Select(e => e.Unit)],
            Unexcused = content.Attendance.Unexcused,
            Present = content.Attendance.Present,
        };

        var problems = Differences(expected, WriteAndParse(content));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
