using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Organisation.Tests.Accounts;

/// <summary>An account's name by id (anyone signed in) and by user name (office staff and admins, who form inspection teams); never its grants.</summary>
public sealed class AccountLookupTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private const string Password = "Mật-khẩu-thử-nghiệm";

    [Fact]
    public async Task Office_staff_find_an_account_by_user_name_anyone_signed_in_reads_a_name_by_id_and_bad_requests_are_named()
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var unit = await admin.EstablishAsync($"LK{tag}", "Đoàn Khối các cơ quan tỉnh", "Bloc", null, "2020-01-01");
        var office = await AccountAsync(admin, $"vanphong.{tag}", "Lê Thị Văn Phòng", "OfficeStaff", unit);
        var member = await AccountAsync(admin, $"kiemtra.{tag}", "Phạm Văn Kiểm Tra", "Inspector", unit);
        var asOffice = await factory.SignInAsync($"vanphong.{tag}", Password);
        var asMember = await factory.SignInAsync($"kiemtra.{tag}", Password);

        var found = await asOffice.GetJsonAsync($"/api/organisation/accounts/lookup?userName=%20KiemTra.{tag}%20");
        Assert.Equal((member, $"kiemtra.{tag}", "Phạm Văn Kiểm Tra"),
            (found.GetProperty("id").GetGuid(), found.GetProperty("userName").GetString(), found.GetProperty("displayName").GetString()));
        Assert.False(found.TryGetProperty("grants", out _));
        Assert.Equal("Lê Thị Văn Phòng", (await asMember.GetJsonAsync($"/api/organisation/accounts/{office}")).GetProperty("displayName").GetString());

        var missing = await asOffice.GetAsync(new Uri("/api/organisation/accounts/lookup?userName=", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("userName", out _));
        var unknown = await asOffice.GetAsync(new Uri($"/api/organisation/accounts/lookup?userName=khong-co-{tag}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("userName", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await asMember.GetAsync(new Uri($"/api/organisation/accounts/{Guid.NewGuid()}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asMember.GetAsync(new Uri($"/api/organisation/accounts/lookup?userName=vanphong.{tag}", UriKind.Relative))).StatusCode);
    }

    private static async Task<Guid> AccountAsync(HttpClient admin, string user, string displayName, string role, Guid unit)
    {
        var created = await admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName, password = Password });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/organisation/accounts/{id}/grants", new { role, unitId = unit });
        return id;
    }
}
