using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DoanPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoanPlatform.Web.Tests;

public sealed class InspectionsTests(WebFixture web) : IClassFixture<WebFixture>
{
    private static async Task<long> VersionOf(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();

    /// <summary>The unit's 2024 sheet self-assessed and assessed at 80 points (A2, which requires evidence, counts 20) and left open.</summary>
    private static async Task AssessAsync(World world, Guid scaleId, Guid unit)
    {
        var url = $"/api/emulation/sheets/{unit}/2024";
        var entries = new object[]
        {
            new { conditionCode = "A1", value = 30m }, new { conditionCode = "A2", value = 1m, evidence = "Ảnh chụp màn hình App" }, new { conditionCode = "A3", value = 30m },
        };
        var version = await VersionOf(await world.Admin.PostOkAsync($"{url}/self-assessment", new { version = 0, scaleId, entries }));
        version = await VersionOf(await world.Admin.PostOkAsync($"{url}/submit", new { version }));
        await world.Admin.PostOkAsync($"{url}/assessment", new { version, entries });
    }

    [Fact]
    public async Task An_office_clerk_issues_a_plan_records_findings_approves_and_declines_adjustments_and_the_unit_s_score_changes()
    {
        var world = await World.BuildAsync(web, units: 2);
        var scaleId = await EmulationTests.PrepareAsync(world);
        await AssessAsync(world, scaleId, world.Units[0]);
        var inspector = await web.AccountAsync(world.Admin, "Phạm Văn Kiểm Tra", "Inspector", world.Bloc);
        await web.WaitForNonStaleAsync();
        var (inspected, published) = (world.UnitNames[0], world.UnitNames[1]);

        await using var office = await web.OpenAsync(world.Office);
        var page = office.Page;
        await office.GoAsync($"/thi-dua?unit={world.Units[0]}&nam=2024");
        await Expect(page.Locator("[data-fact='Tổng điểm']")).ToHaveTextAsync("80");

        // The plan: refused in Vietnamese next to each field first, then issued.
        await office.GoAsync("/kiem-tra?nam=2024");
        await Expect(page.Locator("#plans tbody")).ToHaveTextAsync("Chưa có kế hoạch kiểm tra nào trong năm 2024.");
        var form = page.Locator("#issue");
        await form.GetByLabel("Trưởng đoàn kiểm tra (tên đăng nhập)").FillAsync("khong.co.ai");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lập kế hoạch" }).ClickAsync();
        await Expect(form.Locator(".field-error[data-error-for='headAccountId']")).ToHaveTextAsync("Không có tài khoản có tên đăng nhập \"khong.co.ai\".");
        await form.GetByLabel("Trưởng đoàn kiểm tra (tên đăng nhập)").FillAsync(inspector);
        await form.GetByRole(AriaRole.Button, new() { Name = "Lập kế hoạch" }).ClickAsync();
        await Expect(form.Locator(".field-error[data-error-for='numberSymbol']")).ToHaveTextAsync("Cần số ký hiệu kế hoạch (vd. 05-KH/ĐTN).");
        await Expect(form.Locator(".field-error[data-error-for='unitIds']")).ToHaveTextAsync("Kế hoạch phải có ít nhất một đơn vị được kiểm tra.");
        await Expect(form.Locator(".field-error[data-error-for='topics']")).ToHaveTextAsync("Kế hoạch phải có nội dung kiểm tra.");
        await Expect(form.GetByLabel("Trưởng đoàn kiểm tra (tên đăng nhập)")).ToHaveValueAsync(inspector);
        await office.ShotAsync("18-kiem-tra-loi-nhap-lieu");

        await form.GetByLabel("Số ký hiệu kế hoạch").FillAsync("12-KH/ĐTN");
        await form.GetByLabel("Ngày ban hành").FillAsync("01/10/2024");
        await form.GetByLabel("Kiểm tra từ ngày").FillAsync("01/10/2024");
        await form.GetByLabel("đến ngày").FillAsync("31/12/2024");
        await form.GetByLabel(inspected).CheckAsync();
        await form.GetByLabel(published).CheckAsync();
        await form.GetByLabel("A2. Đoàn viên học 02 chuyên đề trên App Thanh niên Việt Nam").CheckAsync();
        await form.GetByLabel("Nội dung kiểm tra khác (mỗi dòng một nội dung)").FillAsync("Thực hiện các cuộc thi do Đoàn cấp trên chỉ đạo");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lập kế hoạch" }).ClickAsync();
        await Expect(page.Locator("#plan-title")).ToHaveTextAsync("Kế hoạch kiểm tra số 12-KH/ĐTN");
        await Expect(page.Locator("[data-fact='Trưởng đoàn']")).ToHaveTextAsync("Phạm Văn Kiểm Tra");
        await Expect(page.Locator("[data-fact='Thời gian kiểm tra']")).ToHaveTextAsync("01/10/2024 – 31/12/2024");

        // Findings of one unit: rejected evidence needs a comment; with it, the rejection proposes voiding the self-assessed A2.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Ghi kết quả kiểm tra – {inspected}" }).ClickAsync();
        var findings = page.Locator("#findings");
        var a2 = findings.Locator("fieldset.review[data-topic='A2']");
        await a2.GetByLabel("Kết luận về minh chứng").SelectOptionAsync("Rejected");
        await a2.GetByLabel("Giải trình của đơn vị").FillAsync("Đoàn viên mới chuyển sinh hoạt chưa kịp học");
        await findings.GetByLabel("Kiến nghị 1").FillAsync("Rà soát, đôn đốc đoàn viên học tập trên App Thanh niên Việt Nam");
        await findings.GetByLabel("Thời hạn thực hiện").FillAsync("31/12/2024");
        await findings.GetByRole(AriaRole.Button, new() { Name = "Lưu kết quả kiểm tra" }).ClickAsync();
        await Expect(findings.Locator(".field-error[data-error-for='review0.comment']"))
            .ToHaveTextAsync("Không chấp nhận (hoặc chấp nhận một phần) minh chứng phải nêu nhận xét.");
        await a2.GetByLabel("Nhận xét").FillAsync("Không có danh sách đoàn viên hoàn thành");
        await findings.GetByRole(AriaRole.Button, new() { Name = "Lưu kết quả kiểm tra" }).ClickAsync();
        await Expect(findings).ToBeHiddenAsync();
        var unitRow = page.Locator($"#units tr[data-unit='{inspected}']");
        await Expect(unitRow).ToContainTextAsync("A2: Không chấp nhận (01/10/2024)Nhận xét: Không có danh sách đoàn viên hoàn thành");
        await Expect(unitRow).ToContainTextAsync("Rà soát, đôn đốc đoàn viên học tập trên App Thanh niên Việt Nam (hạn 31/12/2024)");
        // The deadline has passed on the real calendar: the recommendation is overdue until the unit reports it done.
        var followUp = page.Locator("#follow-up tbody tr");
        await Expect(followUp).ToContainTextAsync(["Quá hạn"]);
        await followUp.GetByLabel("Báo cáo thực hiện – Rà soát, đôn đốc đoàn viên học tập trên App Thanh niên Việt Nam").FillAsync("Đã rà soát 120/120 đoàn viên");
        await followUp.GetByLabel("Đã hoàn thành").CheckAsync();
        await followUp.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await Expect(followUp).ToContainTextAsync(["Đã hoàn thành"]);
        await Expect(followUp).ToContainTextAsync(["Đã rà soát 120/120 đoàn viên"]);
        var voiding = page.Locator($"#adjustments tr[data-adjustment='{inspected} A2']");
        await Expect(voiding).ToContainTextAsync("Minh chứng không được chấp nhận khi kiểm tra ngày 01/10/2024: Không có danh sách đoàn viên hoàn thành");
        await Expect(voiding.Locator(".status")).ToContainTextAsync("Chờ duyệt");

        // A proposal by hand for the other unit, declined: a reason is required.
        var propose = page.Locator("#propose");
        await propose.GetByLabel("Đơn vị").SelectOptionAsync(new SelectOptionValue { Label = published });
        await propose.GetByLabel("Mã điều kiện chấm").FillAsync("A3");
        await propose.GetByLabel("Giá trị mới").FillAsync("20");
        await propose.GetByLabel("Lý do").FillAsync("Chưa tham gia cuộc thi tìm hiểu lịch sử Đoàn");
        await propose.GetByRole(AriaRole.Button, new() { Name = "Đề xuất điều chỉnh" }).ClickAsync();
        var declined = page.Locator($"#adjustments tr[data-adjustment='{published} A3']");
        await Expect(declined.Locator(".status")).ToContainTextAsync("Chờ duyệt");
        await declined.GetByRole(AriaRole.Button, new() { Name = $"Từ chối – {published} A3" }).ClickAsync();
        await Expect(declined.Locator(".field-error[data-error-for='reason']")).ToHaveTextAsync("Từ chối đề xuất điều chỉnh phải nêu lý do.");
        await declined.GetByLabel($"Lý do từ chối – {published} A3").FillAsync("Đơn vị đã nộp giấy chứng nhận tham gia");
        await declined.GetByRole(AriaRole.Button, new() { Name = $"Từ chối – {published} A3" }).ClickAsync();
        await Expect(declined.Locator(".status")).ToContainTextAsync("Đã từ chốiĐơn vị đã nộp giấy chứng nhận tham gia");

        // The approval goes to Emulation, which applies it: the ledger says so and the unit's total drops by A2's 20 points.
        await voiding.GetByRole(AriaRole.Button, new() { Name = $"Duyệt – {inspected} A2" }).ClickAsync();
        await Expect(voiding.Locator(".status")).ToContainTextAsync("Đã áp dụng vào điểm thi đua");
        await office.ShotAsync("19-ke-hoach-kiem-tra");

        // The conclusion, numbered from the bloc's notice register, downloaded and read back.
        var conclusion = page.Locator("#conclusion");
        await conclusion.GetByLabel("Ngày ban hành").FillAsync("25/10/2024");
        await conclusion.GetByLabel("Địa danh").FillAsync("Bà Rịa – Vũng Tàu");
        await conclusion.GetByLabel("Người ký", new() { Exact = true }).FillAsync("Nguyễn Trọng Nhân");
        await conclusion.GetByRole(AriaRole.Button, new() { Name = "Ban hành kết luận" }).ClickAsync();
        await Expect(page.Locator("#conclusion-number")).ToHaveTextAsync("1-TB/ĐTN");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Ghi kết quả kiểm tra – {inspected}" })).ToHaveCountAsync(0);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải Thông báo kết luận kiểm tra (.docx)" }).ClickAsync());
        Assert.Equal("Thông báo kết luận kiểm tra 1-TB-ĐTN.docx", download.SuggestedFilename);
        using (var document = WordprocessingDocument.Open(await download.PathAsync(), false))
        {
            var text = string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
            Assert.Contains("1-TB/ĐTN", text, StringComparison.Ordinal);
            Assert.Contains("Rà soát, đôn đốc đoàn viên học tập trên App Thanh niên Việt Nam", text, StringComparison.Ordinal);
        }

        await web.WaitForNonStaleAsync();
        await office.GoAsync("/kiem-tra?nam=2024");
        await Expect(page.Locator("#plans tbody tr")).ToHaveTextAsync([
            "12-KH/ĐTNban hành 01/10/2024Đoàn viên học 02 chuyên đề trên App Thanh niên Việt Nam; Thực hiện các cuộc thi do Đoàn cấp trên chỉ đạo"
            + "01/10/2024 – 31/12/20242Đã kết luận1-TB/ĐTN (25/10/2024)",
        ]);
        await office.ShotAsync("20-danh-sach-ke-hoach-kiem-tra");
        await page.GetByRole(AriaRole.Link, new() { Name = "12-KH/ĐTN" }).ClickAsync();
        await page.Locator($"#adjustments tr[data-adjustment='{inspected} A2']").GetByRole(AriaRole.Link, new() { Name = "Xem bảng điểm" }).ClickAsync();
        await Expect(page.Locator("[data-fact='Tổng điểm']")).ToHaveTextAsync("60");
    }

    [Fact]
    public async Task An_account_outside_the_scope_sees_no_foreign_plan()
    {
        var world = await World.BuildAsync(web, units: 1);
        var plan = await world.IssuePlanAsync("07-KH/ĐTN");
        var district = await web.AccountAsync(world.Admin, "Võ Thị Huyện Đoàn", "OfficeStaff", world.District);
        await web.WaitForNonStaleAsync();

        await using (var own = await web.OpenAsync(world.Office))
        {
            await own.GoAsync("/kiem-tra?nam=2024");
            await Expect(own.Page.Locator("#plans tbody tr")).ToHaveCountAsync(1);
        }

        await using var foreign = await web.OpenAsync(district);
        var page = foreign.Page;
        await foreign.GoAsync($"/kiem-tra?unit={world.Bloc}&nam=2024");
        await Expect(page.Locator("#unit option")).ToHaveCountAsync(2);
        await Expect(page.Locator("#unit")).Not.ToContainTextAsync(World.BlocName);
        await Expect(page.Locator("#plans tbody")).ToHaveTextAsync("Chưa có kế hoạch kiểm tra nào trong năm 2024.");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("07-KH/ĐTN");
        await Expect(page.Locator("#issue")).Not.ToContainTextAsync(world.UnitNames[0]);
        await foreign.GoAsync($"/kiem-tra/{plan}");
        await Expect(page.Locator("#page-message")).ToContainTextAsync("Không có quyền");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("07-KH/ĐTN");
        await foreign.ShotAsync("21-kiem-tra-ngoai-pham-vi");
    }
}
