using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoanPlatform.Web.Tests;

public sealed class EmulationTests(WebFixture web) : IClassFixture<WebFixture>
{
    private static readonly object Scale = TestScales.Bloc2024;

    private static async Task<Guid> IdOf(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    private static async Task<long> VersionOf(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();

    /// <summary>The bloc's 2024 scale published, one cluster with both units, the second unit scored, locked and published.</summary>
    internal static async Task<Guid> PrepareAsync(World world)
    {
        var admin = world.Admin;
        var scaleId = await IdOf(await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = world.Bloc, year = 2024, content = Scale }));
        await admin.PostOkAsync($"/api/emulation/scales/{scaleId}/publish", new { version = 1, effectiveDate = "2024-01-15" });
        var decision = Api.DecisionOf("15-QĐ/ĐTN", "2024-01-10");
        var cluster = await IdOf(await admin.PostOkAsync("/api/organisation/clusters", new
        {
            issuingUnitId = world.Bloc, year = 2024, name = "Cụm thi đua các sở, ngành", effectiveDate = "2024-01-10", decision,
        }));
        foreach (var unit in world.Units)
            await admin.PostOkAsync($"/api/organisation/clusters/{cluster}/members", new { unitId = unit, effectiveDate = "2024-01-10", decision });

        var url = $"/api/emulation/sheets/{world.Units[1]}/2024";
        var entries = new object[]
        {
            new { conditionCode = "A1", value = 30m }, new { conditionCode = "A2", value = 1m, evidence = "Ảnh chụp màn hình App" }, new { conditionCode = "A3", value = 30m },
        };
        var version = await VersionOf(await admin.PostOkAsync($"{url}/self-assessment", new { version = 0, scaleId, entries }));
        version = await VersionOf(await admin.PostOkAsync($"{url}/submit", new { version }));
        version = await VersionOf(await admin.PostOkAsync($"{url}/assessment", new { version, entries }));
        version = await VersionOf(await admin.PostOkAsync($"{url}/lock", new { version }));
        await admin.PostOkAsync($"{url}/publish", new { version });
        return scaleId;
    }

