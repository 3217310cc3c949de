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
        var convened = await world.Admin.PostOkAsync("/api/meetings", new
        {
            kind = "Briefing", conveningUnitId = world.Bloc, title = "Hội nghị giao ban quý I, năm 2023", period = "Quý I/2023", heldOn = "2023-03-31",
            venue = "Vũng Tàu", chairs = new[] { new { name = "Nguyễn Đăng Khoa", title = "Bí thư" } },
        });
        var meeting = (await convened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await world.Admin.PostOkAsync($"/api/meetings/{meeting}/tasks", new
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
            await office.ShotAsync("16-nhiem-vu-qua-han");
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
            await unit.ShotAsync("17-bao-cao-nhiem-vu");
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
}
