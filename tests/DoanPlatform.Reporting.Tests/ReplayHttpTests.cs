using System.Globalization;
using System.Net;
using System.Text.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Reporting.Tests;

/// <summary>The auditor's replay over HTTP: a unit's history across the modules, the year filter, and who may see it.</summary>
public sealed class ReplayHttpTests(VietnamFactory factory) : IClassFixture<VietnamFactory>
{
    private static readonly string M = ReplayWorld.Meeting2024;

    private async Task<(ReplayWorld World, HttpClient Auditor)> WorldWithAuditorAsync()
    {
        var world = await ReplayWorld.BuildAsync(factory);
        var (_, auditor) = await ReplayWorld.AccountAsync(factory, world.Admin, $"ks{world.Tag}", "Phạm Kiểm Soát", "Auditor", world.Bloc);
        return (world, auditor);
    }

    private static (string? Effective, string Actor, string? Decision, string Text)[] Lines(JsonElement history) =>
    [
        .. history.GetProperty("entries").EnumerateArray().Select(e => (
            e.GetProperty("effectiveDate").ValueKind == JsonValueKind.Null ? null : e.GetProperty("effectiveDate").GetString(),
            e.GetProperty("actor").GetString()!,
            e.GetProperty("decision").ValueKind == JsonValueKind.Null ? null : e.GetProperty("decision").GetString(),
            e.GetProperty("text").GetString()!)),
    ];

    [Fact]
    public async Task An_auditor_replays_a_units_history_across_every_module_in_order_with_who_which_decision_and_what_changed()
    {
        var (world, auditor) = await WorldWithAuditorAsync();

        var history = await auditor.GetJsonAsync($"/api/reports/audit/units/{world.UnitCode}");

        Assert.Equal(world.Unit, history.GetProperty("unitId").GetGuid());
        Assert.Equal("Chi đoàn Sở Tài chính", history.GetProperty("name").GetString());
        var lines = Lines(history);
        // Events recorded today without a domain date (a self-assessment) stand at their recorded date; dated ones (a submission) at theirs.
        var today = VietnamFactory.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(
        [
            ("2020-01-01", "Quản trị viên", "12-QĐ/TĐTN",
                $"Thành lập Chi đoàn Sở Tài chính (mã {world.UnitCode}, cơ sở, khối cơ quan), trực thuộc Đoàn Khối các cơ quan tỉnh."),
            ("2024-03-01", "Quản trị viên", "845-QĐ/TĐTN", "Tiếp nhận Chi đoàn Kho bạc Nhà nước tỉnh hợp nhất vào."),
            ("2024-03-15", "Trần Văn Phòng", null, $"Đoàn Khối các cơ quan tỉnh triệu tập {M} tại Hội trường Tỉnh đoàn; mời 1 đơn vị."),
            ("2024-03-15", "Trần Văn Phòng", null, $"Điểm danh {M}: vắng có phép (lý do: Trùng lịch tiếp đoàn công tác của Tỉnh đoàn)."),
            ("2024-03-15", "Trần Văn Phòng", null, $"Sửa điểm danh {M}: vắng có phép → có mặt (lý do: Bí thư đến dự muộn, điểm danh bổ sung)."),
            ("2024-10-01", "Quản trị viên", "15-KH/ĐTN",
                "Ban hành kế hoạch kiểm tra số 15-KH/ĐTN: kiểm tra 1 đơn vị từ ngày 01/10/2024 đến ngày 31/10/2024; nội dung: Học tập 02 chuyên đề trên App Thanh niên Việt Nam."),
            (null, "Quản trị viên", null, $"Cấp quyền Bí thư đơn vị cho tài khoản bt{world.Tag} (Nguyễn Thị Thu)."),
            (null, "Nguyễn Thị Thu", null, "Tự chấm điểm thi đua năm 2024: A1: 40; A2: 1 (minh chứng: Ảnh chụp màn hình App); A3: 35."),
            (today, "Nguyễn Thị Thu", null, "Gửi bảng tự chấm điểm năm 2024 lên cấp trên."),
            (null, "Trần Văn Phòng", null,
                "Chấm điểm thi đua năm 2024: A1: tự chấm 40 → đánh giá 35 (nhận xét: Chưa tổ chức học tập cho toàn bộ đoàn viên); " +
                "A2: 1 (giữ nguyên điểm tự chấm); A3: 35 (giữ nguyên điểm tự chấm)."),
            (null, "Quản trị viên", "15-KH/ĐTN", "Đoàn kiểm tra đề xuất điều chỉnh điểm năm 2024, điều kiện A2 thành 0 (lý do: Không có minh chứng học tập trên App)."),
            (today, "Quản trị viên", "15-KH/ĐTN",
                "Duyệt điều chỉnh điểm năm 2024, điều kiện A2 thành 0 theo kế hoạch kiểm tra 15-KH/ĐTN (lý do: Không có minh chứng học tập trên App)."),
            (null, "Hệ thống", "15-KH/ĐTN", "Điều chỉnh điểm năm 2024, điều kiện A2: 1 → 0 (lý do: Không có minh chứng học tập trên App; căn cứ: 15-KH/ĐTN)."),
            (null, "Hệ thống", "15-KH/ĐTN", "Đã áp dụng điều chỉnh vào bảng điểm năm 2024: điều kiện A2 tính 0."),
        ], lines);

        var entries = history.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal("Sắp xếp tổ chức bộ máy", entries[1].GetProperty("reason").GetString());
        Assert.Equal("meetings.attendance_recorded", entries[4].GetProperty("eventType").GetString());
        Assert.All(entries, e => Assert.EndsWith("+07:00", e.GetProperty("recordedAt").GetString(), StringComparison.Ordinal));
        Assert.Equal(entries.Select(e => e.GetProperty("sequence").GetInt64()).Skip(6).Order(), entries.Select(e => e.GetProperty("sequence").GetInt64()).Skip(6));
    }

