using DoanPlatform.Testing;
using System.Net.Http.Json;
using System.Text.Json;

namespace DoanPlatform.Organisation.Tests.Features;

public class SplitAndReclassifyTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    [Fact]
    public async Task A_split_ends_the_unit_establishes_its_successors_and_hands_over_its_units_with_history_on_every_side()
    {
        var admin = await factory.SignInAsync();
        var decision = Api.DecisionOf("77-QĐ/TĐTN", "2024-03-01");
        var province = await admin.EstablishAsync("SP", "Tỉnh đoàn Chia tách", "Province", null, "2000-01-01");
        var bloc = await admin.EstablishAsync("SP.K", "Đoàn Khối các cơ quan và doanh nghiệp", "Bloc", province, "2005-01-01", sector: "Agencies");
        var agency = await admin.EstablishAsync("SP.K.1", "Đoàn cơ sở Sở Y tế", "Grassroots", bloc, "2006-01-01", sector: "Agencies");
        var company = await admin.EstablishAsync("SP.K.2", "Đoàn cơ sở Công ty Điện lực", "Grassroots", bloc, "2006-01-01", sector: "Enterprises");
        await factory.WaitForNonStaleAsync();

        await admin.PostOkAsync($"/api/organisation/units/{bloc}/split", new
        {
            successors = new[]
            {
                new { code = "SP.KCQ", name = "Đoàn Khối các cơ quan", sector = "Agencies" },
                new { code = "SP.KDN", name = "Đoàn Khối doanh nghiệp", sector = "Enterprises" },
            },
            assignments = new Dictionary<Guid, string> { [agency] = "SP.KCQ", [company] = "SP.KDN" },
            effectiveDate = "2024-04-01",
            decision,
            version = 1,
        });
        await admin.PostOkAsync($"/api/organisation/units/{company}/reclassify", new { level = "Branch", effectiveDate = "2024-05-01", decision });
        await factory.WaitForNonStaleAsync();

        Assert.Equal(
        [
            "Tỉnh đoàn Chia tách",
            "  Đoàn Khối các cơ quan và doanh nghiệp",
            "    Đoàn cơ sở Công ty Điện lực",
            "    Đoàn cơ sở Sở Y tế",
        ], await admin.TreeAsync(province, "2024-03-31"));
        Assert.Equal(
        [
            "Tỉnh đoàn Chia tách",
            "  Đoàn Khối các cơ quan",
            "    Đoàn cơ sở Sở Y tế",
            "  Đoàn Khối doanh nghiệp",
            "    Đoàn cơ sở Công ty Điện lực",
        ], await admin.TreeAsync(province, "2024-04-01"));

        var blocHistory = (await admin.GetJsonAsync($"/api/organisation/units/{bloc}/history")).EnumerateArray().Select(h => h.GetProperty("description").GetString()).ToList();
        Assert.Equal("Chia tách thành: Đoàn Khối các cơ quan, Đoàn Khối doanh nghiệp.", blocHistory[^1]);
        var companyHistory = (await admin.GetJsonAsync($"/api/organisation/units/{company}/history")).EnumerateArray().Select(h => h.GetProperty("description").GetString()).ToList();
        Assert.Equal(
        [
            "Thành lập Đoàn cơ sở Công ty Điện lực (mã SP.K.2, cơ sở, khối doanh nghiệp), trực thuộc Đoàn Khối các cơ quan và doanh nghiệp.",
            "Chuyển từ trực thuộc Đoàn Khối các cơ quan và doanh nghiệp sang trực thuộc Đoàn Khối doanh nghiệp.",
            "Điều chỉnh phân loại: chi đoàn, khối doanh nghiệp.",
        ], companyHistory);

        var ended = await admin.GetJsonAsync($"/api/organisation/units/{bloc}");
        Assert.Equal("Split", ended.GetProperty("status").GetString());
        var refused = await admin.PostAsJsonAsync($"/api/organisation/units/{bloc}/rename", new { name = "Hồi sinh", effectiveDate = "2024-06-01", decision });
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("chia tách", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
