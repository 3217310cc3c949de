using System.Net;
using System.Text.Json;
using DoanPlatform.Inspections.ReadModels;
using DoanPlatform.Testing;

namespace DoanPlatform.Inspections.Tests.Features;

/// <summary>The issuer's list of plans for a year: what each plan stands at, the rows a rebuild gives back, and every bad request named.</summary>
public sealed class ListPlansTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    [Fact]
    public async Task The_list_shows_each_plan_s_dates_units_status_pending_adjustments_and_conclusion_and_rebuilds_to_the_same_rows()
    {
        var world = await World.BuildAsync(factory, ["Chi đoàn Sở Tài chính", "Chi đoàn Sở Y tế"]);
        var planned = await world.PlanAsync("40-KH/ĐTN", "2024-11-01", "2024-11-30", await world.HeadAccountAsync(), [], [world.Units[0]]);
        var concluded = await world.PlanAsync("41-KH/ĐTN", "2024-10-01", "2024-10-31", await world.HeadAccountAsync(), []);
        var version = await World.VersionOf(await world.Admin.PostOkAsync($"/api/inspections/plans/{concluded}/inspections", new
        {
            version = 1, heldOn = "2024-10-16", place = "Hội trường Đoàn Khối",
            units = world.Units.Select(u => new { unitId = u, reviews = new[] { new { topic = "A2", verdict = "Accepted" } } }),
        }));
        foreach (var (unit, value) in new[] { (world.Units[0], 0m), (world.Units[1], 10m) })
            version = await World.VersionOf(await world.Admin.PostOkAsync($"/api/inspections/plans/{concluded}/adjustments",
                new { version, unitId = unit, conditionCode = "A3", value, reason = "Chưa đạt chỉ tiêu cuộc thi" }));
        var adjustment = (await world.Admin.GetJsonAsync($"/api/inspections/plans/{concluded}")).GetProperty("adjustments")[0].GetProperty("adjustmentId").GetGuid();
        version = await World.VersionOf(await world.Admin.PostOkAsync($"/api/inspections/plans/{concluded}/adjustments/{adjustment}/decline",
            new { version, reason = "Đơn vị đã bổ sung minh chứng" }));
        await world.Admin.PostOkAsync($"/api/inspections/plans/{concluded}/conclusion", new
        {
            version, issuerSymbol = "ĐTN", issuedOn = "2024-10-25", place = "Trà Vinh", signer = "Nguyễn Trọng Nhân", signerTitle = "TM. BAN THƯỜNG VỤ",
            recipients = new[] { "Lưu VP" },
        });
        await factory.WaitForNonStaleAsync();

        var url = $"/api/inspections/plans?issuingUnitId={world.Bloc}&year=2024";
        var rows = await world.Admin.GetJsonAsync(url);
        Assert.Equal([planned, concluded], rows.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        var (first, second) = (rows[0], rows[1]);
        Assert.Equal(("40-KH/ĐTN", "2024-11-01", "2024-11-30", 1, "Planned", JsonValueKind.Null),
            (first.GetProperty("numberSymbol").GetString(), first.GetProperty("from").GetString(), first.GetProperty("to").GetString(),
                first.GetProperty("unitCount").GetInt32(), first.GetProperty("status").GetString(), first.GetProperty("conclusionNumberSymbol").ValueKind));
        Assert.Equal(("41-KH/ĐTN", 2, "2024-10-16", 1, "Concluded", "1-TB/ĐTN", "2024-10-25"),
            (second.GetProperty("numberSymbol").GetString(), second.GetProperty("unitCount").GetInt32(), second.GetProperty("lastInspectedOn").GetString(),
                second.GetProperty("pendingAdjustments").GetInt32(), second.GetProperty("status").GetString(),
                second.GetProperty("conclusionNumberSymbol").GetString(), second.GetProperty("conclusionIssuedOn").GetString()));
        Assert.Equal("Học tập 02 chuyên đề, Nghị quyết Đại hội Đoàn XII trên App Thanh niên Việt Nam; Thực hiện các cuộc thi do Đoàn cấp trên chỉ đạo",
            second.GetProperty("topics").GetString());
        Assert.Empty((await world.Admin.GetJsonAsync($"/api/inspections/plans?issuingUnitId={world.Bloc}&year=2023")).EnumerateArray());

        var live = rows.GetRawText();
        await factory.Store.Advanced.RebuildProjectionAsync(PlanListProjection.ProjectionName);
        Assert.Equal(live, (await world.Admin.GetJsonAsync(url)).GetRawText());
    }

    [Fact]
    public async Task Missing_or_malformed_parameters_are_400_naming_the_field_an_unknown_unit_404_and_a_unit_outside_the_scope_403()
    {
        var world = await World.BuildAsync(factory, ["Chi đoàn Sở Nội vụ"]);
        await world.PlanAsync("50-KH/ĐTN", "2024-10-01", "2024-10-31", await world.HeadAccountAsync(), []);
        await factory.WaitForNonStaleAsync();

        await AssertFieldAsync(world.Admin, "/api/inspections/plans?year=2024", HttpStatusCode.BadRequest, "issuingUnitId");
        await AssertFieldAsync(world.Admin, "/api/inspections/plans?issuingUnitId=khoi-dan-chinh-dang&year=2024", HttpStatusCode.BadRequest, "issuingUnitId");
        await AssertFieldAsync(world.Admin, $"/api/inspections/plans?issuingUnitId={world.Bloc}", HttpStatusCode.BadRequest, "year");
        await AssertFieldAsync(world.Admin, $"/api/inspections/plans?issuingUnitId={world.Bloc}&year=năm-nay", HttpStatusCode.BadRequest, "year");
        await AssertFieldAsync(world.Admin, $"/api/inspections/plans?issuingUnitId={world.Bloc}&year=1999", HttpStatusCode.BadRequest, "year");
        await AssertFieldAsync(world.Admin, $"/api/inspections/plans?issuingUnitId={Guid.NewGuid()}&year=2024", HttpStatusCode.NotFound, "issuingUnitId");

        // The unit's own secretary and an office of a unit below the issuer may not read the issuer's plans; the bloc's auditor may.
        var (_, _, secretary) = await world.AccountAsync(factory, "UnitSecretary", world.Units[0]);
        var (_, _, below) = await world.AccountAsync(factory, "OfficeStaff", world.Units[0]);
        var (_, _, auditor) = await world.AccountAsync(factory, "Auditor", world.Bloc);
        var url = $"/api/inspections/plans?issuingUnitId={world.Bloc}&year=2024";
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await below.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        Assert.Equal("50-KH/ĐTN", (await auditor.GetJsonAsync(url))[0].GetProperty("numberSymbol").GetString());
    }

    private static async Task AssertFieldAsync(HttpClient client, string url, HttpStatusCode status, string field)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{url}: {(int)response.StatusCode} {body}");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(p => p.Name));
    }
}
