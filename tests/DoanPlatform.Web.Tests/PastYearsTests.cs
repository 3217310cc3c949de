using DoanPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoanPlatform.Web.Tests;

/// <summary>Work on past years after a reorganisation: pickers reach old and deeper units, lists name units as they were.</summary>
public sealed class PastYearsTests(WebFixture web) : IClassFixture<WebFixture>
{
    private const string Renamed = "Đoàn cơ sở Sở Tài chính – Kế hoạch";

    /// <summary>
    /// The 2025 reform in small: on 1/7/2025 unit 1 is renamed, unit 2 merges into it and unit 0 moves up to the province; a branch
    /// under unit 1 was founded on 1/3/2024.
    /// </summary>
    private static async Task<Guid> ReorganiseAsync(World world)
    {
        var branch = await world.Admin.EstablishAsync($"T{world.Tag}.DK.02.KT", "Chi đoàn Phòng Kế toán", "Branch", world.Units[1], "2024-03-01");
        var decision = Api.DecisionOf("845-QĐ/TĐTN", "2025-06-20");
        await world.Admin.PostOkAsync($"/api/organisation/units/{world.Units[1]}/rename", new
        {
            name = Renamed, shortName = Renamed, effectiveDate = "2025-07-01", reason = "Hợp nhất sở", decision,
        });
        await world.Admin.PostOkAsync($"/api/organisation/units/{world.Units[1]}/absorb", new
        {
            unitIds = new[] { world.Units[2] }, effectiveDate = "2025-07-01", reason = "Hợp nhất sở", decision,
        });
        await world.Admin.PostOkAsync($"/api/organisation/units/{world.Units[0]}/move", new
        {
            parentId = world.Province, effectiveDate = "2025-07-01", reason = "Chuyển về Tỉnh đoàn trực tiếp quản lý", decision,
        });
        return branch;
    }

