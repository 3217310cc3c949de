using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DoanPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoanPlatform.Web.Tests;

public sealed class MeetingsTests(WebFixture web) : IClassFixture<WebFixture>
{
    private static async Task<Guid> ConveneAsync(World world, string heldOn = "2023-03-31")
    {
        var response = await world.Admin.PostOkAsync("/api/meetings", new
        {
            kind = "Briefing", conveningUnitId = world.Bloc, title = "Hội nghị giao ban công tác Đoàn quý I, năm 2023", period = "Quý I/2023", heldOn,
            venue = "Thành phố Vũng Tàu", chairs = new[] { new { name = "Nguyễn Đăng Khoa", title = "Bí thư Đoàn Khối" } },
        });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The 2023 Q2 notice of a 60-unit bloc; the tree writes one of its 11 excused units so that the name matches none.</summary>
    private static readonly string Notice = Path.Combine(RepositoryRoot(), "..", "shared", "samples", "notices", "2023-q2-giao-ban-doan-khoi.txt");

    private const string Unmatched = "Đoàn Sở Ngoại vụ";
    private const string TreeNameOfUnmatched = "Đoàn cơ quan Sở Ngoại vụ tỉnh";

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DoanPlatform.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No DoanPlatform.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The office's bloc with the 60 direct units the notice counts, named as the notice names its absentees but for one.</summary>
    private async Task<World> NoticeBlocAsync()
    {
        var world = await World.BuildAsync(web, units: 0);
        List<string> names =
        [
            "Đoàn Cơ quan Liên đoàn Lao động", "Đoàn Sở Kế hoạch và Đầu tư", TreeNameOfUnmatched, "Đoàn Sở Nông nghiệp và Phát triển nông thôn",
            "Đoàn Sở Tài chính", "Đoàn trường Cao đẳng Kỹ thuật Nguyễn Trường Tộ", "Đoàn trường Trung cấp Kỹ thuật Nông nghiệp",
            "Đoàn trường Trung cấp nghề Kỹ thuật – Nghiệp vụ Tôn Đức Thắng", "Chi đoàn Thanh tra", "Chi đoàn Cơ quan Hội Liên hiệp Phụ nữ",
            "Chi đoàn trường Trung cấp Thông tin và truyền thông",
        ];
        for (var i = names.Count; i < 60; i++)
            names.Add($"Chi đoàn cơ sở số {i + 1:00}");
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, _) =>
            await world.Admin.EstablishAsync($"T{world.Tag}.DK.N{i:00}", names[i], "Grassroots", world.Bloc, "2010-01-01", sector: "Agencies"));
        await web.WaitForNonStaleAsync();
        return world;
    }

    private static ILocator Row(IPage page, string unit) => page.Locator($"table.attendance tbody tr[aria-label=\"{unit}\"]");

    [Fact]
    public async Task A_clerk_convenes_a_briefing_of_sixty_units_and_records_its_attendance_from_the_keyboard()
    {
        var world = await World.BuildAsync(web, units: 60);
        await using var b = await web.OpenAsync(world.Office);
        var page = b.Page;
        await b.GoAsync("/hoi-nghi?nam=2023");
        await Expect(page.Locator("#meetings tbody")).ToHaveTextAsync("Chưa có hội nghị nào trong năm 2023.");

        var form = page.Locator("#convene");
        await form.GetByRole(AriaRole.Button, new() { Name = "Triệu tập" }).ClickAsync();
        await Expect(form.Locator(".field-error[data-error-for='title']")).ToHaveTextAsync("Cần tên hội nghị.");
        await Expect(form.Locator(".field-error[data-error-for='chairs']")).ToHaveTextAsync("Cần ít nhất một người chủ trì, có họ tên.");
        await form.GetByLabel("Tên hội nghị").FillAsync("Hội nghị giao ban công tác Đoàn và phong trào thanh niên quý I, năm 2023");
        await form.GetByLabel("Kỳ họp").FillAsync("Quý I/2023");
        await form.GetByLabel("Ngày họp").FillAsync("31/03/2023");
        await form.GetByLabel("Địa điểm").FillAsync("Hội trường Tỉnh ủy");
        await form.GetByLabel("Người chủ trì", new() { Exact = true }).FillAsync("Nguyễn Đăng Khoa");
        await form.GetByLabel("Chức vụ người chủ trì").FillAsync("Bí thư Đoàn Khối");
        await form.GetByRole(AriaRole.Button, new() { Name = "Triệu tập" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/hoi-nghi/[0-9a-f-]{36}$"));
        await Expect(page.Locator("#attendance-count")).ToHaveTextAsync("Đã điểm danh 0/60 · 0 dòng chưa lưu");

        // Keyboard only: P marks present and moves on; E asks for the reason; U marks an unexcused absence; Enter saves.
        var rows = page.Locator("table.attendance tbody tr");
        var names = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('aria-label'))");
        await rows.First.FocusAsync();
        await page.Keyboard.PressAsync("p");
        await page.Keyboard.PressAsync("e");
        await Expect(page.GetByLabel($"Lý do – {names[1]}")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");   // no reason yet: back to the grid, next row
        await page.Keyboard.PressAsync("u");
        for (var i = 3; i < 60; i++)
            await page.Keyboard.PressAsync("p");
        await Expect(page.Locator("#attendance-count")).ToHaveTextAsync("Đã điểm danh 60/60 · 60 dòng chưa lưu");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".field-error[data-error-for='row1.reason']")).ToHaveTextAsync("Vắng có phép phải có lý do.");
        await b.ShotAsync("08-diem-danh-loi");

        await page.GetByLabel($"Lý do – {names[1]}").FillAsync("Đi công tác tại Hà Nội");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#attendance .flash")).ToHaveTextAsync("Đã lưu điểm danh 60 dòng.");
        await Expect(page.Locator("[data-fact='Tham dự']")).ToHaveTextAsync("Có mặt 58/60 · vắng có phép 1 · vắng không phép 1");

        await page.ReloadAsync();
        await Expect(page.Locator("#attendance-count")).ToHaveTextAsync("Đã điểm danh 60/60 · 0 dòng chưa lưu");
        await Expect(Row(page, names[0]).Locator("button[aria-pressed=true]")).ToHaveTextAsync("Có mặt");
        await Expect(Row(page, names[1]).Locator("button[aria-pressed=true]")).ToHaveTextAsync("Vắng có phép");
        await Expect(page.GetByLabel($"Lý do – {names[1]}")).ToHaveValueAsync("Đi công tác tại Hà Nội");
        await Expect(Row(page, names[2]).Locator("button[aria-pressed=true]")).ToHaveTextAsync("Vắng không phép");
        await Expect(Row(page, names[59]).Locator("button[aria-pressed=true]")).ToHaveTextAsync("Có mặt");
        await b.ShotAsync("09-hoi-nghi-diem-danh");

        // A correction needs a reason, next to the row.
        await Row(page, names[2]).FocusAsync();
        await page.Keyboard.PressAsync("p");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".field-error[data-error-for='row2.reason']")).ToHaveTextAsync("Sửa điểm danh đã ghi phải nêu lý do.");

        await web.WaitForNonStaleAsync();
        await b.GoAsync("/hoi-nghi?nam=2023");
        await Expect(page.Locator("#meetings tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#meetings tbody tr")).ToContainTextAsync("58/60");
        await b.ShotAsync("10-danh-sach-hoi-nghi");
    }

    [Fact]
    public async Task Conclusions_and_tasks_are_written_the_notice_issued_and_its_docx_downloaded()
    {
        var world = await World.BuildAsync(web, units: 3);
        var id = await ConveneAsync(world);
        await using var b = await web.OpenAsync(world.Office);
        var page = b.Page;
        await b.GoAsync($"/hoi-nghi/{id}");

        var conclusions = page.Locator("#conclusions");
        await conclusions.GetByLabel("Số mục").FillAsync("2.1");
        await conclusions.GetByLabel("Tiêu đề").FillAsync("Ý kiến chỉ đạo của Thường trực");
        await conclusions.GetByLabel("Nội dung (mỗi dòng một ý)").FillAsync("Tăng cường nắm bắt tình hình đoàn viên.\nTổ chức tốt Tháng Thanh niên.");
        await conclusions.GetByRole(AriaRole.Button, new() { Name = "Thêm phần kết luận" }).ClickAsync();
        await conclusions.Locator("fieldset").Nth(1).GetByLabel("Tiêu đề").FillAsync("Đề xuất của cơ sở");
        await conclusions.GetByRole(AriaRole.Button, new() { Name = "Lưu kết luận" }).ClickAsync();
        await Expect(conclusions.Locator(".field-error[data-error-for='sections[1].items']")).ToHaveTextAsync("Mỗi mục kết luận phải có nội dung.");
        await conclusions.Locator("fieldset").Nth(1).GetByLabel("Nội dung (mỗi dòng một ý)").FillAsync("Hỗ trợ kinh phí cho chi đoàn khó khăn.");
        await conclusions.GetByRole(AriaRole.Button, new() { Name = "Lưu kết luận" }).ClickAsync();
        await Expect(conclusions.Locator(".flash")).ToHaveTextAsync("Đã lưu kết luận.");

        var task = page.Locator("#task");
        await task.GetByRole(AriaRole.Button, new() { Name = "Giao nhiệm vụ" }).ClickAsync();
        await Expect(task.Locator(".field-error[data-error-for='text']")).ToHaveTextAsync("Cần nội dung nhiệm vụ.");
        await task.GetByLabel("Nội dung nhiệm vụ").FillAsync("Đảm bảo 100% đoàn viên tải App Thanh niên Việt Nam");
        await task.GetByLabel("hoặc thời hạn như văn bản ghi").FillAsync("trong tháng 7");
        await task.GetByLabel("Chỉ tiêu").FillAsync("100% đoàn viên tải App");
        await task.GetByRole(AriaRole.Button, new() { Name = "Giao nhiệm vụ" }).ClickAsync();
        await Expect(page.Locator("#tasks tbody tr")).ToHaveTextAsync(
            ["Đảm bảo 100% đoàn viên tải App Thanh niên Việt NamTất cả đơn vị dự hội nghị31/07/2023 (trong tháng 7)100% đoàn viên tải App0/3"]);
        await task.GetByLabel("Nội dung nhiệm vụ").FillAsync("Báo cáo kết quả Tháng Thanh niên");
        await task.GetByLabel("Đơn vị thực hiện").SelectOptionAsync("Units");
        await task.GetByLabel(world.UnitNames[2]).CheckAsync();
        await task.GetByLabel("Thời hạn (ngày)").FillAsync("30/04/2023");
        await task.GetByRole(AriaRole.Button, new() { Name = "Giao nhiệm vụ" }).ClickAsync();
        await Expect(page.Locator("#tasks tbody tr").Nth(1)).ToContainTextAsync(world.UnitNames[2]);

        var notice = page.Locator("#notice");
        await notice.GetByLabel("Ngày ban hành").FillAsync("05/04/2023");
        await notice.GetByRole(AriaRole.Button, new() { Name = "Ban hành thông báo" }).ClickAsync();
        await Expect(notice.Locator(".field-error[data-error-for='place']")).ToHaveTextAsync("Cần địa danh (ví dụ: Vũng Tàu).");
        await notice.GetByLabel("Địa danh").FillAsync("Vũng Tàu");
        await notice.GetByRole(AriaRole.Button, new() { Name = "Ban hành thông báo" }).ClickAsync();
        await Expect(page.Locator("#notice-issued")).ToContainTextAsync("Đã ban hành Thông báo số 1-TB/ĐTN ngày 05/04/2023.");
        await Expect(page.Locator("#final-note")).ToBeVisibleAsync();
        // The issued record is read as a summary: the conclusions form is no longer shown, and its button stays disabled underneath.
        await Expect(page.Locator("#conclusions-section")).ToBeHiddenAsync();
        await Expect(conclusions.Locator("button[type=submit]")).ToBeDisabledAsync();
        await Expect(page.Locator("#issued-summary")).ToBeVisibleAsync();
        await b.ShotAsync("11-ket-luan-nhiem-vu-thong-bao");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải Thông báo kết luận (.docx)" }).ClickAsync());
        Assert.Equal("Thông báo kết luận 1-TB-ĐTN.docx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(path);
        using (var document = WordprocessingDocument.Open(path, false))
        {
            var text = string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
            Assert.Contains("Số: 1-TB/ĐTN", text, StringComparison.Ordinal);
            Assert.Contains("Tăng cường nắm bắt tình hình đoàn viên.", text, StringComparison.Ordinal);
            Assert.Contains("Hỗ trợ kinh phí cho chi đoàn khó khăn.", text, StringComparison.Ordinal);
            Assert.Contains("Đảm bảo 100% đoàn viên tải App Thanh niên Việt Nam", text, StringComparison.Ordinal);
        }
        File.Delete(path);
    }

    [Fact]
    public async Task Two_tabs_editing_the_conclusions_the_second_is_told_the_current_value_and_keeps_its_input()
    {
        var world = await World.BuildAsync(web, units: 2);
        var id = await ConveneAsync(world);
        await using var first = await web.OpenAsync(world.Office);
        await using var second = await web.OpenAsync(world.Office);
        await first.GoAsync($"/hoi-nghi/{id}");
        await second.GoAsync($"/hoi-nghi/{id}");

        await first.Page.GetByLabel("Nội dung (mỗi dòng một ý)").FillAsync("Kết luận do chị Lan ghi.");
        await first.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu kết luận" }).ClickAsync();
        await Expect(first.Page.Locator("#conclusions .flash")).ToHaveTextAsync("Đã lưu kết luận.");

        var items = second.Page.GetByLabel("Nội dung (mỗi dòng một ý)");
        await items.FillAsync("Kết luận do anh Minh ghi.");
        await second.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu kết luận" }).ClickAsync();
        var conflict = second.Page.Locator("#conclusions .conflict");
        await Expect(conflict).ToContainTextAsync("Người khác vừa thay đổi dữ liệu này; giá trị hiện tại là:");
        await Expect(conflict.Locator(".current-value")).ToHaveTextAsync("1. \n- Kết luận do chị Lan ghi.");
        await Expect(items).ToHaveValueAsync("Kết luận do anh Minh ghi.");
        await second.ShotAsync("12-xung-dot-409");

        await second.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu kết luận" }).ClickAsync();
        await Expect(second.Page.Locator("#conclusions .flash")).ToHaveTextAsync("Đã lưu kết luận.");
        var saved = await world.Admin.GetJsonAsync($"/api/meetings/{id}");
        Assert.Equal("Kết luận do anh Minh ghi.", saved.GetProperty("conclusions")[0].GetProperty("items")[0].GetString());
    }

    [Fact]
    public async Task An_old_notice_is_imported_with_its_unmatched_unit_chosen_by_hand_and_its_meeting_opens_with_the_attendance()
    {
        var world = await NoticeBlocAsync();
        await using var b = await web.OpenAsync(world.Office);
        var page = b.Page;
        await b.GoAsync($"/hoi-nghi?unit={world.Bloc}&nam=2023");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập thông báo kết luận cũ" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/hoi-nghi/nhap-thong-bao"));
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true'");
        var form = page.Locator("#import");
        await Expect(form.GetByLabel("Đơn vị triệu tập")).ToHaveValueAsync(world.Bloc.ToString());

        const string fileName = "Thông báo kết luận giao ban quý II-2023.txt";
        await form.GetByLabel("Tệp thông báo").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/plain", Buffer = await File.ReadAllBytesAsync(Notice) });
        await Expect(page.Locator("#file-name")).ToHaveTextAsync(fileName);
        await form.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();
        await Expect(page.Locator("[data-fact='Hội nghị']")).ToHaveTextAsync("Hội nghị giao ban Quý II/2023");
        await Expect(page.Locator("[data-fact='Ngày họp']")).ToHaveTextAsync("31/03/2023");
        await Expect(page.Locator("[data-fact='Điểm danh']")).ToHaveTextAsync("Có mặt 50/60 · vắng có phép 10 · vắng không phép 0");
        await Expect(page.Locator("#names tbody tr")).ToHaveCountAsync(11);
        await Expect(page.Locator("#names tr[data-written='Chi đoàn Thanh tra']")).ToContainTextAsync("Chi đoàn Thanh tra (tự khớp)");
        await Expect(page.Locator("#warnings")).ToContainTextAsync($"Không khớp \"{Unmatched}\": không có đơn vị trực thuộc nào mang tên này.");
        await Expect(page.Locator("#refusals")).ToContainTextAsync("1 tên đơn vị không khớp đúng một đơn vị trực thuộc");
        await Expect(page.Locator("#tasks")).ToContainTextAsync("Hạn 30/04/2023 – giao tất cả đơn vị được mời");

        // Importing with the name still unmatched is refused next to its choice, and writes nothing.
        await form.GetByRole(AriaRole.Button, new() { Name = "Nhập", Exact = true }).ClickAsync();
        await Expect(form.Locator($".field-error[data-error-for='matches[{Unmatched}]']")).ToHaveTextAsync("Chọn đơn vị ứng với tên này; chưa ghi gì.");
        await b.ShotAsync("23-nhap-thong-bao-xem-truoc");

        var choice = form.GetByLabel($"Đơn vị ứng với “{Unmatched}”");
        await Expect(choice.Locator("option")).ToHaveCountAsync(51);   // "— Chọn đơn vị —" and the 50 units no other name matched
        await choice.SelectOptionAsync(new SelectOptionValue { Label = TreeNameOfUnmatched });
        await Expect(page.Locator("[data-fact='Điểm danh']")).ToHaveTextAsync("Có mặt 49/60 · vắng có phép 11 · vắng không phép 0");
        await Expect(page.Locator("#refusals-box")).ToBeHiddenAsync();
        await Expect(choice).ToHaveValueAsync(new Regex("^[0-9a-f-]{36}$"));

        await form.GetByRole(AriaRole.Button, new() { Name = "Nhập", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/hoi-nghi/[0-9a-f-]{36}$"));
        await Expect(page.Locator("#meeting-title")).ToHaveTextAsync("Hội nghị giao ban Quý II/2023");
        await Expect(page.Locator("#attendance-count")).ToHaveTextAsync("Đã điểm danh 60/60 · 0 dòng chưa lưu");
        await Expect(page.Locator("[data-fact='Tham dự']")).ToHaveTextAsync("Có mặt 49/60 · vắng có phép 11 · vắng không phép 0");
        await Expect(Row(page, TreeNameOfUnmatched).Locator("button[aria-pressed=true]")).ToHaveTextAsync("Vắng có phép");
        await Expect(page.GetByLabel($"Lý do – {TreeNameOfUnmatched}")).ToHaveValueAsync("Theo thông báo kết luận");
        await Expect(Row(page, "Chi đoàn cơ sở số 12").Locator("button[aria-pressed=true]")).ToHaveTextAsync("Có mặt");
        await b.ShotAsync("24-hoi-nghi-da-nhap");

        var id = Guid.Parse(page.Url.Split('/')[^1]);
        var stored = await web.Store.QuerySession().Events.FetchStreamAsync(id);
        Assert.All(stored, e => Assert.Equal($"Nhập từ thông báo cũ: {fileName}", e.Metadata.Reason));
        Assert.All(stored, e => Assert.Equal("Nguyễn Thị Văn Phòng", e.Metadata.ActorName));
    }

    [Fact]
    public async Task A_report_of_briefings_cluster_by_cluster_shows_each_clusters_chair_and_why_the_kind_may_be_wrong()
    {
        var world = await World.BuildAsync(web, units: 3);
        await using var b = await web.OpenAsync(world.Office);
        var page = b.Page;
        await b.GoAsync($"/hoi-nghi/nhap-thong-bao?unit={world.Bloc}");
        var form = page.Locator("#import");
        // Our own text in the style of a provincial website's report.
        var report = System.Text.Encoding.UTF8.GetBytes("""
            Thứ Hai, 18/09/2023 08:00
            Giao ban công tác Đoàn tại các cụm thi đua năm 2023
            Ngày 14/9, tại hội trường Huyện đoàn Tân Hòa (Cụm thi đua số 1), Hội nghị do đồng chí Trương Công Định, Phó Bí thư Tỉnh đoàn, chủ trì; ngày 15/9, tại Cụm thi đua số 2 do đồng chí Bùi Thị Thu – Trưởng Ban Tuyên giáo Tỉnh đoàn chủ trì. Các cụm đã sơ kết công tác Đoàn 9 tháng đầu năm.
            Quang cảnh Hội nghị
            Kết luận Hội nghị, Thường trực Tỉnh đoàn đề nghị các cơ sở Đoàn thực hiện tốt các nhiệm vụ sau:
            - Hoàn thành tự chấm điểm thi đua năm 2023.
            Trả lời
            """);
        await form.GetByLabel("Tệp thông báo").SetInputFilesAsync(new FilePayload { Name = "giao ban cụm.txt", MimeType = "text/plain", Buffer = report });
        await form.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();

        var kind = page.Locator("[data-fact='Loại']");
        await Expect(kind).ToContainTextAsync("Giao ban cụm thi đua");
        await Expect(kind.Locator(".kind-warning")).ToContainTextAsync("chọn giao ban cụm thi đua (cụ thể hơn)");
        await Expect(page.Locator("[data-fact='Ngày họp']")).ToHaveTextAsync("14/09/2023 – 15/09/2023");
        var chairs = page.Locator("[data-fact='Chủ trì'] ul.chairs li");
        await Expect(chairs).ToHaveTextAsync(["Cụm thi đua số 1: Trương Công Định – Phó Bí thư Tỉnh đoàn", "Cụm thi đua số 2: Bùi Thị Thu – Trưởng Ban Tuyên giáo Tỉnh đoàn"]);
        await Expect(page.Locator("#warnings")).ToContainTextAsync("Ngày họp 14/9 không ghi năm: lấy năm 2023 của ngày đăng bài (18/09/2023).");
        await b.ShotAsync("27-nhap-bao-cao-giao-ban-cum");
    }

    [Fact]
    public async Task A_notice_file_that_cannot_be_read_is_refused_in_Vietnamese_next_to_the_file()
    {
        var world = await World.BuildAsync(web, units: 2);
        await using var b = await web.OpenAsync(world.Office);
        var page = b.Page;
        await b.GoAsync($"/hoi-nghi/nhap-thong-bao?unit={world.Bloc}");
        var form = page.Locator("#import");
        var error = form.Locator(".field-error[data-error-for='file']");

        await form.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();
        await Expect(error).ToHaveTextAsync("Chọn tệp thông báo (.txt hoặc .docx).");

        // The same notice saved by an old editor in a legacy 8-bit code page.
        var legacy = System.Text.Encoding.Latin1.GetBytes("THÔNG BÁO\nVề kết luận Hội nghị giao ban");
        await form.GetByLabel("Tệp thông báo").SetInputFilesAsync(new FilePayload { Name = "thông báo cũ.txt", MimeType = "text/plain", Buffer = legacy });
        await form.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();
        await Expect(error).ToHaveTextAsync("thông báo cũ.txt: không phải văn bản UTF-8 hợp lệ (byte lỗi ở vị trí 2); hãy lưu lại tệp với mã UTF-8.");
        await Expect(page.Locator("#preview")).ToBeHiddenAsync();
        await b.ShotAsync("25-nhap-thong-bao-loi");

        await form.GetByLabel("Tệp thông báo").SetInputFilesAsync(new FilePayload { Name = "lon.txt", MimeType = "text/plain", Buffer = new byte[2 * 1024 * 1024 + 1] });
        await form.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();
        await Expect(error).ToHaveTextAsync("Tệp quá lớn: tối đa 2 MB.");
    }

    [Fact]
    public async Task Invitations_are_edited_before_the_meeting_and_the_attendance_grid_follows_keeping_unsaved_marks()
    {
        var world = await World.BuildAsync(web, units: 4);
        var response = await world.Admin.PostOkAsync("/api/meetings", new
        {
            kind = "Briefing", conveningUnitId = world.Bloc, title = "Hội nghị giao ban quý II, năm 2023", period = "Quý II/2023", heldOn = "2023-06-30",
            venue = "Thành phố Vũng Tàu", chairs = new[] { new { name = "Nguyễn Đăng Khoa", title = "Bí thư Đoàn Khối" } },
            invitedUnits = world.Units[..3],
        });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await using var b = await web.OpenAsync(world.Office);
        var page = b.Page;
        await b.GoAsync($"/hoi-nghi/{id}");
        var rows = page.Locator("table.attendance tbody tr");
        await Expect(rows).ToHaveCountAsync(3);

        // An unsaved mark in the grid survives the change of invitations.
        await Row(page, world.UnitNames[0]).FocusAsync();
        await page.Keyboard.PressAsync("p");
        var invitations = page.Locator("#invitations");
        await invitations.GetByRole(AriaRole.Button, new() { Name = "Lưu danh sách mời" }).ClickAsync();
        await Expect(invitations.Locator(".flash")).ToHaveTextAsync("Không có thay đổi nào để lưu.");
        await invitations.Locator("#more-units").GetByLabel(world.UnitNames[3]).CheckAsync();
        await invitations.Locator("#invited-units").GetByLabel(world.UnitNames[2]).CheckAsync();
        await invitations.GetByRole(AriaRole.Button, new() { Name = "Lưu danh sách mời" }).ClickAsync();
        await Expect(invitations.Locator(".flash")).ToHaveTextAsync("Đã lưu danh sách mời: thêm 1, bỏ 1 đơn vị.");
        await Expect(rows).ToHaveCountAsync(3);
        Assert.Equal([world.UnitNames[0], world.UnitNames[3], world.UnitNames[1]],   // Chi đoàn …, Đoàn cơ sở Sở Giáo dục …, Đoàn cơ sở Sở Tài chính
            await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('aria-label'))"));
        await Expect(page.Locator("#attendance-count")).ToHaveTextAsync("Đã điểm danh 1/3 · 1 dòng chưa lưu");
        await Expect(Row(page, world.UnitNames[0]).Locator("button[aria-pressed=true]")).ToHaveTextAsync("Có mặt");
        await Expect(invitations.Locator("#more-units")).ToHaveTextAsync(world.UnitNames[2]);

        // Once a unit's attendance is recorded it can no longer be taken off the list.
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu điểm danh" }).ClickAsync();
        await Expect(page.Locator("#attendance .flash")).ToHaveTextAsync("Đã lưu điểm danh 1 dòng.");
        await Expect(invitations.Locator("#invited-units").GetByLabel(world.UnitNames[0])).ToBeDisabledAsync();
        await Expect(invitations.Locator("#invited-units label").First).ToHaveTextAsync($"{world.UnitNames[0]} (đã điểm danh)");
        await b.ShotAsync("26-danh-sach-moi");

        var saved = await world.Admin.GetJsonAsync($"/api/meetings/{id}");
        Assert.Equal([world.UnitNames[0], world.UnitNames[3], world.UnitNames[1]],
            saved.GetProperty("attendance").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Invitations_changed_meanwhile_are_a_409_with_the_current_list_and_the_clerks_choice_kept()
    {
        var world = await World.BuildAsync(web, units: 3);
        var id = await ConveneAsync(world);
        await using var b = await web.OpenAsync(world.Office);
        var page = b.Page;
        await b.GoAsync($"/hoi-nghi/{id}");
        await world.Admin.PostOkAsync($"/api/meetings/{id}/invitations", new { version = 1, remove = new[] { world.Units[2] } });

        var invitations = page.Locator("#invitations");
        var choice = invitations.Locator("#invited-units").GetByLabel(world.UnitNames[1]);
        await choice.CheckAsync();
        await invitations.GetByRole(AriaRole.Button, new() { Name = "Lưu danh sách mời" }).ClickAsync();
        var conflict = invitations.Locator(".conflict");
        await Expect(conflict).ToContainTextAsync("Người khác vừa thay đổi dữ liệu này; giá trị hiện tại là:");
        await Expect(conflict.Locator(".current-value")).ToHaveTextAsync($"{world.UnitNames[0]}\n{world.UnitNames[1]}");
        await Expect(choice).ToBeCheckedAsync();

        await invitations.GetByRole(AriaRole.Button, new() { Name = "Lưu danh sách mời" }).ClickAsync();
        await Expect(invitations.Locator(".flash")).ToHaveTextAsync("Đã lưu danh sách mời: thêm 0, bỏ 1 đơn vị.");
        await Expect(page.Locator("table.attendance tbody tr")).ToHaveCountAsync(1);
    }
}
