using DoanPlatform.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Organisation.Accounts;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Organisation.Tests.Accounts;

/// <summary>Acceptance: scope over HTTP. A bloc's office staff cannot see or touch a sibling bloc; an auditor reads only; anonymous gets 401.</summary>
public class AccessTests(SignedInFactory factory) : IClassFixture<SignedInFactory>, IAsyncLifetime
{
    // xunit builds the class per test: each test gets its own province and accounts in the shared database.
    private readonly string _p = Guid.NewGuid().ToString("N")[..6];
    private HttpClient _admin = null!;
    private Guid _province, _blocA, _blocB, _unitA, _unitB;

    public async Task InitializeAsync()
    {
        _admin = await factory.SignInAsync();
        _province = await _admin.EstablishAsync($"AC{_p}", "Tỉnh đoàn Phạm Vi", "Province", null, "2000-01-01");
        _blocA = await _admin.EstablishAsync($"AC.A{_p}", "Đoàn Khối A", "Bloc", _province, "2001-01-01");
        _blocB = await _admin.EstablishAsync($"AC.B{_p}", "Đoàn Khối B", "Bloc", _province, "2001-01-01");
        _unitA = await _admin.EstablishAsync($"AC.A.1{_p}", "Đoàn cơ sở A1", "Grassroots", _blocA, "2002-01-01");
        _unitB = await _admin.EstablishAsync($"AC.B.1{_p}", "Đoàn cơ sở B1", "Grassroots", _blocB, "2002-01-01");
        await CreateAccountAsync($"staff.a{_p}", Role.OfficeStaff, _blocA);
        await CreateAccountAsync($"auditor.a{_p}", Role.Auditor, _blocA);
        await CreateAccountAsync($"secretary.a1{_p}", Role.UnitSecretary, _unitA);
        await factory.WaitForNonStaleAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task CreateAccountAsync(string user, Role role, Guid unit)
    {
        var created = await _admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName = $"Người dùng {user}", password = "Mật-khẩu-thử-nghiệm" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await _admin.PostOkAsync($"/api/organisation/accounts/{id}/grants", new { role = role.ToString(), unitId = unit });
    }

    private static object Rename(string name) => new { name, effectiveDate = "2024-01-01", decision = Api.Founding };

    [Fact]
    public async Task Office_staff_of_one_bloc_cannot_read_change_or_reach_a_sibling_bloc()
    {
        var staff = await factory.SignInAsync($"staff.a{_p}", "Mật-khẩu-thử-nghiệm");

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/organisation/units/{_unitA}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/organisation/tree?root={_blocA}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/organisation/units/{_unitA}/rename", Rename("Đoàn cơ sở A1 mới"))).StatusCode);

        foreach (var url in new[]
                 {
                     $"/api/organisation/units/{_blocB}", $"/api/organisation/units/{_unitB}", $"/api/organisation/units/{_unitB}/history",
                     $"/api/organisation/units/{_blocB}/descendants", $"/api/organisation/units/{_unitB}/ancestors",
                     $"/api/organisation/tree?root={_blocB}", $"/api/organisation/tree?root={_province}", "/api/organisation/tree",
                     $"/api/organisation/units/{Guid.CreateVersion7()}", $"/api/organisation/units/{Guid.NewGuid()}/history",
                 })
        {
            var response = await staff.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{url}: {response.StatusCode}");
            Assert.DoesNotContain("Đoàn cơ sở B1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/organisation/units/{_unitB}/rename", Rename("Chiếm quyền"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/organisation/units/{_unitA}/move",
            new { parentId = _blocB, effectiveDate = "2024-06-01", decision = Api.Founding })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/organisation/units",
            new { code = $"AC.B.2{_p}", name = "Lén lập", level = "Grassroots", parentId = _blocB, effectiveDate = "2024-01-01", decision = Api.Founding })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/organisation/accounts/{Guid.NewGuid()}/grants",
            new { role = "Admin", unitId = _blocA })).StatusCode);
    }

    [Fact]
    public async Task An_auditor_reads_the_subtree_and_its_history_but_cannot_write()
    {
        var auditor = await factory.SignInAsync($"auditor.a{_p}", "Mật-khẩu-thử-nghiệm");

        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/organisation/units/{_unitA}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/organisation/units/{_unitA}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync($"/api/organisation/units/{_unitA}/rename", Rename("Kiểm toán đổi tên"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/api/organisation/units/{_unitB}")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_calls_get_401_and_health_and_openapi_stay_open()
    {
        var anonymous = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/organisation/units/{_unitA}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/organisation/units/{_unitA}/rename", Rename("Ẩn danh"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/organisation/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        var wrong = await anonymous.PostAsJsonAsync("/api/organisation/sign-in", new { userName = $"staff.a{_p}", password = "sai-mật-khẩu-rồi" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Sign_in_also_sets_a_cookie_that_authenticates_the_web_ui()
    {
        var browser = factory.CreateClient();
        var signIn = await browser.PostAsJsonAsync("/api/organisation/sign-in", new { userName = $"secretary.a1{_p}", password = "Mật-khẩu-thử-nghiệm" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("doan.auth=", StringComparison.Ordinal));

        var me = await browser.GetJsonAsync("/api/organisation/accounts/me");
        Assert.Equal($"secretary.a1{_p}", me.GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/organisation/units/{_unitA}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/api/organisation/units/{_blocA}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsJsonAsync($"/api/organisation/units/{_unitA}/rename", Rename("Bí thư đổi tên"))).StatusCode);
    }

    [Fact]
    public async Task Events_carry_the_signed_in_account_as_actor()
    {
        var staff = await factory.SignInAsync($"staff.a{_p}", "Mật-khẩu-thử-nghiệm");
        var unit = await staff.EstablishAsync($"AC.A.9{_p}", "Chi đoàn Chín", "Branch", _blocA, "2024-01-01");

        // Read-your-writes: the scope check does not wait for the tree projection.
        var fresh = await staff.EstablishAsync($"AC.A.9.1{_p}", "Tổ Đoàn mới", "Branch", unit, "2024-02-01");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/organisation/units/{fresh}")).StatusCode);

        await using var session = factory.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(unit);
        Assert.Equal(Account.IdFor($"staff.a{_p}").ToString(), events[0].Metadata.ActorId);
        Assert.Equal($"Người dùng staff.a{_p}", events[0].Metadata.ActorName);
        Assert.Equal("12-QĐ/TĐTN", events[0].Metadata.Decision);
    }

    [Fact]
    public void Role_permissions_follow_the_brief()
    {
        Assert.True(UnitAccess.Permits(Role.OfficeStaff, UnitPermission.Manage, ownUnit: false));
        Assert.False(UnitAccess.Permits(Role.Auditor, UnitPermission.Manage, ownUnit: true));
        Assert.True(UnitAccess.Permits(Role.Auditor, UnitPermission.Audit, ownUnit: false));
        Assert.True(UnitAccess.Permits(Role.UnitSecretary, UnitPermission.Contribute, ownUnit: true));
        Assert.False(UnitAccess.Permits(Role.UnitSecretary, UnitPermission.Read, ownUnit: false));
        Assert.False(UnitAccess.Permits(Role.Inspector, UnitPermission.Manage, ownUnit: true));
    }
}