    [Fact]
    public async Task The_auditor_finds_a_merged_unit_and_a_deeper_branch_by_name_without_accents_and_replays_them()
    {
        var world = await World.BuildAsync(web, units: 3);
        await ReorganiseAsync(world);
        var auditor = await web.AccountAsync(world.Admin, "Phạm Thị Kiểm Toán", "Auditor", world.Bloc);
        await web.WaitForNonStaleAsync();

        await using var b = await web.OpenAsync(auditor);
        var page = b.Page;
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await b.GoAsync("/bao-cao/tra-soat?nam=2025");
        var unit = page.Locator("#unit");
        // Without a search: the bloc and its units of 2025, the merged one marked.
        await Expect(unit.Locator("option", new() { HasText = "Đoàn cơ sở Sở Y tế" })).ToContainTextAsync($"đã hợp nhất 01/07/2025 vào {Renamed}");

        var search = page.GetByLabel("Tìm theo tên, mã");
        await search.FillAsync("so y te");
        await Expect(page.Locator(".unit-search-status")).ToHaveTextAsync("1 đơn vị phù hợp; chọn trong danh sách.");
        await search.PressAsync("Enter");
        await Expect(page.Locator("#audit-note")).ToContainTextAsync("không còn hoạt động");
        var merged = page.Locator("#audit tbody tr").Filter(new() { HasText = "845-QĐ/TĐTN" });
        await Expect(merged.First).ToContainTextAsync("01/07/2025");
        await b.ShotAsync("29-tra-soat-don-vi-da-hop-nhat");

        // A branch two levels down, by part of its code in lower case, in the year it was founded.
        await page.GetByLabel("Năm").FillAsync("2024");
        await page.GetByLabel("Năm").DispatchEventAsync("change");
        await search.FillAsync("dk.02.kt");
        await Expect(page.Locator(".unit-search-status")).ToHaveTextAsync("1 đơn vị phù hợp; chọn trong danh sách.");
        await search.PressAsync("Enter");
        await Expect(page.Locator("#audit tbody tr").First).ToContainTextAsync("01/03/2024");
        await Expect(page.Locator("#audit tbody")).ToContainTextAsync("Chi đoàn Phòng Kế toán");

        // Before the branch existed nothing matches, and the screen says so.
        await page.GetByLabel("Năm").FillAsync("2023");
        await page.GetByLabel("Năm").DispatchEventAsync("change");
        await Expect(page.Locator(".unit-search-status")).ToHaveTextAsync("Không tìm thấy đơn vị nào trong phạm vi.");

        Assert.DoesNotContain(requests, r => r.Contains("/api/reports/audit/units/?", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.Contains("/api/reports/audit/units/.xlsx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deep_link_to_a_unit_outside_the_first_list_replays_it_by_its_code()
    {
        var world = await World.BuildAsync(web, units: 3);
        var branch = await ReorganiseAsync(world);
        var auditor = await web.AccountAsync(world.Admin, "Phạm Thị Kiểm Toán", "Auditor", world.Bloc);
        await web.WaitForNonStaleAsync();

        await using var b = await web.OpenAsync(auditor, width: 390, height: 844);
        var requests = new List<string>();
        b.Page.Request += (_, request) => requests.Add(request.Url);
        await b.GoAsync($"/bao-cao/tra-soat?unit={branch}&nam=2024");
        await Expect(b.Page.Locator("#audit tbody tr").First).ToContainTextAsync("Chi đoàn Phòng Kế toán");
        Assert.Contains(requests, r => r.Contains($"/api/reports/audit/units/T{world.Tag}.DK.02.KT?year=2024", StringComparison.Ordinal));
        await b.ShotAsync("30-tra-soat-dien-thoai");
    }

    [Fact]
    public async Task A_problem_the_server_answers_in_framework_english_reaches_the_screen_in_vietnamese()
    {
        var world = await World.BuildAsync(web, units: 1);
        var auditor = await web.AccountAsync(world.Admin, "Phạm Thị Kiểm Toán", "Auditor", world.Bloc);
        await web.WaitForNonStaleAsync();

        await using var b = await web.OpenAsync(auditor);
        await b.Page.RouteAsync("**/api/reports/audit/units/**", route => route.FulfillAsync(new()
        {
            Status = 404, ContentType = "application/problem+json", Body = """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not Found","status":404}""",
        }));
        await b.GoAsync("/bao-cao/tra-soat?nam=2024");
        var error = b.Page.Locator("#filter .form-error");
        await Expect(error).ToContainTextAsync("Không tìm thấy dữ liệu cần xem");
        await Expect(b.Page.Locator("body")).Not.ToContainTextAsync("Not Found");

        await b.Page.UnrouteAllAsync();
        await b.Page.RouteAsync("**/api/reports/audit/units/**", route => route.FulfillAsync(new()
        {
            Status = 500, ContentType = "application/problem+json",
            Body = """{"title":"Internal Server Error","detail":"Npgsql.PostgresException: 42P01: relation does not exist","status":500}""",
        }));
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Xem lịch sử" }).ClickAsync();
        await Expect(error).ToContainTextAsync("Lỗi hệ thống; dữ liệu chưa được lưu.");
        await Expect(b.Page.Locator("body")).Not.ToContainTextAsync("Npgsql");
        await Expect(b.Page.Locator("body")).Not.ToContainTextAsync("Internal Server Error");
    }

    [Fact]
    public async Task The_overdue_view_names_each_unit_as_on_the_deadline_with_what_stands_for_it_today()
    {
        var world = await World.BuildAsync(web, units: 3);
        await world.BriefingWithTaskAsync("Hội nghị giao ban quý I, năm 2023", "Quý I/2023", "2023-03-31", "Đảm bảo 100% đoàn viên tải App Thanh niên Việt Nam",
            "2023-04-30");
        await ReorganiseAsync(world);
        await web.WaitForNonStaleAsync();

        await using var office = await web.OpenAsync(world.Office);
        await office.GoAsync("/nhiem-vu/qua-han");
        var rows = office.Page.Locator("#overdue tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(office.Page.Locator("#overdue tbody")).Not.ToContainTextAsync("không còn trực thuộc");
        await Expect(rows.Filter(new() { HasText = world.UnitNames[0] })).ToContainTextAsync("(nay trực thuộc Tỉnh đoàn Bà Rịa – Vũng Tàu)");
        await Expect(rows.Filter(new() { HasText = "Đoàn cơ sở Sở Tài chính(" })).ToContainTextAsync($"(nay là {Renamed})");
        await Expect(rows.Filter(new() { HasText = "Đoàn cơ sở Sở Y tế" })).ToContainTextAsync($"(đã hợp nhất 01/07/2025 vào {Renamed})");
        await office.ShotAsync("31-nhiem-vu-qua-han-sau-sap-xep");
    }
}
