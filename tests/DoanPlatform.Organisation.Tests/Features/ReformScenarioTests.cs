using DoanPlatform.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DoanPlatform.Organisation.Tests.Features;

/// <summary>
/// Acceptance: a province with a district union, a bloc union and grassroots units in 2023; on 1/7/2025 the
/// district is dissolved, its units move to a new commune union and the province merges into another.
/// </summary>
public class ReformScenarioTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    [Fact]
    public async Task The_2023_and_the_2025_trees_are_both_exact_after_the_reform()
    {
        var admin = await factory.SignInAsync();
        var reform = Api.DecisionOf("845-QĐ/TĐTN", "2025-06-20");
        var merger = Api.DecisionOf("1020-QĐ/TWĐTN-TCKT", "2025-06-25", "Bùi Quang Huy");

        var brvt = await admin.EstablishAsync("BRVT", "Tỉnh đoàn Bà Rịa – Vũng Tàu", "Province", null, "1992-08-12");
        var hcm = await admin.EstablishAsync("HCM", "Thành đoàn Hồ Chí Minh", "Province", null, "1976-01-01");
        var district = await admin.EstablishAsync("BRVT.DD", "Huyện đoàn Đất Đỏ", "District", brvt, "2004-01-01");
        var bloc = await admin.EstablishAsync("BRVT.DK-DCD", "Đoàn Khối Dân – Chính – Đảng", "Bloc", brvt, "2008-03-01", sector: "Agencies");
        var phuocHoi = await admin.EstablishAsync("BRVT.DD.PH", "Đoàn xã Phước Hội", "Grassroots", district, "2004-02-01", sector: "Communes");
        var datDo = await admin.EstablishAsync("BRVT.DD.TT", "Đoàn thị trấn Đất Đỏ", "Grassroots", district, "2004-02-01", sector: "Communes");
        var tuPhap = await admin.EstablishAsync("BRVT.DK-DCD.STP", "Đoàn cơ sở Sở Tư pháp", "Grassroots", bloc, "2009-05-01", sector: "Agencies");
        await factory.WaitForNonStaleAsync();
        var tree2023 = await admin.TreeAsync(brvt, "2023-06-30");

        // 1/7/2025: the commune union, the moves, the district's dissolution, the provinces' merger.
        var commune = await admin.EstablishAsync("BRVT.XDD", "Đoàn xã Đất Đỏ", "Commune", brvt, "2025-07-01", reform, "Communes");
        foreach (var unit in new[] { phuocHoi, datDo })
            await admin.PostOkAsync($"/api/organisation/units/{unit}/move", new { parentId = commune, effectiveDate = "2025-07-01", decision = reform });
        await admin.PostOkAsync($"/api/organisation/units/{district}/dissolve", new { effectiveDate = "2025-07-01", decision = reform, reason = "Bỏ cấp huyện" });
        await admin.PostOkAsync($"/api/organisation/units/{hcm}/absorb", new { unitIds = new[] { brvt }, effectiveDate = "2025-07-01", decision = merger });
        await factory.WaitForNonStaleAsync();

        Assert.Equal(
        [
            "Tỉnh đoàn Bà Rịa – Vũng Tàu",
            "  Đoàn Khối Dân – Chính – Đảng",
            "    Đoàn cơ sở Sở Tư pháp",
            "  Huyện đoàn Đất Đỏ",
            "    Đoàn thị trấn Đất Đỏ",
            "    Đoàn xã Phước Hội",
        ], tree2023);
        Assert.Equal(tree2023, await admin.TreeAsync(brvt, "2023-06-30"));
        Assert.Equal(tree2023, await admin.TreeAsync(brvt, "30/06/2025"));
        Assert.Equal(
        [
            "Thành đoàn Hồ Chí Minh",
            "  Đoàn Khối Dân – Chính – Đảng",
            "    Đoàn cơ sở Sở Tư pháp",
            "  Đoàn xã Đất Đỏ",
            "    Đoàn thị trấn Đất Đỏ",
            "    Đoàn xã Phước Hội",
        ], await admin.TreeAsync(hcm, "2025-07-01"));
        Assert.Empty(await admin.TreeAsync(brvt, "2025-07-01"));
        Assert.Equal(["Thành đoàn Hồ Chí Minh"], await admin.TreeAsync(hcm, "2023-06-30"));

        var ancestors = await admin.GetJsonAsync($"/api/organisation/units/{phuocHoi}/ancestors?asOf=2023-06-30");
        Assert.Equal(["Huyện đoàn Đất Đỏ", "Tỉnh đoàn Bà Rịa – Vũng Tàu"], ancestors.EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        ancestors = await admin.GetJsonAsync($"/api/organisation/units/{phuocHoi}/ancestors?asOf=2025-07-01");
        Assert.Equal(["Đoàn xã Đất Đỏ", "Thành đoàn Hồ Chí Minh"], ancestors.EnumerateArray().Select(a => a.GetProperty("name").GetString()));

        var history = (await admin.GetJsonAsync($"/api/organisation/units/{phuocHoi}/history")).EnumerateArray().ToList();
        Assert.Equal(["12-QĐ/TĐTN", "845-QĐ/TĐTN"], history.Select(h => h.GetProperty("decisionNumber").GetString()));
        Assert.Equal("Chuyển từ trực thuộc Huyện đoàn Đất Đỏ sang trực thuộc Đoàn xã Đất Đỏ.", history[1].GetProperty("description").GetString());
        Assert.Equal("2025-07-01", history[1].GetProperty("effectiveDate").GetString());
        Assert.Equal("Quản trị viên", history[1].GetProperty("actorName").GetString());

        var blocHistory = (await admin.GetJsonAsync($"/api/organisation/units/{bloc}/history")).EnumerateArray().ToList();
        Assert.Equal(["12-QĐ/TĐTN", "1020-QĐ/TWĐTN-TCKT"], blocHistory.Select(h => h.GetProperty("decisionNumber").GetString()));
        var districtHistory = (await admin.GetJsonAsync($"/api/organisation/units/{district}/history")).EnumerateArray().ToList();
        Assert.Equal("Giải thể.", districtHistory[^1].GetProperty("description").GetString());
        Assert.Equal("Bỏ cấp huyện", districtHistory[^1].GetProperty("reason").GetString());
        var hcmHistory = (await admin.GetJsonAsync($"/api/organisation/units/{hcm}/history")).EnumerateArray().ToList();
        Assert.Equal("Tiếp nhận hợp nhất: Tỉnh đoàn Bà Rịa – Vũng Tàu.", hcmHistory[^1].GetProperty("description").GetString());
        _ = tuPhap;
    }

    [Fact]
    public async Task Refused_rules_answer_422_with_the_reason_and_append_nothing()
    {
        var admin = await factory.SignInAsync();
        var province = await admin.EstablishAsync("T422", "Tỉnh đoàn Kiểm thử", "Province", null, "2000-01-01");
        var bloc = await admin.EstablishAsync("T422.K", "Đoàn Khối Kiểm thử", "Bloc", province, "2010-01-01");
        var branch = await admin.EstablishAsync("T422.K.1", "Chi đoàn Kiểm thử", "Branch", bloc, "2012-01-01");
        var dissolved = await admin.EstablishAsync("T422.X", "Đoàn Khối Đã giải thể", "Bloc", province, "2010-01-01");
        await admin.PostOkAsync($"/api/organisation/units/{dissolved}/dissolve", new { effectiveDate = "2020-01-01", decision = Api.Founding });
        await factory.WaitForNonStaleAsync();
        var before = await EventCountAsync();

        await AssertRefused(admin.PostAsJsonAsync($"/api/organisation/units/{bloc}/move",
            new { parentId = branch, effectiveDate = "2025-07-01", decision = Api.Founding }), "vòng lặp");
        await AssertRefused(admin.PostAsJsonAsync($"/api/organisation/units/{dissolved}/absorb",
            new { unitIds = new[] { bloc }, effectiveDate = "2025-07-01", decision = Api.Founding }), "Không thể hợp nhất vào Đoàn Khối Đã giải thể");
        await AssertRefused(admin.PostAsJsonAsync($"/api/organisation/units/{bloc}/rename",
            new { name = "Tên mới", effectiveDate = "2009-12-31", decision = Api.Founding }), "trước ngày thành lập");

        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task Writes_check_the_expected_version_and_bad_input_is_a_400_and_unknown_ids_a_404()
    {
        var admin = await factory.SignInAsync();
        var unit = await admin.EstablishAsync("V409", "Tỉnh đoàn Phiên bản", "Province", null, "2000-01-01");
        var rename = new { name = "Tên thứ hai", effectiveDate = "2024-01-01", decision = Api.Founding };
        await admin.PostOkAsync($"/api/organisation/units/{unit}/rename", new { rename.name, rename.effectiveDate, rename.decision, version = 1 });

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/organisation/units/{unit}/rename")
        {
            Content = JsonContent.Create(new { name = "Tên thứ ba", effectiveDate = "2024-02-01", decision = Api.Founding }),
        };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        var clash = await admin.SendAsync(stale);
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal(2, (await clash.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currentVersion").GetInt64());

        var bad = await admin.PostAsync($"/api/organisation/units/{unit}/rename", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var missing = await admin.PostAsJsonAsync($"/api/organisation/units/{unit}/rename", new { effectiveDate = "2024-02-01", decision = Api.Founding });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var unknown = await admin.PostAsJsonAsync($"/api/organisation/units/{Guid.NewGuid()}/rename", rename);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    private static async Task AssertRefused(Task<HttpResponseMessage> call, string reason)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, body);
        Assert.Contains(reason, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<long> EventCountAsync()
    {
        await using var command = factory.Store.DataSource.CreateCommand("select count(*) from doan_events.events");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
