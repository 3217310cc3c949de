using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DoanPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoanPlatform.Web.Tests;

public sealed class ReportsTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task The_office_downloads_the_yearly_review_through_the_page_and_the_workbook_holds_the_ranked_unit()
    {
        var world = await World.BuildAsync(web, units: 2);
        await EmulationTests.PrepareAsync(world);
        await web.WaitForNonStaleAsync();

        await using var office = await web.OpenAsync(world.Office);
        var page = office.Page;
        await office.GoAsync("/bao-cao");
        await page.GetByLabel("Đơn vị").SelectOptionAsync(new SelectOptionValue { Label = World.BlocName });
        await page.GetByLabel("Năm").FillAsync("2024");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Tải sổ tổng kết (.xlsx)" }).ClickAsync());

        Assert.Equal($"Tổng kết năm 2024 - {World.BlocName}.xlsx".Normalize(NormalizationForm.FormC), download.SuggestedFilename);
        await Expect(page.Locator("#progress-text")).ToContainTextAsync("Đã tải xong Tổng kết năm 2024");
        await office.ShotAsync("16-bao-cao-tong-ket-nam");

        var path = await download.PathAsync();
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var names = workbook.Workbook.Descendants<Sheet>().Select(s => s.Name!.Value!).ToList();
        Assert.Contains("Tổng hợp", names);
        Assert.Contains("Điểm chi tiết", names);
        var summary = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == "Tổng hợp");
        var rows = ((WorksheetPart)workbook.GetPartById(summary.Id!.Value!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text).ToList())
            .ToList();
        Assert.Contains(rows, r => r.Contains(World.BlocName));
        var ranked = Assert.Single(rows, r => r.Contains(world.UnitNames[1]));
        // Code, name, cluster, total, classification, rank, result.
        Assert.Equal([$"T{world.Tag}.DK.02", world.UnitNames[1], "Cụm thi đua các sở, ngành", "80", "Hoàn thành tốt nhiệm vụ", "1", "Đã công bố"], ranked[1..8]);
        Assert.Contains(rows, r => r.Contains(world.UnitNames[0]) && r.Contains("Chưa chấm"));
    }

    [Fact]
    public async Task The_yearly_review_of_a_unit_without_a_year_says_so_next_to_the_year()
    {
        var world = await World.BuildAsync(web, units: 1);
        await using var office = await web.OpenAsync(world.Office);
        await office.GoAsync("/bao-cao");
        await office.Page.GetByLabel("Năm").FillAsync("1999");
        await office.Page.GetByRole(AriaRole.Button, new() { Name = "Tải sổ tổng kết (.xlsx)" }).ClickAsync();
        await Expect(office.Page.Locator(".field-error[data-error-for='year']")).ToHaveTextAsync("Năm (year) phải từ 2000 đến 2100.");
        await Expect(office.Page.Locator("#progress")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task An_auditor_replays_a_unit_s_year_and_an_auditor_of_another_subtree_sees_none_of_it()
    {
        var world = await World.BuildAsync(web, units: 2);
        await world.Admin.PostOkAsync($"/api/organisation/units/{world.Units[1]}/rename", new
        {
            name = "Đoàn cơ sở Sở Tài chính – Kế hoạch", effectiveDate = "2024-07-01", reason = "Hợp nhất sở",
            decision = Api.DecisionOf("845-QĐ/TĐTN", "2024-06-20"),
        });
        var auditor = await web.AccountAsync(world.Admin, "Phạm Thị Kiểm Toán", "Auditor", world.Bloc);
        var foreignAuditor = await web.AccountAsync(world.Admin, "Võ Văn Giám Sát", "Auditor", world.District);
        await web.WaitForNonStaleAsync();

        await using (var b = await web.OpenAsync(auditor))
        {
            await b.GoAsync($"/bao-cao/tra-soat?unit={world.Units[1]}&nam=2024");
            var rename = b.Page.Locator("#audit tbody tr").Filter(new() { HasText = "845-QĐ/TĐTN" });
            await Expect(rename).ToHaveCountAsync(1);
            await Expect(rename).ToContainTextAsync("01/07/2024");
            await Expect(rename).ToContainTextAsync("Quản trị viên");
            await Expect(rename).ToContainTextAsync("Đoàn cơ sở Sở Tài chính – Kế hoạch");
            await b.ShotAsync("17-tra-soat-lich-su");

            var download = await b.Page.RunAndWaitForDownloadAsync(() => b.Page.GetByRole(AriaRole.Link, new() { Name = "Tải về (.xlsx)" }).ClickAsync());
            Assert.Equal($"Lịch sử Đoàn cơ sở Sở Tài chính – Kế hoạch (T{world.Tag}.DK.02) năm 2024.xlsx", download.SuggestedFilename);
            using (var document = SpreadsheetDocument.Open(await download.PathAsync(), false))
            {
                var sheet = Assert.Single(document.WorkbookPart!.Workbook.Descendants<Sheet>());
                Assert.Equal("Lịch sử", sheet.Name?.Value);
                var text = ((WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!.Value!)).Worksheet.InnerText;
                Assert.Contains("845-QĐ/TĐTN", text, StringComparison.Ordinal);
                Assert.Contains("Quản trị viên", text, StringComparison.Ordinal);
            }

            await b.Page.GetByLabel("Năm").FillAsync("2023");
            await b.Page.GetByRole(AriaRole.Button, new() { Name = "Xem lịch sử" }).ClickAsync();
            await Expect(b.Page.Locator("#audit tbody")).ToHaveTextAsync("Không có thay đổi nào trong năm 2023.");
        }

        await using var foreign = await web.OpenAsync(foreignAuditor);
        await foreign.GoAsync($"/bao-cao/tra-soat?unit={world.Units[1]}&nam=2024");
        var offered = await foreign.Page.Locator("#unit option").AllTextContentsAsync();
        Assert.Equal([World.DistrictName, World.CommuneName], offered.Select(o => o.Trim()));
        foreach (var name in world.UnitNames.Append(World.BlocName).Append("Đoàn cơ sở Sở Tài chính – Kế hoạch"))
            await Expect(foreign.Page.Locator("body")).Not.ToContainTextAsync(name);
        await Expect(foreign.Page.Locator("#audit tbody")).Not.ToContainTextAsync("845-QĐ/TĐTN");

        // The replay itself refuses a foreign unit, in Vietnamese.
        var refused = await foreign.Context.APIRequest.GetAsync($"/api/reports/audit/units/T{world.Tag}.DK.02?year=2024");
        Assert.Equal(403, refused.Status);
        Assert.Contains("quyền", await refused.TextAsync(), StringComparison.Ordinal);
    }
}
