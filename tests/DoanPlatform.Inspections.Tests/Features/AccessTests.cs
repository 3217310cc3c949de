using System.Net;
using System.Net.Http.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Inspections.Tests.Features;

/// <summary>Team access is the plan's units for the plan's period only; input errors name their fields.</summary>
public sealed class AccessTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private static object Inspection(Guid unit, string heldOn, string deadline) => new
    {
        heldOn, place = "Trụ sở đơn vị",
        units = new[]
        {
            new
            {
                unitId = unit, reviews = new[] { new { topic = "A2", verdict = "PartlyAccepted", comment = "Minh chứng chưa đủ" } },
                recommendations = new[] { new { text = "Bổ sung minh chứng học tập trên App", deadline } },
            },
        },
    };

    [Fact]
    public async Task A_member_acts_during_the_plan_but_a_member_outside_the_plan_or_after_it_ends_gets_403()
    {
        var world = await World.BuildAsync(factory, ["Chi đoàn Sở Tài chính", "Chi đoàn Sở Y tế"]);
        var today = DateOnly.FromDateTime(DateTime.Now);
        var (_, memberId, member) = await world.AccountAsync(factory, "Inspector", world.Units[0]);
        var (_, otherId, outsider) = await world.AccountAsync(factory, "Inspector", world.Units[1]);
        var running = await world.PlanAsync("20-KH/ĐTN", today.AddDays(-1).ToString("yyyy-MM-dd"), today.AddDays(30).ToString("yyyy-MM-dd"), memberId, [],
            [world.Units[0]]);
        var ended = await world.PlanAsync("21-KH/ĐTN", "2024-10-01", "2024-10-31", memberId, [otherId], [world.Units[0]]);
        var day = today.ToString("yyyy-MM-dd");

        var version = await World.VersionOf(await member.PostOkAsync($"/api/inspections/plans/{running}/inspections",
            Inspection(world.Units[0], day, today.AddDays(60).ToString("yyyy-MM-dd")) is var body ? With(body, 1) : null!));
        Assert.Equal(4, version);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(new Uri($"/api/inspections/plans/{running}", UriKind.Relative))).StatusCode);

        // A unit not in the plan, a member of another plan, a plan that has ended: 403.
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/inspections/plans/{running}/inspections",
            With(Inspection(world.Units[1], day, day), version))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"/api/inspections/plans/{running}/inspections",
            With(Inspection(world.Units[0], day, day), version))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/inspections/plans/{ended}/inspections",
            With(Inspection(world.Units[0], "2024-10-16", "2024-12-31"), 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/inspections/plans/{ended}/adjustments",
            new { version = 1, unitId = world.Units[0], conditionCode = "A2", value = 0m, reason = "Không có minh chứng" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(new Uri($"/api/inspections/plans/{ended}", UriKind.Relative))).StatusCode);

        // Only the issuer approves, even the head of the team may not.
        version = await World.VersionOf(await member.PostOkAsync($"/api/inspections/plans/{running}/adjustments",
            new { version, unitId = world.Units[0], conditionCode = "A2", value = 0m, reason = "Không có minh chứng" }));
        var adjustment = (await world.Admin.GetJsonAsync($"/api/inspections/plans/{running}")).GetProperty("adjustments")[0].GetProperty("adjustmentId").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/inspections/plans/{running}/adjustments/{adjustment}/approve",
            new { version })).StatusCode);
    }

    [Fact]
    public async Task A_deadline_before_the_inspection_is_400_a_stale_version_409_and_an_approval_without_a_sheet_422()
    {
        var world = await World.BuildAsync(factory, ["Chi đoàn Sở Tư pháp"]);
        var (_, head, _) = await world.AccountAsync(factory, "Inspector", world.Bloc);
        var plan = await world.PlanAsync("30-KH/ĐTN", "2024-10-01", "2024-10-31", head, []);
        var early = await world.Admin.PostAsJsonAsync($"/api/inspections/plans/{plan}/inspections", With(Inspection(world.Units[0], "2024-10-16", "2024-10-15"), 1));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("units[0].recommendations[0].deadline", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noReason = await world.Admin.PostAsJsonAsync($"/api/inspections/plans/{plan}/adjustments", new { version = 1, unitId = world.Units[0], conditionCode = "A2", value = 0m });
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        await world.Admin.PostOkAsync($"/api/inspections/plans/{plan}/inspections", With(Inspection(world.Units[0], "2024-10-16", "2024-12-31"), 1));
        var stale = await world.Admin.PostAsJsonAsync($"/api/inspections/plans/{plan}/inspections", With(Inspection(world.Units[0], "2024-10-17", "2024-12-31"), 1));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var version = await World.VersionOf(await world.Admin.PostOkAsync($"/api/inspections/plans/{plan}/adjustments",
            new { version = 4, unitId = world.Units[0], conditionCode = "A2", value = 0m, reason = "Không có minh chứng" }));
        var adjustment = (await world.Admin.GetJsonAsync($"/api/inspections/plans/{plan}")).GetProperty("adjustments")[0].GetProperty("adjustmentId").GetGuid();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await world.Admin.PostAsJsonAsync($"/api/inspections/plans/{plan}/adjustments/{adjustment}/approve",
            new { version })).StatusCode);
    }

    [Fact]
    public async Task A_unit_secretary_reports_on_its_own_recommendation_without_the_plan_s_version_but_not_on_another_unit_s()
    {
        var world = await World.BuildAsync(factory, ["Chi đoàn Sở Công Thương", "Chi đoàn Sở Xây dựng"]);
        var (_, head, _) = await world.AccountAsync(factory, "Inspector", world.Bloc);
        var plan = await world.PlanAsync("60-KH/ĐTN", "2024-10-01", "2024-10-31", head, [], [world.Units[0], world.Units[1]]);
        var version = await World.VersionOf(await world.Admin.PostOkAsync($"/api/inspections/plans/{plan}/inspections",
            With(Inspection(world.Units[0], "2024-10-16", "2024-12-31"), 1)));
        await world.Admin.PostOkAsync($"/api/inspections/plans/{plan}/inspections", With(Inspection(world.Units[1], "2024-10-17", "2024-12-31"), version));
        await factory.WaitForNonStaleAsync();
        var (_, _, secretary) = await world.AccountAsync(factory, "UnitSecretary", world.Units[0]);
        var own = (await secretary.GetJsonAsync($"/api/inspections/recommendations?unitId={world.Units[0]}")).EnumerateArray().Single().GetProperty("id").GetGuid();
        var other = (await world.Admin.GetJsonAsync($"/api/inspections/recommendations?unitId={world.Units[1]}")).EnumerateArray().Single().GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync(new Uri($"/api/inspections/recommendations?unitId={world.Units[1]}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostAsJsonAsync($"/api/inspections/plans/{plan}/recommendations/{other}/reports",
            new { report = "Đã bổ sung", completed = true })).StatusCode);
        var blank = await secretary.PostAsJsonAsync($"/api/inspections/plans/{plan}/recommendations/{own}/reports", new { report = " ", completed = false });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("report", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await secretary.PostOkAsync($"/api/inspections/plans/{plan}/recommendations/{own}/reports",
            new { report = "Đã bổ sung danh sách đoàn viên học tập trên App", completed = true });
        await factory.WaitForNonStaleAsync();

        Assert.Empty((await secretary.GetJsonAsync($"/api/inspections/recommendations?unitId={world.Units[0]}")).EnumerateArray());
        var done = (await secretary.GetJsonAsync($"/api/inspections/recommendations?unitId={world.Units[0]}&openOnly=false")).EnumerateArray().Single();
        Assert.Equal("Đã bổ sung danh sách đoàn viên học tập trên App", done.GetProperty("lastReport").GetString());
        // A closed recommendation takes no further report.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await secretary.PostAsJsonAsync($"/api/inspections/plans/{plan}/recommendations/{own}/reports",
            new { report = "Bổ sung thêm", completed = false })).StatusCode);
    }

    private static Dictionary<string, object?> With(object body, long version)
    {
        var values = body.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(body));
        values["version"] = version;
        return values;
    }
}
