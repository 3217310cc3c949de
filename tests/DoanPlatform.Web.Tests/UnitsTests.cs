using DoanPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoanPlatform.Web.Tests;

public sealed class UnitsTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task The_tree_as_of_a_date_shows_the_names_of_that_date_and_a_unit_page_its_officials_and_history()
    {
        var world = await World.BuildAsync(web, units: 3);
        await world.Admin.PostOkAsync($"/api/organisation/units/{world.Units[1]}/rename", new
        {
            name = "Đoàn cơ sở Sở Tài chính – Kế hoạch", effectiveDate = "2024-07-01", reason = "Hợp nhất sở",
            decision = Api.DecisionOf("845-QĐ/TĐTN", "2024-06-20"),
        });
        await world.Admin.PostOkAsync($"/api/organisation/units/{world.Units[1]}/officials", new
        {
            personName = "Lê Thị Hồng Nhung", position = "Secretary", term = "2022–2027", effectiveDate = "2022-09-15",
            decision = Api.DecisionOf("120-QĐ/TĐTN", "2022-09-10"),
        });
        await web.WaitForNonStaleAsync();

        await using var b = await web.OpenAsync(world.Office);
        await b.GoAsync("/don-vi?ngay=2024-06-30");
        var tree = b.Page.Locator("#tree");
        await Expect(tree.GetByRole(AriaRole.Link, new() { Name = "Đoàn cơ sở Sở Tài chính", Exact = true })).ToBeVisibleAsync();
        await Expect(b.Page.Locator("#tree-count")).ToHaveTextAsync("4 đơn vị vào ngày 30/06/2024");

        await b.Page.GetByLabel("Cây đơn vị vào ngày").FillAsync("01/07/2024");
        await b.Page.GetByLabel("Cây đơn vị vào ngày").PressAsync("Enter");
        await Expect(tree.GetByRole(AriaRole.Link, new() { Name = "Đoàn cơ sở Sở Tài chính – Kế hoạch" })).ToBeVisibleAsync();
        await Expect(b.Page.Locator("#tree-count")).ToHaveTextAsync("4 đơn vị vào ngày 01/07/2024");
        await b.ShotAsync("03-cay-don-vi");

        await b.Page.GetByLabel("Tìm đơn vị").FillAsync("y tế");
        await Expect(tree.GetByRole(AriaRole.Link, new() { Name = "Đoàn cơ sở Sở Y tế" })).ToBeVisibleAsync();
        await Expect(tree.GetByRole(AriaRole.Link, new() { Name = "Chi đoàn Văn phòng Tỉnh ủy" })).ToBeHiddenAsync();
        await b.Page.GetByLabel("Tìm đơn vị").FillAsync("");

        await tree.GetByRole(AriaRole.Link, new() { Name = "Đoàn cơ sở Sở Tài chính – Kế hoạch" }).ClickAsync();
        await Expect(b.Page.Locator("#unit-name")).ToHaveTextAsync("Đoàn cơ sở Sở Tài chính – Kế hoạch");
        await Expect(b.Page.Locator("#officials tbody tr")).ToHaveTextAsync(["Lê Thị Hồng NhungBí thư2022–202715/09/2022"]);
        var history = b.Page.Locator("#history tbody tr");
        await Expect(history).ToHaveCountAsync(2);
        await Expect(history.Nth(1)).ToContainTextAsync("01/07/2024");
        await Expect(history.Nth(1)).ToContainTextAsync("845-QĐ/TĐTN ngày 20/06/2024");
        await Expect(history.Nth(1)).ToContainTextAsync("Hợp nhất sở");
        await Expect(b.Page.Locator("#breadcrumb")).ToHaveTextAsync($"{World.BlocName} › Đoàn cơ sở Sở Tài chính – Kế hoạch");
        await b.ShotAsync("04-trang-don-vi");

        await b.Page.GetByLabel("Xem vào ngày").FillAsync("01/01/2022");
        await b.Page.GetByLabel("Xem vào ngày").PressAsync("Enter");
        await Expect(b.Page.Locator("#officials tbody")).ToHaveTextAsync("Chưa có cán bộ nào vào ngày 01/01/2022.");
        await b.Page.GetByLabel("Xem vào ngày").FillAsync("31/02/2022");
        await b.Page.GetByLabel("Xem vào ngày").PressAsync("Enter");
        await Expect(b.Page.Locator(".field-error[data-error-for='asOf']")).ToHaveTextAsync("Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2023.");
    }

    [Fact]
    public async Task The_tree_fits_a_phone_with_the_menu_folded()
    {
        var world = await World.BuildAsync(web, units: 3);
        await using var b = await web.OpenAsync(world.Office, width: 390, height: 844);
        await b.GoAsync("/don-vi");
        await Expect(b.Page.Locator("#nav")).ToBeHiddenAsync();
        await Expect(b.Page.Locator("#tree").GetByRole(AriaRole.Link, new() { Name = "Đoàn cơ sở Sở Y tế" })).ToBeVisibleAsync();
        var overflowing = await b.Page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '.' + e.className + '#' + e.id)");
        Assert.True(overflowing.Length == 0, "wider than a phone: " + string.Join(", ", overflowing));
        await b.ShotAsync("05-cay-don-vi-dien-thoai");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "☰ Danh mục" }).ClickAsync();
        await Expect(b.Page.Locator("#nav")).ToBeVisibleAsync();
        await b.ShotAsync("06-danh-muc-dien-thoai");
    }

    [Fact]
    public async Task An_account_outside_a_unit_s_scope_sees_no_foreign_unit_in_the_tree_by_address_or_in_the_pickers()
    {
        var world = await World.BuildAsync(web, units: 2);
        await using var b = await web.OpenAsync(world.Office);
        await b.GoAsync("/don-vi");
        var tree = b.Page.Locator("#tree");
        await Expect(tree.GetByRole(AriaRole.Link)).ToHaveTextAsync([World.BlocName, world.UnitNames[0], world.UnitNames[1]]);
        foreach (var foreign in new[] { World.DistrictName, World.CommuneName, "Tỉnh đoàn Bà Rịa – Vũng Tàu" })
            await Expect(b.Page.Locator("body")).Not.ToContainTextAsync(foreign);

        await b.GoAsync($"/don-vi/{world.Commune}");
        await Expect(b.Page.Locator("#page-message")).ToContainTextAsync("Không có quyền");
        await Expect(b.Page.Locator("body")).Not.ToContainTextAsync(World.CommuneName);
        await b.ShotAsync("07-khong-co-quyen");

        await b.GoAsync($"/don-vi/{world.Bloc}");
        // The units above the granted one are not offered (its own history still says where it was established).
        await Expect(b.Page.Locator("#breadcrumb")).ToHaveTextAsync(World.BlocName);
        await Expect(b.Page.Locator($"a[href^='/don-vi/{world.Province}']")).ToHaveCountAsync(0);

        foreach (var screen in new[] { "/hoi-nghi", "/nhiem-vu", "/nhiem-vu/qua-han", "/thi-dua", "/thi-dua/xep-hang", "/bao-cao" })
        {
            await b.GoAsync(screen);
            var offered = await b.Page.Locator("select[data-unit-picker] option").AllTextContentsAsync();
            Assert.NotEmpty(offered);
            Assert.All(offered, name => Assert.Contains(name.Trim(), new[] { World.BlocName, world.UnitNames[0], world.UnitNames[1] }));
            await Expect(b.Page.Locator("body")).Not.ToContainTextAsync(World.DistrictName);
            await Expect(b.Page.Locator("body")).Not.ToContainTextAsync(World.CommuneName);
        }

        await b.GoAsync($"/hoi-nghi?unit={world.Commune}");
        await Expect(b.Page.Locator("body")).Not.ToContainTextAsync(World.CommuneName);
    }
}
