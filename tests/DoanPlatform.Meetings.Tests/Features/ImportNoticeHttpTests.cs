using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DoanPlatform.Meetings.Tests.Notices;
using DoanPlatform.Testing;

namespace DoanPlatform.Meetings.Tests.Features;

/// <summary><c>POST /api/meetings/import</c> over real HTTP with the real 2023 Q2 notice: preview, names matched by hand, all or nothing.</summary>
public sealed class ImportNoticeHttpTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private const string Missing = "Đoàn Sở Ngoại vụ";
    private const string TreeNameOfMissing = "Đoàn cơ quan Sở Ngoại vụ tỉnh";

    private static readonly byte[] Notice = File.ReadAllBytes(NoticeSamples.PathOf(NoticeSamples.Q2Briefing));

    /// <summary>The 2023 Q2 bloc with its 60 units; the tree writes one of the 11 excused units so that no name matches it.</summary>
    private sealed record Bloc(HttpClient Admin, Guid Id, Dictionary<string, Guid> Units);

    private async Task<Bloc> BlocAsync(int total = 60)
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await admin.EstablishAsync($"H{tag}", "Thành Đoàn Vũng Tàu", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync($"H{tag}.DK", "Đoàn Khối Dân – Chính – Đảng Thành phố", "Bloc", province, "2020-01-01");
        List<string> names =
        [
            "Đoàn Cơ quan Liên đoàn Lao động", "Đoàn Sở Kế hoạch và Đầu tư", TreeNameOfMissing, "Đoàn Sở Nông nghiệp và Phát triển nông thôn",
            "Đoàn Sở Tài chính", "Đoàn trường Cao đẳng Kỹ thuật Nguyễn Trường Tộ", "Đoàn trường Trung cấp Kỹ thuật Nông nghiệp",
            "Đoàn trường Trung cấp nghề Kỹ thuật – Nghiệp vụ Tôn Đức Thắng", "Chi đoàn Thanh tra", "Chi đoàn Cơ quan Hội Liên hiệp Phụ nữ",
            "Chi đoàn trường Trung cấp Thông tin và truyền thông",
        ];
        for (var i = names.Count; i < total; i++)
            names.Add($"Chi đoàn cơ sở số {i + 1:00}");
        var units = new Dictionary<string, Guid>();
        for (var i = 0; i < names.Count; i++)
            units[names[i]] = await admin.EstablishAsync($"H{tag}.DK.{i:00}", names[i], "Grassroots", bloc, "2020-01-01", sector: "Agencies");
        await factory.WaitForNonStaleAsync();
        return new Bloc(admin, bloc, units);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid? unit, bool dryRun, byte[]? file = null, string fileName = NoticeSamples.Q2Briefing,
        object? matches = null, bool force = false, Action<MultipartFormDataContent>? change = null)
    {
        using var form = new MultipartFormDataContent();
        if (file is not null)
            form.Add(new ByteArrayContent(file) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } }, "file", fileName);
        if (unit is not null)
            form.Add(new StringContent(unit.ToString()!), "conveningUnitId");
        form.Add(new StringContent(dryRun ? "true" : "false"), "dryRun");
        form.Add(new StringContent(force ? "true" : "false"), "force");
        if (matches is not null)
            form.Add(new StringContent(matches as string ?? JsonSerializer.Serialize(matches)), "matches");
        change?.Invoke(form);
        return await client.PostAsync("/api/meetings/import", form);
    }

    private async Task<long> EventCountAsync()
    {
        await using var command = factory.Store.DataSource.CreateCommand("select count(*) from doan_events.events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string FieldError(JsonElement problem, string field) =>
        string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()));

    [Fact]
    public async Task A_dry_run_previews_the_meeting_with_the_unmatched_name_and_its_candidates_and_writes_nothing()
    {
        var bloc = await BlocAsync();
        var before = await EventCountAsync();

        var preview = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true, Notice), HttpStatusCode.OK);

        Assert.Equal(before, await EventCountAsync());
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("meetingId").ValueKind);
        Assert.Equal(("Hội nghị giao ban Quý II/2023", "2023-03-31", "Briefing"),
            (preview.GetProperty("title").GetString(), preview.GetProperty("heldOn").GetString(), preview.GetProperty("kind").GetString()));
        Assert.Equal("Nguyễn Đăng Khoa", preview.GetProperty("chairs")[0].GetProperty("name").GetString());
        Assert.Equal(bloc.Id, preview.GetProperty("conveningUnit").GetProperty("id").GetGuid());
        Assert.Equal((60, 50, 10, 0), (preview.GetProperty("invited").GetInt32(), preview.GetProperty("present").GetInt32(),
            preview.GetProperty("excused").GetInt32(), preview.GetProperty("unexcused").GetInt32()));
        var names = preview.GetProperty("names").EnumerateArray().ToList();
        Assert.Equal(11, names.Count);
        var missing = Assert.Single(names, n => n.GetProperty("unitId").ValueKind == JsonValueKind.Null);
        Assert.Equal((Missing, "ExcusedAbsence"), (missing.GetProperty("written").GetString(), missing.GetProperty("status").GetString()));
        Assert.Equal("không có đơn vị trực thuộc nào mang tên này", missing.GetProperty("problem").GetString());
        var thanhTra = Assert.Single(names, n => n.GetProperty("written").GetString() == "Chi đoàn Thanh tra");
        Assert.Equal(bloc.Units["Chi đoàn Thanh tra"], thanhTra.GetProperty("unitId").GetGuid());
        var candidates = preview.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        Assert.Equal(60, candidates.Count);
        Assert.Equal(candidates.Order(StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false)), candidates);
        Assert.Contains(TreeNameOfMissing, candidates);
        Assert.Contains($"Không khớp \"{Missing}\": không có đơn vị trực thuộc nào mang tên này.", preview.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("1 tên đơn vị không khớp", preview.GetProperty("refusals")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal((1, 5), (preview.GetProperty("conclusionSections").GetInt32(), preview.GetProperty("conclusionItems").GetInt32()));
        var task = Assert.Single(preview.GetProperty("tasks").EnumerateArray());
        Assert.Equal("2023-04-30", task.GetProperty("deadline").GetString());
    }

    [Fact]
    public async Task The_unmatched_name_resolved_by_hand_imports_the_meeting_with_the_importer_and_the_file_name()
    {
        var bloc = await BlocAsync();
        var matches = new Dictionary<string, Guid> { [Missing] = bloc.Units[TreeNameOfMissing] };

        var preview = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true, Notice, matches: matches), HttpStatusCode.OK);
        Assert.Empty(preview.GetProperty("refusals").EnumerateArray());
        var manual = Assert.Single(preview.GetProperty("names").EnumerateArray(), n => n.GetProperty("manual").GetBoolean());
        Assert.Equal(TreeNameOfMissing, manual.GetProperty("unitName").GetString());
        Assert.Equal(49, preview.GetProperty("present").GetInt32());

        const string fileName = "Thông báo giao ban quý II.txt";
        var response = await PostAsync(bloc.Admin, bloc.Id, dryRun: false, Notice, fileName, matches);
        var imported = await JsonAsync(response, HttpStatusCode.Created);
        var id = imported.GetProperty("meetingId").GetGuid();
        Assert.Equal($"/api/meetings/{id}", response.Headers.Location?.OriginalString);
        var meeting = await bloc.Admin.GetJsonAsync($"/api/meetings/{id}");
        Assert.Equal("49/60", meeting.GetProperty("summary").GetString());
        var line = Assert.Single(meeting.GetProperty("attendance").EnumerateArray(), a => a.GetProperty("name").GetString() == TreeNameOfMissing);
        Assert.Equal("ExcusedAbsence", line.GetProperty("status").GetString());
        var stored = await factory.Store.QuerySession().Events.FetchStreamAsync(id);
        Assert.All(stored, e => Assert.Equal($"Nhập từ thông báo cũ: {fileName}", e.Metadata.Reason));
        Assert.All(stored, e => Assert.NotEqual("cli", e.Metadata.ActorId));
    }

    /// <summary>Our own report of briefings held cluster by cluster, as a provincial website would publish it.</summary>
    private static readonly byte[] ClusterReport = Encoding.UTF8.GetBytes("""
        Thứ Hai, 18/09/2023 08:00
        Giao ban công tác Đoàn tại các cụm thi đua năm 2023
        Ngày 14/9, tại hội trường Huyện đoàn Tân Hòa (Cụm thi đua số 1), Hội nghị do đồng chí Trương Công Định, Phó Bí thư Tỉnh đoàn, chủ trì; ngày 15/9, tại Cụm thi đua số 2 do đồng chí Bùi Thị Thu – Trưởng Ban Tuyên giáo Tỉnh đoàn chủ trì. Các cụm đã sơ kết công tác Đoàn 9 tháng đầu năm; có 65 đại biểu tham dự.
        Quang cảnh Hội nghị
        Kết luận Hội nghị, Thường trực Tỉnh đoàn đề nghị các cơ sở Đoàn thực hiện tốt các nhiệm vụ sau:
        - Hoàn thành tự chấm điểm thi đua năm 2023.
        - Đẩy mạnh phát triển đoàn viên mới.
        Trả lời
        MINH KHANG
        """);

    [Fact]
    public async Task A_report_of_briefings_cluster_by_cluster_previews_and_stores_each_chair_with_its_cluster_and_the_kinds_doubt()
    {
        var bloc = await BlocAsync(total: 11);

        var preview = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true, ClusterReport, "giao-ban-cum.txt"), HttpStatusCode.OK);

        Assert.Equal("ClusterBriefing", preview.GetProperty("kind").GetString());
        var doubt = preview.GetProperty("kindWarning").GetString();
        Assert.Contains("giao ban cụm thi đua", doubt, StringComparison.Ordinal);
        Assert.Contains("sơ kết", doubt, StringComparison.Ordinal);
        Assert.Equal(("2023-09-14", "2023-09-15"), (preview.GetProperty("heldOn").GetString(), preview.GetProperty("heldUntil").GetString()));
        Assert.Equal(["Cụm thi đua số 1: Trương Công Định – Phó Bí thư Tỉnh đoàn", "Cụm thi đua số 2: Bùi Thị Thu – Trưởng Ban Tuyên giáo Tỉnh đoàn"],
            preview.GetProperty("chairs").EnumerateArray().Select(c => $"{c.GetProperty("cluster").GetString()}: {c.GetProperty("name").GetString()} – {c.GetProperty("title").GetString()}"));
        var warnings = preview.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Contains(doubt, warnings);
        Assert.Contains("Ngày họp 14/9 không ghi năm: lấy năm 2023 của ngày đăng bài (18/09/2023).", warnings);
        Assert.Contains(warnings, w => w!.StartsWith("Văn bản nêu 65 đại biểu", StringComparison.Ordinal));
        Assert.Equal((11, 11, 0), (preview.GetProperty("invited").GetInt32(), preview.GetProperty("present").GetInt32(), preview.GetProperty("excused").GetInt32()));
        Assert.Equal((1, 2), (preview.GetProperty("conclusionSections").GetInt32(), preview.GetProperty("conclusionItems").GetInt32()));

        var imported = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: false, ClusterReport, "giao-ban-cum.txt"), HttpStatusCode.Created);
        var meeting = await bloc.Admin.GetJsonAsync($"/api/meetings/{imported.GetProperty("meetingId").GetGuid()}");
        Assert.Equal(["Cụm thi đua số 1", "Cụm thi đua số 2"], meeting.GetProperty("chairs").EnumerateArray().Select(c => c.GetProperty("cluster").GetString()));
        Assert.Equal("ClusterBriefing", meeting.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_import_with_a_name_left_unmatched_names_its_field_and_writes_nothing()
    {
        var bloc = await BlocAsync();
        var before = await EventCountAsync();

        var problem = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: false, Notice), HttpStatusCode.BadRequest);

        Assert.Equal("Chọn đơn vị ứng với tên này; chưa ghi gì.", FieldError(problem, $"matches[{Missing}]"));
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task Wrong_manual_matches_are_problems_naming_the_name_and_write_nothing()
    {
        var bloc = await BlocAsync();
        var outside = await bloc.Admin.EstablishAsync($"X{Guid.NewGuid():N}"[..8], "Đoàn Sở Ngoại vụ tỉnh khác", "Province", null, "2020-01-01");
        var before = await EventCountAsync();

        var notCandidate = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true, Notice, matches: new Dictionary<string, Guid> { [Missing] = outside }),
            HttpStatusCode.BadRequest);
        Assert.Equal("Chỉ chọn được một đơn vị trực thuộc Đoàn Khối Dân – Chính – Đảng Thành phố vào ngày họp.", FieldError(notCandidate, $"matches[{Missing}]"));

        var twice = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: false, Notice,
            matches: new Dictionary<string, Guid> { [Missing] = bloc.Units["Đoàn Sở Tài chính"] }), HttpStatusCode.BadRequest);
        Assert.Equal("Đoàn Sở Tài chính đã ứng với tên \"Đoàn Sở Tài chính\" trong thông báo.", FieldError(twice, $"matches[{Missing}]"));

        var sameUnitTwice = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true, Notice,
            matches: new Dictionary<string, Guid> { [Missing] = bloc.Units[TreeNameOfMissing], ["Đoàn Sở Tài chính"] = bloc.Units[TreeNameOfMissing] }),
            HttpStatusCode.BadRequest);
        Assert.Contains("đã được chọn cho tên", FieldError(sameUnitTwice, "matches[Đoàn Sở Tài chính]"), StringComparison.Ordinal);

        var notInNotice = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true, Notice,
            matches: new Dictionary<string, Guid> { ["Đoàn Sở Xây dựng"] = bloc.Units[TreeNameOfMissing] }), HttpStatusCode.BadRequest);
        Assert.Equal("Thông báo không nêu tên đơn vị vắng \"Đoàn Sở Xây dựng\".", FieldError(notInNotice, "matches[Đoàn Sở Xây dựng]"));

        var notAnId = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true, Notice, matches: new Dictionary<string, string> { [Missing] = "Sở Ngoại vụ" }),
            HttpStatusCode.BadRequest);
        Assert.Equal("Mã đơn vị không hợp lệ.", FieldError(notAnId, $"matches[{Missing}]"));

        var notJson = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true, Notice, matches: "Đoàn Sở Ngoại vụ = 1"), HttpStatusCode.BadRequest);
        Assert.Contains("Không đọc được các tên ghép tay", FieldError(notJson, "matches"), StringComparison.Ordinal);
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task Bad_files_and_fields_are_Vietnamese_problems_naming_the_field_and_write_nothing()
    {
        var bloc = await BlocAsync(total: 11);
        var before = await EventCountAsync();

        Assert.Equal("Chọn tệp thông báo (.txt hoặc .docx).", FieldError(await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true), HttpStatusCode.BadRequest), "file"));
        Assert.Equal("Tệp rỗng, không có nội dung.", FieldError(await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true, []), HttpStatusCode.BadRequest), "file"));
        var oversized = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true, new byte[2 * 1024 * 1024 + 1]), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("Tệp quá lớn: tối đa 2 MB.", FieldError(oversized, "file"));
        var legacy = Encoding.Latin1.GetBytes("THÔNG BÁO kết luận Hội nghị giao ban");
        Assert.Equal("cu.txt: không phải văn bản UTF-8 hợp lệ (byte lỗi ở vị trí 2); hãy lưu lại tệp với mã UTF-8.",
            FieldError(await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true, legacy, "cu.txt"), HttpStatusCode.BadRequest), "file"));
        Assert.Contains("chỉ đọc được tệp .txt (UTF-8) hoặc .docx",
            FieldError(await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true, Notice, "thong-bao.pdf"), HttpStatusCode.BadRequest), "file"), StringComparison.Ordinal);
        Assert.Equal("Chọn đơn vị triệu tập.", FieldError(await JsonAsync(await PostAsync(bloc.Admin, null, dryRun: true, Notice), HttpStatusCode.BadRequest), "conveningUnitId"));
        Assert.Equal("Đơn vị triệu tập chưa có hoặc không còn vào ngày họp 31/03/2023.",
            FieldError(await JsonAsync(await PostAsync(bloc.Admin, Guid.NewGuid(), dryRun: true, Notice), HttpStatusCode.BadRequest), "conveningUnitId"));
        var flag = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true, Notice, change: f => f.Add(new StringContent("có"), "force")), HttpStatusCode.BadRequest);
        Assert.Equal("Giá trị phải là true hoặc false.", FieldError(flag, "force"));
        var json = await JsonAsync(await bloc.Admin.PostAsJsonAsync("/api/meetings/import", new { conveningUnitId = bloc.Id }), HttpStatusCode.BadRequest);
        Assert.Contains("multipart/form-data", FieldError(json, "file"), StringComparison.Ordinal);
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task Counts_that_disagree_with_the_tree_are_refused_with_422_unless_forced()
    {
        var bloc = await BlocAsync(total: 61);
        var matches = new Dictionary<string, Guid> { [Missing] = bloc.Units[TreeNameOfMissing] };
        var before = await EventCountAsync();

        var preview = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: true, Notice, matches: matches), HttpStatusCode.OK);
        Assert.Contains("Thông báo ghi 60 đơn vị được mời", preview.GetProperty("conflicts")[0].GetString(), StringComparison.Ordinal);
        var refused = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: false, Notice, matches: matches), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Thông báo không khớp dữ liệu đã có", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await EventCountAsync());

        var forced = await JsonAsync(await PostAsync(bloc.Admin, bloc.Id, dryRun: false, Notice, matches: matches, force: true), HttpStatusCode.Created);
        Assert.Equal("50/61", (await bloc.Admin.GetJsonAsync($"/api/meetings/{forced.GetProperty("meetingId").GetGuid()}")).GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Only_those_who_may_convene_for_the_unit_may_import()
    {
        var bloc = await BlocAsync(total: 11);
        var other = await bloc.Admin.EstablishAsync($"K{Guid.NewGuid():N}"[..8], "Huyện đoàn Côn Đảo", "District", null, "2020-01-01");
        async Task<HttpClient> AccountAsync(string role, Guid unit)
        {
            var user = $"u{Guid.NewGuid():N}"[..12];
            var created = await bloc.Admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName = "Nguyễn Văn Thử", password = "Mật-khẩu-thử-nghiệm" });
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await bloc.Admin.PostOkAsync($"/api/organisation/accounts/{id}/grants", new { role, unitId = unit });
            return await factory.SignInAsync(user, "Mật-khẩu-thử-nghiệm");
        }
        var otherOffice = await AccountAsync("OfficeStaff", other);
        var secretary = await AccountAsync("UnitSecretary", bloc.Id);
        var auditor = await AccountAsync("Auditor", bloc.Id);
        var office = await AccountAsync("OfficeStaff", bloc.Id);
        var before = await EventCountAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(otherOffice, bloc.Id, dryRun: false, Notice)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(secretary, bloc.Id, dryRun: false, Notice)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(auditor, bloc.Id, dryRun: true, Notice)).StatusCode);
        Assert.Equal(before, await EventCountAsync());
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(office, bloc.Id, dryRun: true, Notice)).StatusCode);
    }
}