    [Fact]
    public async Task A_merged_unit_is_found_by_its_code_and_names_the_unit_it_merged_into_as_it_was_then()
    {
        var (world, auditor) = await WorldWithAuditorAsync();
        await world.Admin.PostOkAsync($"/api/organisation/units/{world.Unit}/rename", new
        {
            name = "Chi đoàn Sở Tài chính – Kho bạc", effectiveDate = "2024-07-01", decision = Api.DecisionOf("900-QĐ/TĐTN", "2024-06-25"),
        });
        await factory.WaitForNonStaleAsync();

        var merged = Lines(await auditor.GetJsonAsync($"/api/reports/audit/units/{world.MergedCode}"));

        Assert.Equal(["Thành lập Chi đoàn Kho bạc Nhà nước tỉnh", "Hợp nhất vào Chi đoàn Sở Tài chính."],
            merged.Select(l => l.Text.Split(" (mã", 2)[0]));
        var renamed = Lines(await auditor.GetJsonAsync($"/api/reports/audit/units/{world.UnitCode}?year=2024"));
        Assert.Contains(("2024-07-01", "Quản trị viên", "900-QĐ/TĐTN",
            "Đổi tên từ “Chi đoàn Sở Tài chính” thành “Chi đoàn Sở Tài chính – Kho bạc” (tên viết tắt: Chi đoàn Sở Tài chính – Kho bạc)."), renamed);
    }

    [Fact]
    public async Task The_year_filter_keeps_the_lines_whose_effective_date_or_else_recorded_date_falls_in_that_year()
    {
        var (world, auditor) = await WorldWithAuditorAsync();

        var of2024 = Lines(await auditor.GetJsonAsync($"/api/reports/audit/units/{world.UnitCode}?year=2024"));
        var of2020 = Lines(await auditor.GetJsonAsync($"/api/reports/audit/units/{world.UnitCode}?year=2020"));
        var ofToday = Lines(await auditor.GetJsonAsync($"/api/reports/audit/units/{world.UnitCode}?year={VietnamFactory.Today.Year}"));
        var of2019 = Lines(await auditor.GetJsonAsync($"/api/reports/audit/units/{world.UnitCode}?year=2019"));

        Assert.Equal(["2024-03-01", "2024-03-15", "2024-03-15", "2024-03-15", "2024-10-01"], of2024.Select(l => l.Effective));
        Assert.Equal(["2020-01-01"], of2020.Select(l => l.Effective));
        Assert.Equal(8, ofToday.Length);
        Assert.Contains(ofToday, l => l.Text.StartsWith("Tự chấm điểm thi đua năm 2024", StringComparison.Ordinal));
        Assert.Empty(of2019);
    }

    [Fact]
    public async Task Bad_years_are_400_naming_the_field_and_an_unknown_code_is_404()
    {
        var (world, auditor) = await WorldWithAuditorAsync();

        foreach (var year in new[] { "abc", "1800", "2024.5", "-2024", "" })
        {
            foreach (var url in new[] { $"/api/reports/audit/units/{world.UnitCode}?year={year}", $"/api/reports/audit/units/{world.UnitCode}.xlsx?year={year}" })
            {
                var response = await auditor.GetAsync(new Uri(url, UriKind.Relative));
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                Assert.True(problem.GetProperty("errors").TryGetProperty("year", out _), url);
            }
        }
        foreach (var url in new[] { "/api/reports/audit/units/KHONG.CO", "/api/reports/audit/units/KHONG.CO.xlsx", "/api/reports/audit/units/KHONG.CO/as-of?at=2024-05-01" })
        {
            var response = await auditor.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("KHONG.CO", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_auditor_of_another_subtree_and_office_staff_without_Audit_get_403_for_history_workbook_and_state()
    {
        var (world, auditor) = await WorldWithAuditorAsync();
        var (_, outsider) = await ReplayWorld.AccountAsync(factory, world.Admin, $"kn{world.Tag}", "Đỗ Ngoài Cụm", "Auditor", world.OtherBloc);
        var (_, secretary) = await ReplayWorld.AccountAsync(factory, world.Admin, $"bn{world.Tag}", "Bí thư khác", "UnitSecretary", world.Unit);
        string[] urls =
        [
            $"/api/reports/audit/units/{world.UnitCode}", $"/api/reports/audit/units/{world.UnitCode}.xlsx?year=2024",
            $"/api/reports/audit/units/{world.UnitCode}/as-of?at=2024-05-01T10:00:00%2B07:00",
        ];

        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
            foreach (var client in new[] { outsider, world.Staff, secretary })
            {
                var denied = await client.GetAsync(new Uri(url, UriKind.Relative));
                Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
                Assert.Equal("application/problem+json", denied.Content.Headers.ContentType?.MediaType);
            }
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(new Uri(urls[0], UriKind.Relative))).StatusCode);
    }
}
