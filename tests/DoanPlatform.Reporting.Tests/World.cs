using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Reporting.Tests;

/// <summary>
/// A bloc union's 2023 built over the real HTTP API: five units in two clusters, a published scale with a computed attendance condition,
/// scores self-assessed, assessed, one adjusted, four locked and one published, two briefings and a review meeting with attendance and a
/// correction, two tasks reported on time, late or not at all, an inspection with findings and recommendations; and a second bloc outside it.
/// </summary>
internal sealed record World(HttpClient Admin, string Tag, Guid Province, Guid Bloc, string BlocCode, Guid[] Units, Guid OtherBloc, Guid ScaleId,
    Guid[] Meetings, Guid PlanId)
{
    public const int Year = 2023;
    public const string Password = "Mật-khẩu-thử-nghiệm";
    public const string BlocShortName = "Đoàn Khối Dân – Chính – Đảng";

    public static readonly string[] Names =
    [
        "Đoàn Sở Tài chính", "Đoàn Sở Ngoại vụ", "Đoàn Ban Chỉ huy Quân sự tỉnh", "Chi đoàn Báo Bà Rịa – Vũng Tàu", "Đoàn Bệnh viện Lê Lợi",
    ];

    private static readonly object Scale = new
    {
        name = "Thang điểm thi đua công tác Đoàn năm 2023", guideline = "Hướng dẫn số 32-HD/ĐTN ngày 23/02/2021", maxPoints = 100m, bonusCap = 0m,
        sections = new object[]
        {
            new
            {
                code = "A", title = "Công tác giáo dục chính trị tư tưởng", maxPoints = 90m,
                criteria = new[]
                {
                    new
                    {
                        code = "A.1", title = "Học tập, tuyên truyền",
                        items = new[]
                        {
                            new
                            {
                                code = "A.1.1", title = "Học tập nghị quyết",
                                conditions = new object[]
                                {
                                    new { code = "A1", title = "Tổ chức học tập, quán triệt nghị quyết", kind = "Manual", maxPoints = 40m },
                                    new { code = "A2", title = "Đoàn viên học 02 chuyên đề trên App Thanh niên Việt Nam", kind = "YesNo", maxPoints = 20m },
                                    new { code = "A3", title = "Tham gia các cuộc thi do Đoàn cấp trên chỉ đạo", kind = "Manual", maxPoints = 30m },
                                },
                            },
                        },
                    },
                },
            },
            new
            {
                code = "B", title = "Công tác xây dựng tổ chức Đoàn", maxPoints = 10m,
                criteria = new[]
                {
                    new
                    {
                        code = "B.1", title = "Chế độ thông tin, hội họp",
                        items = new[]
                        {
                            new
                            {
                                code = "B.1.1", title = "Tham dự giao ban",
                                conditions = new object[]
                                {
                                    new
                                    {
                                        code = "B1", title = "Tham dự đầy đủ hội nghị giao ban", kind = "Tiered", maxPoints = 10m, source = "BriefingAbsences",
                                        tiers = new[] { new { from = 0m, points = 10m }, new { from = 1m, points = 8m }, new { from = 2m, points = 5m }, new { from = 3m, points = 0m } },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
        classes = new object[]
        {
            new { name = "Hoàn thành xuất sắc nhiệm vụ", minTotal = 90m }, new { name = "Hoàn thành tốt nhiệm vụ", minTotal = 70m },
            new { name = "Hoàn thành nhiệm vụ", minTotal = 50m }, new { name = "Không hoàn thành nhiệm vụ", minTotal = -1000m },
        },
        tieBreaks = new[] { new { kind = "SectionTotal", sectionCode = "A" } },
    };

    public string UnitCode(int i) => $"{BlocCode}.{i + 1}";

    public static async Task<World> BuildAsync(SignedInFactory factory)
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var province = await admin.EstablishAsync($"R{tag}", "Tỉnh Đoàn Bà Rịa – Vũng Tàu", "Province", null, "2020-01-01");
        var blocCode = $"R{tag}.DK-DCD";
        var created = await admin.PostAsJsonAsync("/api/organisation/units", new
        {
            code = blocCode, name = "Đoàn Khối Dân – Chính – Đảng tỉnh Bà Rịa – Vũng Tàu", shortName = BlocShortName, level = "Bloc", sector = "Agencies",
            parentId = province, effectiveDate = "2020-01-01", decision = Api.Founding, reason = "Khởi tạo dữ liệu",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bloc = await IdOf(created);
        var units = new Guid[Names.Length];
        for (var i = 0; i < Names.Length; i++)
            units[i] = await admin.EstablishAsync($"{blocCode}.{i + 1}", Names[i], "Grassroots", bloc, "2020-01-01", sector: i == 2 ? "ArmedForces" : "Agencies");
        var otherBloc = await admin.EstablishAsync($"R{tag}.DK-DN", "Đoàn Khối Doanh nghiệp tỉnh", "Bloc", province, "2020-01-01");
        await factory.WaitForNonStaleAsync();

        var decision = Api.DecisionOf("02-QĐ/ĐTN", "2023-01-10");
        foreach (var (name, members) in new[] { ("Cụm thi đua số 1", units[..3]), ("Cụm thi đua số 2", units[3..]) })
        {
            var cluster = await IdOf(await admin.PostOkAsync("/api/organisation/clusters",
                new { issuingUnitId = bloc, year = Year, name, effectiveDate = "2023-01-10", decision, reason = "Phân cụm thi đua năm 2023" }));
            foreach (var unit in members)
                await admin.PostOkAsync($"/api/organisation/clusters/{cluster}/members",
                    new { unitId = unit, effectiveDate = "2023-01-10", decision, reason = "Phân cụm thi đua năm 2023" });
        }
        var scaleId = await IdOf(await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = bloc, year = Year, content = Scale }));
        await admin.PostOkAsync($"/api/emulation/scales/{scaleId}/publish", new { version = 1, effectiveDate = "2023-02-23" });

        // Briefing of quarter I: one excused, one absent without leave. Quarter II: one excused, corrected to present; one never recorded.
        // The mid-year review meeting is not a briefing and must not count.
        var (first, firstVersion) = await MeetingAsync(admin, bloc, "Briefing", "Hội nghị giao ban công tác Đoàn quý I/2023", "Quý I/2023", "2023-03-30",
            Entry(units[0], "Present"), Entry(units[1], "Present"), Entry(units[2], "ExcusedAbsence", "Đi công tác theo kế hoạch của Bộ Chỉ huy"),
            Entry(units[3], "UnexcusedAbsence"), Entry(units[4], "Present"));
        var (second, secondVersion) = await MeetingAsync(admin, bloc, "Briefing", "Hội nghị giao ban công tác Đoàn quý II/2023", "Quý II/2023", "2023-06-29",
            Entry(units[0], "Present"), Entry(units[1], "ExcusedAbsence", "Họp Đảng ủy cơ quan"), Entry(units[2], "Present"), Entry(units[3], "Present"));
        secondVersion = await VersionOf(await admin.PostOkAsync($"/api/meetings/{second}/attendance",
            new { version = secondVersion, entries = new[] { Entry(units[1], "Present", "Đính chính: đơn vị có dự, ký sổ muộn") } }));
        var (review, _) = await MeetingAsync(admin, bloc, "Review", "Hội nghị sơ kết công tác Đoàn 6 tháng đầu năm 2023", "6 tháng/2023", "2023-07-14",
            [.. units.Select(u => Entry(u, "Present"))]);

        var appTask = await IdOf(await admin.PostOkAsync($"/api/meetings/{first}/tasks", new
        {
            version = firstVersion, text = "Tổ chức cho đoàn viên tải và sử dụng App Thanh niên Việt Nam", scope = "AllInvited", deadline = "2023-04-30",
            target = "100% đoàn viên tải App",
        }));
        var reportTask = await IdOf(await admin.PostOkAsync($"/api/meetings/{second}/tasks", new
        {
            version = secondVersion, text = "Gửi báo cáo sơ kết 6 tháng đầu năm về Văn phòng Đoàn Khối", scope = "Units", units = new[] { units[0], units[3] },
            deadline = "2023-07-10",
        }));
        await ReportAsync(admin, appTask, units[0], true, "2023-04-20", "Báo cáo số 15-BC/ĐTN: 100% đoàn viên đã tải App");
        await ReportAsync(admin, appTask, units[1], true, "2023-05-10", "Đã hoàn thành, nộp báo cáo trễ");
        await ReportAsync(admin, appTask, units[2], true, "2023-04-30", "Hoàn thành đúng ngày hạn");
        await ReportAsync(admin, appTask, units[3], false, "2023-04-25", "Đã có 80% đoàn viên tải App");
        await ReportAsync(admin, reportTask, units[3], true, "2023-07-05", "Báo cáo số 21-BC/ĐTN");
        await factory.WaitForNonStaleAsync();

        // Scores: four assessed and locked (one with an approved adjustment, one published), one only submitted.
        decimal[][] values = [[38, 1, 28], [30, 1, 25], [40, 0, 30], [35, 1, 20], [36, 1, 27]];
        for (var i = 0; i < units.Length; i++)
        {
            var url = $"/api/emulation/sheets/{units[i]}/{Year}";
            var self = new[] { "A1", "A2", "A3" }.Select((code, c) => new { conditionCode = code, value = values[i][c], comment = (string?)null }).ToArray();
            var version = await VersionOf(await admin.PostOkAsync($"{url}/self-assessment", new { version = 0, scaleId, entries = self }));
            version = await VersionOf(await admin.PostOkAsync($"{url}/submit", new { version }));
            if (i == 4)
                continue;
            var assessed = i == 0 ? self.Select(e => e.conditionCode == "A1" ? new { conditionCode = "A1", value = 35m, comment = (string?)"Thiếu biên bản học tập quý IV" } : e).ToArray() : self;
            version = await VersionOf(await admin.PostOkAsync($"{url}/assessment", new { version, entries = assessed }));
            if (i == 3)
                version = await VersionOf(await admin.PostOkAsync($"{url}/adjustments",
                    new { version, conditionCode = "A3", value = 25m, reason = "Theo kết luận kiểm tra", reference = "05-KL/ĐTN" }));
            version = await VersionOf(await admin.PostOkAsync($"{url}/lock", new { version }));
            if (i == 0)
                await admin.PostOkAsync($"{url}/publish", new { version });
        }

        var (_, head, _) = await AccountAsync(factory, admin, "Inspector", bloc);
        var plan = await IdOf(await admin.PostOkAsync("/api/inspections/plans", new
        {
            issuingUnitId = bloc, numberSymbol = "05-KH/ĐTN", year = Year, issuedOn = "2023-10-01", from = "2023-10-01", to = "2023-10-31",
            unitIds = new[] { units[2], units[3] },
            topics = new object[]
            {
                new { conditionCode = "A2", title = "Học tập 02 chuyên đề trên App Thanh niên Việt Nam" },
                new { conditionCode = (string?)null, title = "Công tác phát triển đoàn viên" },
            },
            headAccountId = head, memberAccountIds = Array.Empty<Guid>(),
        }));
        var held = await admin.PostOkAsync($"/api/inspections/plans/{plan}/inspections", new
        {
            version = 1, heldOn = "2023-10-16", place = "Hội trường Đoàn Khối",
            units = new object[]
            {
                new
                {
                    unitId = units[2],
                    reviews = new object[]
                    {
                        new { topic = "A2", verdict = "Accepted", strengths = new[] { "Chủ động triển khai học tập" }, shortcomings = Array.Empty<string>() },
                        new
                        {
                            topic = "Công tác phát triển đoàn viên", verdict = "PartlyAccepted", comment = "Hồ sơ kết nạp chưa đầy đủ",
                            strengths = Array.Empty<string>(), shortcomings = new[] { "Thiếu 02 hồ sơ kết nạp", "Sổ đoàn viên chưa cập nhật" },
                        },
                    },
                    recommendations = new[] { new { text = "Hoàn thiện hồ sơ kết nạp đoàn viên", deadline = "2023-11-30" } },
                },
                new
                {
                    unitId = units[3],
                    reviews = new object[]
                    {
                        new
                        {
                            topic = "A2", verdict = "Rejected", comment = "Minh chứng không thể hiện số đoàn viên đã học",
                            explanation = "Đơn vị có nhiều đoàn viên mới chuyển công tác", strengths = Array.Empty<string>(),
                            shortcomings = new[] { "Số đoàn viên học tập trên App chưa đạt" },
                        },
                    },
                    recommendations = new[] { new { text = "Rà soát, đôn đốc đoàn viên học tập trên App Thanh niên Việt Nam", deadline = "2023-12-31" } },
                },
            },
        });
        var planVersion = await VersionOf(held);
        await factory.WaitForNonStaleAsync();
        var recommendations = (await admin.GetJsonAsync($"/api/inspections/recommendations?planId={plan}")).EnumerateArray().ToList();
        var done = recommendations.Single(r => r.GetProperty("unitId").GetGuid() == units[2]).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/inspections/plans/{plan}/recommendations/{done}/reports",
            new { version = planVersion, report = "Đã bổ sung đủ hồ sơ kết nạp", completed = true });
        await factory.WaitForNonStaleAsync();
        return new World(admin, tag, province, bloc, blocCode, units, otherBloc, scaleId, [first, second, review], plan);
    }

    public static async Task<(Guid Id, Guid AccountId, HttpClient Client)> AccountAsync(SignedInFactory factory, HttpClient admin, string role, Guid unitId)
    {
        var user = $"u{Guid.NewGuid():N}"[..12];
        var created = await admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName = "Cán bộ " + role, password = Password });
        var account = await IdOf(created);
        await admin.PostOkAsync($"/api/organisation/accounts/{account}/grants", new { role, unitId });
        return (account, account, await factory.SignInAsync(user, Password));
    }

    private static object Entry(Guid unit, string status, string? reason = null) => new { unitId = unit, status, reason };

    private static async Task<(Guid Id, long Version)> MeetingAsync(HttpClient admin, Guid bloc, string kind, string title, string period, string heldOn,
        params object[] entries)
    {
        var id = await IdOf(await admin.PostOkAsync("/api/meetings", new
        {
            kind, conveningUnitId = bloc, title, period, heldOn, venue = "Hội trường Đoàn Khối",
            chairs = new[] { new { name = "Nguyễn Đăng Khoa", title = "Bí thư Đoàn Khối" } },
        }));
        return (id, await VersionOf(await admin.PostOkAsync($"/api/meetings/{id}/attendance", new { version = 1, entries })));
    }

    private static Task ReportAsync(HttpClient admin, Guid task, Guid unit, bool completed, string on, string note) =>
        admin.PostOkAsync($"/api/meetings/tasks/{task}/reports", new { unitId = unit, note, completed, on });

    public static async Task<long> VersionOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();

    public static async Task<Guid> IdOf(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}
