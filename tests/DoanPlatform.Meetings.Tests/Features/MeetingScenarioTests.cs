using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.ReadModels;
using DoanPlatform.Testing;

namespace DoanPlatform.Meetings.Tests.Features;

/// <summary>A bloc union's quarterly briefing over HTTP: convene, attendance, conclusions, tasks, the notice.</summary>
public sealed class MeetingScenarioTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private sealed record Bloc(HttpClient Admin, Guid Id, Guid Sibling, Guid[] Units);

    private static readonly string[] UnitNames =
        ["Đoàn Sở Tài chính", "Đoàn Sở Ngoại vụ", "Chi đoàn Thanh tra", "Đoàn Công an phường 1", "Đoàn Ban Chỉ huy Quân sự"];

    private async Task<Bloc> BuildAsync()
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await admin.EstablishAsync($"P{tag}", "Thành Đoàn Vũng Tàu", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync($"P{tag}.DK", "Đoàn Khối Dân – Chính – Đảng", "Bloc", province, "2020-01-01");
        var sibling = await admin.EstablishAsync($"P{tag}.DN", "Đoàn Khối Doanh nghiệp", "Bloc", province, "2020-01-01");
        var units = new Guid[UnitNames.Length];
        for (var i = 0; i < units.Length; i++)
            units[i] = await admin.EstablishAsync($"P{tag}.DK.{i}", UnitNames[i], "Grassroots", bloc, "2020-01-01", sector: i < 3 ? "Agencies" : "ArmedForces");
        await factory.WaitForNonStaleAsync();
        return new Bloc(admin, bloc, sibling, units);
    }

    private static async Task<(Guid Id, long Version)> ConveneAsync(Bloc bloc, string heldOn = "2023-03-31")
    {
        var response = await bloc.Admin.PostAsJsonAsync("/api/meetings", new
        {
            kind = "Briefing", conveningUnitId = bloc.Id, title = "Hội nghị giao ban công tác Đoàn và phong trào thanh niên quý II, năm 2023",
            period = "Quý II/2023", heldOn, venue = "Thành phố Vũng Tàu", chairs = new[] { new { name = "Nguyễn Đăng Khoa", title = "Bí thư Đoàn Khối" } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("version").GetInt64());
    }

    private static object Entry(Guid unit, string status, string? reason = null) => new { unitId = unit, status, reason };

    [Fact]
    public async Task A_briefing_is_convened_attended_concluded_and_its_notice_issued_and_downloaded()
    {
        var bloc = await BuildAsync();
        var (id, version) = await ConveneAsync(bloc);

        var meeting = await bloc.Admin.GetJsonAsync($"/api/meetings/{id}");
        Assert.Equal(5, meeting.GetProperty("invited").GetInt32());
        Assert.Equal(UnitNames.Order(StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false)),
            meeting.GetProperty("attendance").EnumerateArray().Select(a => a.GetProperty("name").GetString()));

        var attendance = await bloc.Admin.PostAsJsonAsync($"/api/meetings/{id}/attendance", new
        {
            version,
            entries = new[]
            {
                Entry(bloc.Units[0], "Present"), Entry(bloc.Units[1], "ExcusedAbsence", "Đi công tác nước ngoài"), Entry(bloc.Units[2], "Present"),
                Entry(bloc.Units[3], "Present"), Entry(bloc.Units[4], "UnexcusedAbsence"),
            },
        });
        Assert.Equal(HttpStatusCode.OK, attendance.StatusCode);
        version = (await attendance.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
        Assert.Equal("3/5", (await bloc.Admin.GetJsonAsync($"/api/meetings/{id}")).GetProperty("summary").GetString());

        await bloc.Admin.PutAsJsonAsync($"/api/meetings/{id}/conclusions", new
        {
            version,
            sections = new[]
            {
                new { number = "2.1", heading = "Ý kiến chỉ đạo của Đảng ủy", items = new[] { "Tăng cường công tác nắm bắt tình hình đoàn viên, thanh niên." } },
                new { number = "2.2", heading = "Đề xuất của cơ sở", items = new[] { "Hỗ trợ kinh phí tổ chức Tháng Thanh niên." } },
            },
        });
        version++;
        var task = await bloc.Admin.PostAsJsonAsync($"/api/meetings/{id}/tasks", new
        {
            version, text = "Đảm bảo 100% đoàn viên tải App Thanh niên Việt Nam", scope = "Sector", sector = "Agencies", deadline = "2023-04-30",
            deadlineText = "trước ngày 30/4/2023", target = "100% đoàn viên tải App",
            references = new[] { new { numberSymbol = "09-HD/ĐTN", date = "2023-02-16" } },
        });
        Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        var taskId = (await task.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        version++;

        var notice = await bloc.Admin.PostAsJsonAsync($"/api/meetings/{id}/notice", new
        {
            version, issuerSymbol = "ĐTN", issuedOn = "2023-04-05", place = "Vũng Tàu",
            recipients = new[] { "Thường trực Thành Đoàn (b/c)", "Các cơ sở Đoàn trực thuộc" },
            signature = new { authority = "TM. BAN THƯỜNG VỤ", title = "BÍ THƯ", signer = "Nguyễn Đăng Khoa" },
        });
        Assert.Equal(HttpStatusCode.Created, notice.StatusCode);
        Assert.Equal("1-TB/ĐTN", (await notice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numberSymbol").GetString());

        var docx = await bloc.Admin.GetAsync(new Uri($"/api/meetings/{id}/notice.docx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("Thông báo kết luận 1-TB-ĐTN.docx", docx.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await docx.Content.ReadAsByteArrayAsync();
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var text = string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
        Assert.Contains("Số: 1-TB/ĐTN", text, StringComparison.Ordinal);
        Assert.Contains("3/5", text, StringComparison.Ordinal);
        Assert.Contains("Đoàn Sở Ngoại vụ", text, StringComparison.Ordinal);
        Assert.Contains("Đoàn Ban Chỉ huy Quân sự", text, StringComparison.Ordinal);
        Assert.Contains("Đảm bảo 100% đoàn viên tải App Thanh niên Việt Nam", text, StringComparison.Ordinal);
        Assert.Contains("Hỗ trợ kinh phí tổ chức Tháng Thanh niên.", text, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Đăng Khoa", text, StringComparison.Ordinal);

        // Round trip: the generated notice parses back to what was recorded.
        var path = Path.Combine(Path.GetTempPath(), $"Thông báo {Guid.NewGuid():N}.docx");
        await File.WriteAllBytesAsync(path, bytes);
        var parsed = DoanPlatform.Meetings.Notices.NoticeParser.Parse(DoanPlatform.Meetings.Notices.NoticeText.Read(path));
        File.Delete(path);
        Assert.Equal((5, 3, 1, 1), (parsed.Attendance.Invited, parsed.Attendance.Present, parsed.Attendance.Excused, parsed.Attendance.Unexcused));
        Assert.Equal(["Đoàn Sở Ngoại vụ"], parsed.Attendance.ExcusedUnits);
        Assert.Equal(["Đoàn Ban Chỉ huy Quân sự"], parsed.Attendance.UnexcusedUnits);
        Assert.Contains(parsed.Conclusions, c => c.Items.Contains("Tăng cường công tác nắm bắt tình hình đoàn viên, thanh niên."));
        Assert.Contains(parsed.Conclusions, c => c.Items.Contains("Hỗ trợ kinh phí tổ chức Tháng Thanh niên."));
        var parsedTask = Assert.Single(parsed.Tasks, t => t.Text.StartsWith("Đảm bảo 100% đoàn viên tải App Thanh niên Việt Nam", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2023, 4, 30), parsedTask.Deadline);
        Assert.Equal(new DoanPlatform.Meetings.Notices.ParsedSignature("TM. BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Đăng Khoa"), parsed.Signature);
        Assert.Contains("Các cơ sở Đoàn trực thuộc", parsed.Recipients);

        // The record is final once the notice is out.
        var late = await bloc.Admin.PostAsJsonAsync($"/api/meetings/{id}/attendance", new { version = version + 1, entries = new[] { Entry(bloc.Units[4], "Present", "sửa") } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        var twice = await bloc.Admin.PostAsJsonAsync($"/api/meetings/{id}/notice", new
        {
            version = version + 1, issuerSymbol = "ĐTN", issuedOn = "2023-04-06", place = "Vũng Tàu", recipients = new[] { "Lưu VP" },
            signature = new { authority = "TM. BAN THƯỜNG VỤ", title = "BÍ THƯ", signer = "Nguyễn Đăng Khoa" },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);

        // Read models: rates and tasks, then the same rows after a rebuild.
        await factory.WaitForNonStaleAsync();
        var rate = await bloc.Admin.GetJsonAsync($"/api/meetings/attendance-rates?unitId={bloc.Units[0]}&year=2023");
        Assert.Equal((1, 1, 100m), (rate.GetProperty("invited").GetInt32(), rate.GetProperty("present").GetInt32(), rate.GetProperty("rate").GetDecimal()));
        var excused = await bloc.Admin.GetJsonAsync($"/api/meetings/attendance-rates?unitId={bloc.Units[1]}&year=2023");
        Assert.Equal((1, 0, 1), (excused.GetProperty("invited").GetInt32(), excused.GetProperty("present").GetInt32(), excused.GetProperty("excused").GetInt32()));
        var tasks = await bloc.Admin.GetJsonAsync($"/api/meetings/tasks?unitId={bloc.Units[0]}");
        Assert.Equal("Overdue", Assert.Single(tasks.EnumerateArray()).GetProperty("state").GetString());
        Assert.Empty((await bloc.Admin.GetJsonAsync($"/api/meetings/tasks?unitId={bloc.Units[3]}")).EnumerateArray());

        await bloc.Admin.PostOkAsync($"/api/meetings/tasks/{taskId}/reports", new { unitId = bloc.Units[0], note = "100% đoàn viên đã tải App", completed = true, on = "2023-04-20" });
        await factory.WaitForNonStaleAsync();
        Assert.Equal("OnTime", Assert.Single((await bloc.Admin.GetJsonAsync($"/api/meetings/tasks?unitId={bloc.Units[0]}")).EnumerateArray()).GetProperty("state").GetString());
        var overdue = await bloc.Admin.GetJsonAsync($"/api/meetings/tasks/overdue?unitId={bloc.Id}");
        Assert.Equal([bloc.Units[1], bloc.Units[2]], overdue.EnumerateArray().Select(t => t.GetProperty("unitId").GetGuid()).Order());

        var before = await SnapshotAsync();
        await factory.Store.Advanced.RebuildProjectionAsync(AttendanceProjection.ProjectionName);
        await factory.Store.Advanced.RebuildProjectionAsync(TaskStatusProjection.ProjectionName);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Bad_attendance_is_refused_naming_the_field_and_writes_nothing()
    {
        var bloc = await BuildAsync();
        var (id, version) = await ConveneAsync(bloc);

        var noReason = await bloc.Admin.PostAsJsonAsync($"/api/meetings/{id}/attendance", new { version, entries = new[] { Entry(bloc.Units[1], "ExcusedAbsence") } });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("entries[0].reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var stranger = await bloc.Admin.PostAsJsonAsync($"/api/meetings/{id}/attendance", new { version, entries = new[] { Entry(bloc.Sibling, "Present") } });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("entries[0].unitId", await stranger.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var malformed = await bloc.Admin.PostAsync(new Uri($"/api/meetings/{id}/attendance", UriKind.Relative),
            new StringContent("{\"version\": 1, \"entries\": [{\"status\": \"Sometimes\"}]}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        var earlyTask = await bloc.Admin.PostAsJsonAsync($"/api/meetings/{id}/tasks", new { version, text = "Báo cáo", scope = "AllInvited", deadline = "2023-03-01" });
        Assert.Equal(HttpStatusCode.BadRequest, earlyTask.StatusCode);
        Assert.Contains("deadline", await earlyTask.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await bloc.Admin.GetAsync(new Uri($"/api/meetings/{Guid.NewGuid()}", UriKind.Relative))).StatusCode);
        Assert.Equal(version, (await bloc.Admin.GetJsonAsync($"/api/meetings/{id}")).GetProperty("version").GetInt64());

        var first = await bloc.Admin.PostAsJsonAsync($"/api/meetings/{id}/attendance", new { version, entries = new[] { Entry(bloc.Units[0], "Present") } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var stale = await bloc.Admin.PostAsJsonAsync($"/api/meetings/{id}/attendance", new { version, entries = new[] { Entry(bloc.Units[2], "Present") } });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(version + 1, (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currentVersion").GetInt64());
    }

    [Fact]
    public async Task Invited_units_are_editable_but_a_unit_already_marked_stays()
    {
        var bloc = await BuildAsync();
        var (id, version) = await ConveneAsync(bloc);
        var edited = await bloc.Admin.PostOkAsync($"/api/meetings/{id}/invitations", new { version, add = new[] { bloc.Sibling }, remove = new[] { bloc.Units[4] } });
        version = (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
        var meeting = await bloc.Admin.GetJsonAsync($"/api/meetings/{id}");
        Assert.Equal(5, meeting.GetProperty("invited").GetInt32());
        Assert.Contains("Đoàn Khối Doanh nghiệp", meeting.GetProperty("attendance").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.DoesNotContain(UnitNames[4], meeting.GetProperty("attendance").EnumerateArray().Select(a => a.GetProperty("name").GetString()));

        await bloc.Admin.PostOkAsync($"/api/meetings/{id}/attendance", new { version, entries = new[] { Entry(bloc.Units[0], "Present") } });
        var refused = await bloc.Admin.PostAsJsonAsync($"/api/meetings/{id}/invitations", new { version = version + 1, remove = new[] { bloc.Units[0] }, add = new[] { Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("remove[0]", problem, StringComparison.Ordinal);
        Assert.Contains("add[0]", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_notices_of_one_issuer_get_consecutive_numbers_without_gaps_or_duplicates()
    {
        var bloc = await BuildAsync();
        var meetings = new List<(Guid Id, long Version)>();
        for (var i = 0; i < 6; i++)
            meetings.Add(await ConveneAsync(bloc, $"2024-0{i + 1}-10"));

        var responses = await Task.WhenAll(meetings.Select(m => bloc.Admin.PostAsJsonAsync($"/api/meetings/{m.Id}/notice", new
        {
            version = m.Version, issuerSymbol = "ĐTN", issuedOn = "2024-07-01", place = "Vũng Tàu", recipients = new[] { "Lưu VP" },
            signature = new { authority = "TM. BAN THƯỜNG VỤ", title = "BÍ THƯ", signer = "Nguyễn Đăng Khoa" },
        })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = new List<int>();
        foreach (var response in responses)
            numbers.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32());
        Assert.Equal([1, 2, 3, 4, 5, 6], numbers.Order());
    }

    [Fact]
    public async Task A_notice_continues_the_numbering_of_the_register_meetings_kept_before_the_shared_one()
    {
        var bloc = await BuildAsync();
        var (id, version) = await ConveneAsync(bloc, "2024-03-10");
        // Written before notices took their numbers from the issuing unit's register in Organisation.
        await using (var session = factory.Store.LightweightSession(new Actor("kiem-thu", "Kiểm thử")))
        {
            session.Events.StartStream<NoticeRegister>(NoticeRegister.StreamId(bloc.Id, 2024),
                new NoticeNumberTaken(bloc.Id, 2024, 11, "11-TB/ĐTN", Guid.CreateVersion7()), new NoticeNumberTaken(bloc.Id, 2024, 12, "12-TB/ĐTN", Guid.CreateVersion7()));
            await session.SaveChangesAsync();
        }
        var notice = await bloc.Admin.PostOkAsync($"/api/meetings/{id}/notice", new
        {
            version, issuerSymbol = "ĐTN", issuedOn = "2024-03-12", place = "Vũng Tàu", recipients = new[] { "Lưu VP" },
            signature = new { authority = "TM. BAN THƯỜNG VỤ", title = "BÍ THƯ", signer = "Nguyễn Đăng Khoa" },
        });
        Assert.Equal("13-TB/ĐTN", (await notice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numberSymbol").GetString());
    }

    [Fact]
    public async Task An_office_of_another_bloc_cannot_see_or_change_the_meeting()
    {
        var bloc = await BuildAsync();
        var (id, version) = await ConveneAsync(bloc);
        var user = $"vp{Guid.NewGuid():N}"[..12];
        var created = await bloc.Admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName = "Văn phòng khối DN", password = "Mật-khẩu-thử-nghiệm" });
        var account = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await bloc.Admin.PostOkAsync($"/api/organisation/accounts/{account}/grants", new { role = "OfficeStaff", unitId = bloc.Sibling });
        var other = await factory.SignInAsync(user, "Mật-khẩu-thử-nghiệm");

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(new Uri($"/api/meetings/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync($"/api/meetings/{id}/attendance",
            new { version, entries = new[] { Entry(bloc.Units[0], "Present") } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(new Uri($"/api/meetings?unitId={bloc.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(new Uri($"/api/meetings/{id}", UriKind.Relative))).StatusCode);
    }

    private async Task<string> SnapshotAsync()
    {
        await using var command = factory.Store.DataSource.CreateCommand(
            "select coalesce(string_agg(row_to_json(m)::text, E'\\n' order by m.meeting_id), '') from doan_meetings.meetings m " +
            "union all select coalesce(string_agg(row_to_json(i)::text, E'\\n' order by i.meeting_id, i.attendee), '') from doan_meetings.invitations i " +
            "union all select coalesce(string_agg(row_to_json(t)::text, E'\\n' order by t.task_id, t.unit_id), '') from doan_meetings.task_units t");
        await using var reader = await command.ExecuteReaderAsync();
        var parts = new List<string>();
        while (await reader.ReadAsync())
            parts.Add(reader.GetString(0));
        return string.Join("\n--\n", parts);
    }
}
