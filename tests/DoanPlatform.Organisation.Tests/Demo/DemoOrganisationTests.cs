using System.Text.Json;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Demo;
using DoanPlatform.Testing;

namespace DoanPlatform.Organisation.Tests.Demo;

public class DemoOrganisationTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    [Fact]
    public void Two_builds_give_the_same_tree_officials_clusters_and_reform()
    {
        static string Build()
        {
            var demo = new DemoOrganisation();
            demo.Build();
            var units = demo.Snapshot();
            var reform = new DemoReform(demo);
            reform.Build();
            return JsonSerializer.Serialize(new
            {
                units, demo.Streams.Count, demo.Clusters,
                steps = reform.Steps.Select(s => new { s.Decision, s.Reason, events = s.Events.Select(e => new { e.StreamId, e.Event }) }),
            }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        var first = Build();
        Assert.Equal(first, Build());
        Assert.Contains("Đoàn cơ sở Sở Tư pháp", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_tree_before_and_after_the_2025_reform_and_a_second_load_is_refused()
    {
        var province = await OrganisationModule.LoadDemoAsync(factory.Services);
        await factory.WaitForNonStaleAsync();
        var admin = await factory.SignInAsync("demo.quantri", DemoOrganisation.Password);

        Assert.Equal("BRVT", province.Code);
        Assert.InRange(province.Grassroots.Count, 150, 300);
        var before = await admin.TreeAsync(province.ProvinceId, "2024-06-30");
        Assert.Contains("  Huyện đoàn Châu Đức", before);
        Assert.Contains("    Đoàn thị trấn Ngãi Giao", before);
        Assert.Contains("  Đoàn Khối Dân – Chính – Đảng tỉnh", before);
        Assert.Equal(province.Units.Count, before.Length);

        var march = await admin.TreeAsync(province.ProvinceId, "2025-06-30");
        Assert.DoesNotContain("  Đoàn Khối Dân – Chính – Đảng tỉnh", march);
        Assert.Contains("  Đoàn Khối Ủy ban nhân dân tỉnh", march);
        Assert.Contains("    Đoàn cơ sở Sở Tư pháp", march);
        Assert.Contains("    Đoàn cơ sở Sở Nông nghiệp và Môi trường", march);
        Assert.Contains("  Huyện đoàn Châu Đức", march);

        var july = await admin.TreeAsync(province.ProvinceId, "2025-07-01");
        Assert.DoesNotContain(july, line => line.Contains("Huyện đoàn", StringComparison.Ordinal));
        Assert.Contains("  Đoàn xã Ngãi Giao", july);
        Assert.Contains("  Đoàn đặc khu Côn Đảo", july);
        Assert.Contains("  Đoàn trường THPT Ngô Quyền", july);

        var moved = province.Units.First(u => u.Name == "Đoàn thị trấn Ngãi Giao");
        var history = (await admin.GetJsonAsync($"/api/organisation/units/{moved.Id}/history")).EnumerateArray().ToList();
        Assert.Equal("Hợp nhất vào Đoàn xã Ngãi Giao.", history[^1].GetProperty("description").GetString());
        Assert.Equal("845-QĐ/TĐTN", history[^1].GetProperty("decisionNumber").GetString());
        Assert.Equal("Hợp nhất theo sắp xếp đơn vị hành chính cấp xã", history[^1].GetProperty("reason").GetString());
        Assert.Equal(province.Office.DisplayName, history[^1].GetProperty("actorName").GetString());

        var clusters = await admin.GetJsonAsync($"/api/organisation/clusters?issuingUnitId={province.ProvinceId}&year=2023");
        Assert.Equal(7, clusters.GetArrayLength());
        Assert.Equal(province.Grassroots.Count(u => u.EstablishedOn.Year <= 2023),
            clusters.EnumerateArray().Sum(c => c.GetProperty("members").GetArrayLength()));

        var events = await EventCountAsync();
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => OrganisationModule.LoadDemoAsync(factory.Services));
        Assert.Contains("BRVT", refused.Message, StringComparison.Ordinal);
        Assert.Equal(events, await EventCountAsync());
    }

    private async Task<long> EventCountAsync()
    {
        await using var command = factory.Store.DataSource.CreateCommand("select count(*) from doan_events.events");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
