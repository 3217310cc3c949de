using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoanPlatform.Web.Tests;

/// <summary>A newcomer's first screens: the overview shows what to act on, screens open on the latest year with data, empty pages say why.</summary>
public sealed class OverviewTests(WebFixture web) : IClassFixture<WebFixture>
{
    /// <summary>The 2024 scale with unit 1 published, unit 0's sheet submitted, a 2024 briefing without a notice and its task overdue for 3 units.</summary>
    private async Task<World> YearOfWorkAsync()
    {
        var world = await World.BuildAsync(web, units: 3);
        var scaleId = await EmulationTests.PrepareAsync(world);
        var url = $"/api/emulation/sheets/{world.Units[0]}/2024";
        var saved = await world.Admin.PostOkAsync($"{url}/self-assessment", new { version = 0, scaleId, entries = new object[]
        {
            new { conditionCode = "A1", value = 20m }, new { conditionCode = "A2", value = 1m, evidence = "Ảnh chụp màn hình App" }, new { conditionCode = "A3", value = 20m },
        } });
        var version = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
        await world.Admin.PostOkAsync($"{url}/submit", new { version });
        await world.BriefingWithTaskAsync("Hội nghị giao ban quý I, năm 2024", "Quý I/2024", "2024-03-29", "Hoàn thành đại hội chi đoàn nhiệm kỳ 2024–2027",
            "2024-04-30");
        await web.WaitForNonStaleAsync();
        return world;
    }

    [Fact]
    public async Task The_overview_shows_the_office_s_counts_to_act_on_and_each_leads_to_its_screen_on_the_latest_year()
    {
        var world = await YearOfWorkAsync();

        await using (var office = await web.OpenAsync(world.Office))
        {
            var page = office.Page;
            await office.GoAsync("/");
            var card = page.Locator($"section.overview[data-unit='{world.Bloc}']");
            await Expect(card.Locator("h2")).ToHaveTextAsync($"Việc cần xử lý — {World.BlocName}");
            await Expect(card.Locator("li").Nth(0)).ToContainTextAsync("3nhiệm vụ quá hạn chưa báo cáo hoàn thành");
            await Expect(card.Locator("li").Nth(1)).ToContainTextAsync("1bảng điểm đã nộp, chờ chấm");
            await Expect(card.Locator("li").Nth(2)).ToContainTextAsync("0đề nghị điều chỉnh điểm sau kiểm tra chờ duyệt");
            await Expect(card.Locator("li").Nth(2)).ToContainTextAsync("không có đề nghị chờ duyệt");
            await Expect(card.Locator("li").Nth(3)).ToContainTextAsync("1hội nghị chưa ban hành thông báo kết luận");
            await Expect(card).ToContainTextAsync("năm gần nhất có dữ liệu: 2024");
            await office.ShotAsync("32-tong-quan-viec-can-xu-ly");

            await card.GetByRole(AriaRole.Link, new() { Name = "hội nghị chưa ban hành thông báo kết luận" }).ClickAsync();
            await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true'");
            await Expect(page.GetByLabel("Năm")).ToHaveValueAsync("2024");
            await Expect(page.Locator("#meetings tbody")).ToContainTextAsync("Hội nghị giao ban quý I, năm 2024");
            await Expect(page.Locator("#meetings tbody")).ToContainTextAsync("Chưa ban hành");
        }

        await using var phone = await web.OpenAsync(world.Office, width: 390, height: 844);
        await phone.GoAsync("/");
        await Expect(phone.Page.Locator("section.overview li")).ToHaveCountAsync(4);
        await phone.ShotAsync("33-tong-quan-dien-thoai");
    }

    [Fact]
    public async Task Screens_open_on_the_latest_year_with_data_not_on_the_empty_current_year()
    {
        var world = await YearOfWorkAsync();

        await using var office = await web.OpenAsync(world.Office);
        foreach (var screen in new[] { "/hoi-nghi", "/thi-dua/xep-hang", "/kiem-tra", "/bao-cao" })
        {
            await office.GoAsync($"{screen}?unit={world.Bloc}");
            await Expect(office.Page.Locator("#year")).ToHaveValueAsync("2024");
        }
        await office.GoAsync($"/thi-dua/xep-hang?unit={world.Bloc}");
        await Expect(office.Page.Locator("#rankings")).ToContainTextAsync(world.UnitNames[1]);

        // A year asked for in the link stays, and its empty page says which years have data.
        await office.GoAsync($"/hoi-nghi?unit={world.Bloc}&nam=2022");
        await Expect(office.Page.GetByLabel("Năm")).ToHaveValueAsync("2022");
        await Expect(office.Page.Locator("#meetings tbody")).ToContainTextAsync("Chưa có hội nghị nào trong năm 2022. Đơn vị có dữ liệu các năm 2024: chọn một năm ở ô Năm.");
    }

    [Fact]
    public async Task The_score_sheet_of_the_unit_that_issues_the_scale_says_it_is_not_scored_and_what_to_do()
    {
        var world = await YearOfWorkAsync();

        await using var office = await web.OpenAsync(world.Office);
        await office.GoAsync($"/thi-dua?unit={world.Bloc}");
        await Expect(office.Page.GetByLabel("Năm")).ToHaveValueAsync("2024");
        var reason = office.Page.Locator("#no-scale");
        await Expect(reason).ToContainTextAsync($"{World.BlocName} ban hành thang điểm thi đua năm 2024 cho các đơn vị trực thuộc, nhưng bản thân đơn vị không được chấm");
        await Expect(reason).Not.ToContainTextAsync("Chưa có thang điểm thi đua nào được ban hành");
        await office.ShotAsync("34-thi-dua-don-vi-ban-hanh-thang-diem");

        await office.GoAsync($"/thi-dua?unit={world.Units[0]}&nam=2023");
        await Expect(reason).ToContainTextAsync($"Cấp trên của {world.UnitNames[0]} chưa công bố thang điểm thi đua năm 2023");
        await Expect(reason).ToContainTextAsync("Đơn vị có dữ liệu các năm 2024");

        await office.GoAsync($"/thi-dua?unit={world.Units[0]}");
        await Expect(office.Page.Locator("#sheet-area")).ToBeVisibleAsync();
    }
}
