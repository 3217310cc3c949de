using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Emulation.Tests.Features;

/// <summary>What the scoring screen reads: the scale through the unit that scores against it, and each line's comments and evidence note.</summary>
public sealed class SheetScreenReadsTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private const string Password = "Mật-khẩu-thử-nghiệm";

    private async Task<HttpClient> AccountAsync(HttpClient admin, string role, Guid unitId)
    {
        var user = $"u{Guid.NewGuid():N}"[..12];
        var created = await admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName = "Cán bộ", password = Password });
        var account = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/organisation/accounts/{account}/grants", new { role, unitId });
        return await factory.SignInAsync(user, Password);
    }

    [Fact]
    public async Task A_secretary_reads_the_published_scale_through_its_unit_and_the_sheet_shows_comments_side_by_side()
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await admin.EstablishAsync($"S{tag}", "Tỉnh Đoàn Vĩnh Long", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync($"S{tag}.K", "Đoàn Khối các cơ quan tỉnh", "Bloc", province, "2020-01-01");
        var unit = await admin.EstablishAsync($"S{tag}.K.1", "Đoàn Sở Tài chính", "Grassroots", bloc, "2020-01-01", sector: "Agencies");
        var otherBloc = await admin.EstablishAsync($"S{tag}.D", "Đoàn Khối Doanh nghiệp", "Bloc", province, "2020-01-01");
        var stranger = await admin.EstablishAsync($"S{tag}.D.1", "Đoàn Công ty Cấp nước", "Grassroots", otherBloc, "2020-01-01", sector: "Enterprises");
        await factory.WaitForNonStaleAsync();
        var drafted = await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = bloc, year = 2023, content = TestScale.Content() });
        var scaleId = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var secretary = await AccountAsync(admin, "UnitSecretary", unit);
        var outsider = await AccountAsync(admin, "UnitSecretary", stranger);

        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync(new Uri($"/api/emulation/scales/{scaleId}?unitId={unit}", UriKind.Relative))).StatusCode);
        await admin.PostOkAsync($"/api/emulation/scales/{scaleId}/publish", new { version = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync(new Uri($"/api/emulation/scales/{scaleId}", UriKind.Relative))).StatusCode);
        var scale = await secretary.GetJsonAsync($"/api/emulation/scales/{scaleId}?unitId={unit}");
        Assert.Equal("Thang điểm thi đua năm 2023", scale.GetProperty("content").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(new Uri($"/api/emulation/scales/{scaleId}?unitId={stranger}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(new Uri($"/api/emulation/scales/{scaleId}?unitId={unit}", UriKind.Relative))).StatusCode);

        var url = $"/api/emulation/sheets/{unit}/2023";
        await secretary.PostOkAsync($"{url}/self-assessment", new
        {
            version = 0, scaleId,
            entries = new object[]
            {
                new { conditionCode = "A1", value = 9m, comment = "Đã tổ chức 4 đợt" }, new { conditionCode = "A2", value = 1m, evidence = "Kế hoạch số 12-KH/ĐTN" },
                new { conditionCode = "A3", value = 80m }, new { conditionCode = "B2", value = 8m },
            },
        });
        await secretary.PostOkAsync($"{url}/submit", new { version = 1 });
        await admin.PostOkAsync($"{url}/assessment", new { version = 2, entries = new[] { new { conditionCode = "A1", value = 7m, comment = "Thiếu biên bản đợt 3" } } });

        var lines = (await secretary.GetJsonAsync(url)).GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("code").GetString()!);
        Assert.Equal((9m, "Đã tổ chức 4 đợt", 7m, "Thiếu biên bản đợt 3"), (lines["A1"].GetProperty("self").GetDecimal(),
            lines["A1"].GetProperty("selfComment").GetString(), lines["A1"].GetProperty("assessed").GetDecimal(), lines["A1"].GetProperty("assessedComment").GetString()));
        Assert.Equal("Kế hoạch số 12-KH/ĐTN", lines["A2"].GetProperty("selfEvidence").GetString());
        Assert.Equal(JsonValueKind.Null, lines["A3"].GetProperty("assessedComment").ValueKind);
    }
}
