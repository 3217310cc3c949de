using DoanPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoanPlatform.Web.Tests;

public sealed class SignInTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task A_page_without_an_account_goes_to_sign_in_and_back_while_the_API_still_answers_401()
    {
        await using var b = await web.OpenAsync(user: null);
        await b.Page.GotoAsync("/don-vi");
        await Expect(b.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dang-nhap\\?ReturnUrl=%2Fdon-vi$"));
        var api = await b.Context.APIRequest.GetAsync("/api/organisation/tree");
        Assert.Equal(401, api.Status);

        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(b.Page.Locator(".field-error[data-error-for='userName']")).ToHaveTextAsync("Nhập tên đăng nhập.");
        await Expect(b.Page.Locator(".field-error[data-error-for='password']")).ToHaveTextAsync("Nhập mật khẩu.");

        await b.Page.GetByLabel("Tên đăng nhập").FillAsync(SignedInFactory.AdminUser);
        await b.Page.GetByLabel("Mật khẩu").FillAsync("sai mật khẩu");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(b.Page.Locator(".form-error")).ToHaveTextAsync("Sai tên đăng nhập hoặc mật khẩu");
        await b.ShotAsync("01-dang-nhap");

        await b.Page.GetByLabel("Mật khẩu").FillAsync(SignedInFactory.AdminPassword);
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(b.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/don-vi"));
        await Expect(b.Page.Locator("#account")).ToHaveTextAsync("Quản trị viên");

        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await Expect(b.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dang-nhap$"));
        await b.Page.GotoAsync("/");
        await Expect(b.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dang-nhap\\?ReturnUrl=%2F$"));
    }

    [Fact]
    public async Task Each_role_sees_only_its_screens_in_the_navigation_and_is_refused_the_others()
    {
        var world = await World.BuildAsync(web, units: 1);
        var secretary = await web.AccountAsync(world.Admin, "Trần Văn Bí Thư", "UnitSecretary", world.Units[0]);

        await using (var admin = await web.OpenAsync())
        {
            await admin.GoAsync("/");
            await Expect(admin.Page.Locator("#nav a")).ToHaveTextAsync(
                ["Tổng quan", "Đơn vị", "Hội nghị", "Nhiệm vụ của đơn vị", "Nhiệm vụ quá hạn", "Bảng điểm thi đua", "Xếp hạng cụm thi đua",
                 "Kiểm tra", "Báo cáo tổng kết năm", "Tra soát lịch sử đơn vị"]);
            await admin.ShotAsync("02-tong-quan-quan-tri");
        }

        await using var b = await web.OpenAsync(secretary);
        await b.GoAsync("/");
        await Expect(b.Page.Locator("#nav a")).ToHaveTextAsync(["Tổng quan", "Đơn vị", "Nhiệm vụ của đơn vị", "Bảng điểm thi đua"]);
        await Expect(b.Page.Locator("#grants")).ToHaveTextAsync($"Bí thư đơn vị — {world.UnitNames[0]}");
        await b.GoAsync("/hoi-nghi");
        await Expect(b.Page.Locator("#page-message")).ToHaveTextAsync("Không có quyền: vai trò của tài khoản không dùng màn hình này.");
        await b.GoAsync("/nhiem-vu/qua-han");
        await Expect(b.Page.Locator("#page-message")).ToContainTextAsync("Không có quyền");
        await b.GoAsync("/kiem-tra");
        await Expect(b.Page.Locator("#page-message")).ToContainTextAsync("Không có quyền");
    }
}
