using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoanPlatform.Web.Tests;

public sealed class TasksTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task A_secretary_reports_a_task_done_and_it_leaves_the_office_s_overdue_view()
    {
        var world = await World.BuildAsync(web, units: 3);
        await ConveneWithATaskAsync(world, "Hội nghị giao ban quý I, năm 2023", "Quý I/2023", "2023-03-31", new
        {
            version = 1, text = "Đảm bảo 100% đoàn viên tải App Thanh niên Việt Nam", scope = "AllInvited", deadline = "2023-04-30", target = "100% đoàn viên",
        });
        var secretary = await web.AccountAsync(world.Admin, "Trần Văn Bí Thư", "UnitSecretary", world.Units[0]);
        await web.WaitForNonStaleAsync();

        await using (var office = await web.OpenAsync(world.Office))
        {
            await office.GoAsync("/nhiem-vu/qua-han");
            await Expect(office.Page.Locator("#overdue-count")).ToHaveTextAsync("3 nhiệm vụ quá hạn");
            await Expect(office.Page.Locator("#overdue tbody tr").First).ToContainTextAsync("30/04/2023");
            await office.ShotAsync("27-nhiem-vu-qua-han");
        }

        await using (var unit = await web.OpenAsync(secretary))
        {
            var page = unit.Page;
            await unit.GoAsync("/nhiem-vu");
            var row = page.Locator("#tasks tbody tr");
            await Expect(row).ToContainTextAsync("Quá hạn");
            await row.GetByRole(AriaRole.Button, new() { Name = "Báo cáo" }).ClickAsync();
            var form = page.Locator("#report");
            await form.GetByLabel("Đã hoàn thành nhiệm vụ").CheckAsync();
            await form.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
            await Expect(form.Locator(".field-error[data-error-for='note']")).ToHaveTextAsync("Cần ghi minh chứng hoàn thành.");
            await form.GetByLabel("Nội dung báo cáo / minh chứng hoàn thành").FillAsync("100% đoàn viên đã tải App, danh sách kèm theo");
            await unit.ShotAsync("28-bao-cao-nhiem-vu");
            await form.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
            await Expect(row).ToContainTextAsync("Hoàn thành trễ hạn");
            await Expect(row).ToContainTextAsync("100% đoàn viên đã tải App, danh sách kèm theo");
        }

        await web.WaitForNonStaleAsync();
        await using (var office = await web.OpenAsync(world.Office))
        {
            await office.GoAsync("/nhiem-vu/qua-han");
            await Expect(office.Page.Locator("#overdue-count")).ToHaveTextAsync("2 nhiệm vụ quá hạn");
            await Expect(office.Page.Locator("#overdue tbody")).Not.ToContainTextAsync(world.UnitNames[0]);
        }
    }

    [Fact]
    public async Task A_report_shows_on_the_secretary_s_list_however_long_the_read_model_takes_to_catch_up()
    {
        var world = await World.BuildAsync(web, units: 2);
        await ConveneWithATaskAsync(world, "Hội nghị giao ban tháng 5", "Tháng 5/2023", "2023-05-31", new
        {
            version = 1, text = "Tổ chức ra quân Tháng Thanh niên", scope = "AllInvited", deadline = "2023-06-15",
        });
        var secretary = await web.AccountAsync(world.Admin, "Lê Thị Bí Thư", "UnitSecretary", world.Units[1]);
        await web.WaitForNonStaleAsync();

        await using var unit = await web.OpenAsync(secretary);
        var page = unit.Page;
        await unit.GoAsync("/nhiem-vu");
        var row = page.Locator("#tasks tbody tr");
        await Expect(row).ToContainTextAsync("Quá hạn");
        await row.GetByRole(AriaRole.Button, new() { Name = "Báo cáo" }).ClickAsync();
        var form = page.Locator("#report");
        await form.GetByLabel("Nội dung báo cáo / minh chứng hoàn thành").FillAsync("Đã ra quân ngày 10/6, 120 đoàn viên tham gia");
        await form.GetByLabel("Đã hoàn thành nhiệm vụ").CheckAsync();

        // A busy server: the read model sees the report only after longer than the page used to keep re-reading (about 5 s).
        await using (var open = await OpenTransaction.BeginAsync(web.ConnectionString))
        {
            await form.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
            await Expect(page.Locator(".catching-up")).ToHaveTextAsync("Đang cập nhật danh sách theo thay đổi vừa lưu…");
            await unit.ShotAsync("28b-nhiem-vu-dang-cap-nhat");
            await Task.Delay(TimeSpan.FromSeconds(7));
            await Expect(row).ToContainTextAsync("Quá hạn");
            await open.EndAsync();
        }

        await Expect(row).ToContainTextAsync("Hoàn thành trễ hạn");
        await Expect(row).ToContainTextAsync("Đã ra quân ngày 10/6, 120 đoàn viên tham gia");
        await Expect(page.Locator(".catching-up")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_secretary_sees_the_recommendations_an_inspection_left_the_unit_and_reports_one_done()
    {
        var world = await World.BuildAsync(web, units: 2);
        var plan = await world.IssuePlanAsync("08-KH/ĐTN");
        await world.Admin.PostOkAsync($"/api/inspections/plans/{plan}/inspections", new
        {
            version = 1, heldOn = "2024-10-16", place = "Trụ sở đơn vị",
            units = world.Units.Select((u, i) => new
            {
                unitId = u, reviews = Array.Empty<object>(),
                recommendations = new[] { new { text = i == 0 ? "Kiện toàn sổ sách đoàn viên" : "Bổ sung hồ sơ kết nạp", deadline = "2024-12-31" } },
            }),
        });
        var secretary = await web.AccountAsync(world.Admin, "Lê Thị Bí Thư", "UnitSecretary", world.Units[0]);
        await web.WaitForNonStaleAsync();

        await using var unit = await web.OpenAsync(secretary);
        var page = unit.Page;
        await unit.GoAsync("/nhiem-vu");
        var row = page.Locator("#recommendations tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Kiện toàn sổ sách đoàn viên");
        await Expect(row).ToContainTextAsync("31/12/2024");
        await Expect(page.Locator("#recommendations")).Not.ToContainTextAsync("Bổ sung hồ sơ kết nạp");
        await row.GetByRole(AriaRole.Button, new() { Name = "Báo cáo kiến nghị" }).ClickAsync();
        var form = page.Locator("#recommendation-report");
        await form.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo kiến nghị" }).ClickAsync();
        await Expect(form.Locator(".field-error[data-error-for='report']")).Not.ToBeEmptyAsync();
        await form.GetByLabel("Nội dung báo cáo thực hiện kiến nghị").FillAsync("Đã kiện toàn sổ đoàn viên, cập nhật đủ 45 đoàn viên");
        await form.GetByLabel("Đã thực hiện xong kiến nghị").CheckAsync();
        await unit.ShotAsync("22-bao-cao-kien-nghi");
        await form.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo kiến nghị" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Đã thực hiện");
        await Expect(row).ToContainTextAsync("Đã kiện toàn sổ đoàn viên, cập nhật đủ 45 đoàn viên");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
    }

    private static async Task ConveneWithATaskAsync(World world, string title, string period, string heldOn, object task)
    {
        var convened = await world.Admin.PostOkAsync("/api/meetings", new
        {
            kind = "Briefing", conveningUnitId = world.Bloc, title, period, heldOn,
            venue = "Vũng Tàu", chairs = new[] { new { name = "Nguyễn Đăng Khoa", title = "Bí thư" } },
        });
        var meeting = (await convened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await world.Admin.PostOkAsync($"/api/meetings/{meeting}/tasks", task);
    }
}