    [Fact]
    public async Task A_unit_self_assesses_with_an_evidence_file_the_office_assesses_side_by_side_and_the_cluster_ranking_changes()
    {
        var world = await World.BuildAsync(web, units: 2);
        await PrepareAsync(world);
        var secretary = await web.AccountAsync(world.Admin, "Trần Văn Bí Thư", "UnitSecretary", world.Units[0]);
        await web.WaitForNonStaleAsync();

        await using var office = await web.OpenAsync(world.Office);
        await office.GoAsync("/thi-dua/xep-hang?nam=2024");
        var ranking = office.Page.Locator("[data-cluster='Cụm thi đua các sở, ngành'] tbody tr");
        await Expect(ranking).ToHaveTextAsync([$"1{world.UnitNames[1]}8000Hoàn thành tốt nhiệm vụĐã công bố"]);

        // The secretary scores the unit's own sheet, attaches the evidence file, submits.
        await using (var unit = await web.OpenAsync(secretary))
        {
            var page = unit.Page;
            await unit.GoAsync("/thi-dua?nam=2024");
            await Expect(page.Locator("[data-fact='Tình trạng']")).ToHaveTextAsync("Chưa tự chấm");
            await page.GetByLabel("Tự chấm – A1", new() { Exact = true }).FillAsync("38");
            await page.GetByLabel("Ghi chú tự chấm – A1").FillAsync("Tổ chức 4 đợt học tập nghị quyết");
            await page.GetByLabel("Tự chấm – A3", new() { Exact = true }).FillAsync("35");
            await page.GetByLabel("Tự chấm – A2", new() { Exact = true }).SelectOptionAsync("1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu tự chấm" }).ClickAsync();
            await Expect(page.Locator(".field-error[data-error-for='self.A2.evidence']")).ToHaveTextAsync("Điều kiện A2 cần minh chứng.");

            await page.GetByLabel("Tự chấm – A2", new() { Exact = true }).SelectOptionAsync("");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu tự chấm" }).ClickAsync();
            await Expect(page.Locator("#sheet .flash")).ToHaveTextAsync("Đã lưu bản tự chấm.");
            await page.GetByLabel("Tệp minh chứng – A2").SetInputFilesAsync(new FilePayload
            {
                Name = "Kế hoạch 12-KH học tập chuyên đề.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("Kế hoạch học tập chuyên đề"),
            });
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Kế hoạch 12-KH học tập chuyên đề.pdf" })).ToBeVisibleAsync();
            await page.GetByLabel("Tự chấm – A2", new() { Exact = true }).SelectOptionAsync("1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu tự chấm" }).ClickAsync();
            await Expect(page.Locator("[data-fact='Tổng điểm']")).ToHaveTextAsync("93");
            await unit.ShotAsync("13-bang-diem-tu-cham");
            await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bản tự chấm" }).ClickAsync();
            await Expect(page.Locator("[data-fact='Tình trạng']")).ToHaveTextAsync("Đã nộp, chờ chấm");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Lưu tự chấm" })).ToBeHiddenAsync();
        }

        // The office sees the unit's values, notes and file next to its own assessment.
        await office.GoAsync($"/thi-dua?unit={world.Units[0]}&nam=2024");
        var sheet = office.Page;
        var a1 = sheet.Locator("tr[data-code=A1]");
        await Expect(a1).ToContainTextAsync("38");
        await Expect(a1).ToContainTextAsync("Tổ chức 4 đợt học tập nghị quyết");
        await Expect(sheet.Locator("tr[data-code=A2]").GetByRole(AriaRole.Link, new() { Name = "Kế hoạch 12-KH học tập chuyên đề.pdf" })).ToBeVisibleAsync();
        await sheet.GetByRole(AriaRole.Button, new() { Name = "Trả lại đơn vị" }).ClickAsync();
        await Expect(sheet.Locator(".field-error[data-error-for='reason']")).ToHaveTextAsync("Trả lại phải nêu lý do.");

        await sheet.GetByLabel("Chấm – A1", new() { Exact = true }).FillAsync("36");
        await sheet.GetByRole(AriaRole.Button, new() { Name = "Lưu chấm điểm" }).ClickAsync();
        await Expect(sheet.Locator(".field-error[data-error-for='assess.A1.comment']")).ToHaveTextAsync("Điểm chấm khác điểm tự chấm phải có nhận xét.");
        await sheet.GetByLabel("Nhận xét – A1").FillAsync("Thiếu biên bản đợt 4");
        await sheet.GetByRole(AriaRole.Button, new() { Name = "Lưu chấm điểm" }).ClickAsync();
        await Expect(sheet.Locator("[data-fact='Tình trạng']")).ToHaveTextAsync("Đã chấm");
        await Expect(sheet.Locator("[data-fact='Tổng điểm']")).ToHaveTextAsync("91");
        await Expect(sheet.Locator("[data-fact='Xếp loại']")).ToHaveTextAsync("Hoàn thành xuất sắc nhiệm vụ");
        await office.ShotAsync("14-bang-diem-cham-song-song");
        await sheet.GetByRole(AriaRole.Button, new() { Name = "Chốt điểm" }).ClickAsync();
        await Expect(sheet.Locator("[data-fact='Tình trạng']")).ToHaveTextAsync("Đã chốt điểm");
        await sheet.GetByRole(AriaRole.Button, new() { Name = "Công bố kết quả" }).ClickAsync();
        await Expect(sheet.Locator("[data-fact='Tình trạng']")).ToHaveTextAsync("Đã công bố");

        await web.WaitForNonStaleAsync();
        await office.GoAsync("/thi-dua/xep-hang?nam=2024");
        await Expect(ranking).ToHaveTextAsync([
            $"1{world.UnitNames[0]}9100Hoàn thành xuất sắc nhiệm vụĐã công bốCờ thi đua",
            $"2{world.UnitNames[1]}8000Hoàn thành tốt nhiệm vụĐã công bố",
        ]);
        await office.ShotAsync("15-xep-hang-cum");
    }

    [Fact]
    public async Task A_returned_self_assessment_shows_the_office_s_reason_to_the_unit()
    {
        var world = await World.BuildAsync(web, units: 2);
        var scaleId = await PrepareAsync(world);
        var url = $"/api/emulation/sheets/{world.Units[0]}/2024";
        var entries = new object[] { new { conditionCode = "A1", value = 20m }, new { conditionCode = "A2", value = 0m, evidence = "Không có" }, new { conditionCode = "A3", value = 20m } };
        var version = await VersionOf(await world.Admin.PostOkAsync($"{url}/self-assessment", new { version = 0, scaleId, entries }));
        await world.Admin.PostOkAsync($"{url}/submit", new { version });

        await using var office = await web.OpenAsync(world.Office);
        await office.GoAsync($"/thi-dua?unit={world.Units[0]}&nam=2024");
        await office.Page.GetByLabel("Lý do trả lại").FillAsync("Thiếu minh chứng cho điều kiện A2");
        await office.Page.GetByRole(AriaRole.Button, new() { Name = "Trả lại đơn vị" }).ClickAsync();
        await Expect(office.Page.Locator("[data-fact='Tình trạng']")).ToHaveTextAsync("Bị trả lại");
        await Expect(office.Page.Locator("#return-reason")).ToHaveTextAsync("Cấp trên trả lại: Thiếu minh chứng cho điều kiện A2");
        await Expect(office.Page.GetByLabel("Tự chấm – A1", new() { Exact = true })).ToHaveValueAsync("20");
    }
}
