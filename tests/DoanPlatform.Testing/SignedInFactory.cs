using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Organisation;
using Xunit;

namespace DoanPlatform.Testing;

/// <summary>The real host with a platform-wide admin created through the same path as <c>accounts create-admin</c>.</summary>
public class SignedInFactory : PlatformFactory
{
    public const string AdminUser = "quantri";
    public const string AdminPassword = "Mật-khẩu-đủ-dài-2025";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync().ConfigureAwait(false);
        await OrganisationModule.CreateAdminAsync(Services, AdminUser, "Quản trị viên", AdminPassword).ConfigureAwait(false);
    }

    /// <summary>A client carrying the bearer token of <paramref name="user"/>.</summary>
    public async Task<HttpClient> SignInAsync(string user = AdminUser, string password = AdminPassword)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/organisation/sign-in", new { userName = user, password }).ConfigureAwait(false);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }
}

/// <summary>Alba-style helpers over the HTTP API.</summary>
public static class Api
{
    public static readonly object Founding = new { numberSymbol = "12-QĐ/TĐTN", date = "2000-01-01", signer = "Nguyễn Văn An" };

    public static object DecisionOf(string number, string date, string signer = "Trần Thị Bình") => new { numberSymbol = number, date, signer };

    public static async Task<Guid> EstablishAsync(this HttpClient client, string code, string name, string level, Guid? parentId, string effectiveDate,
        object? decision = null, string sector = "None")
    {
        var response = await client.PostAsJsonAsync("/api/organisation/units", new
        {
            code, name, level, sector, parentId, effectiveDate, decision = decision ?? Founding, reason = "Khởi tạo dữ liệu",
        }).ConfigureAwait(false);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return (await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false)).GetProperty("id").GetGuid();
    }

    public static async Task<HttpResponseMessage> PostOkAsync(this HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body).ConfigureAwait(false);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        return response;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative)).ConfigureAwait(false);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
    }

    /// <summary>The tree as "depth name" lines, depth-first: easy to compare exactly.</summary>
    public static async Task<string[]> TreeAsync(this HttpClient client, Guid root, string asOf)
    {
        var tree = await client.GetJsonAsync($"/api/organisation/tree?root={root}&asOf={asOf}").ConfigureAwait(false);
        return [.. tree.EnumerateArray().Select(n => new string(' ', 2 * n.GetProperty("depth").GetInt32()) + n.GetProperty("name").GetString())];
    }
}
