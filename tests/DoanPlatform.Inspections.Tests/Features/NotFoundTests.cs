using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Inspections.Tests.Features;

/// <summary>Unknown ids under a plan (adjustments, recommendations, units not in the plan, plans asked for by query) answer 404 problems.</summary>
public sealed class NotFoundTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    [Fact]
    public async Task Unknown_adjustments_recommendations_units_and_plans_are_404_with_what_was_not_found()
    {
        var world = await World.BuildAsync(factory, ["Chi đoàn Sở Xây dựng", "Chi đoàn Sở Nội vụ"]);
        var (inPlan, outside) = (world.Units[0], world.Units[1]);
        var (_, head, _) = await world.AccountAsync(factory, "Inspector", world.Bloc);
        var plan = await world.PlanAsync("70-KH/ĐTN", "2024-10-01", "2024-10-31", head, [], [inPlan]);
        var version = await World.VersionOf(await world.Admin.PostOkAsync($"/api/inspections/plans/{plan}/inspections", new
        {
            version = 1, heldOn = "2024-10-16",
            units = new[] { new { unitId = inPlan, recommendations = new[] { new { text = "Bổ sung minh chứng", deadline = "2024-12-31" } } } },
        }));
        var unknown = Guid.NewGuid();

        await AssertNotFoundAsync(await world.Admin.PostAsJsonAsync($"/api/inspections/plans/{plan}/adjustments/{unknown}/approve", new { version }),
            "đề xuất điều chỉnh");
        await AssertNotFoundAsync(await world.Admin.PostAsJsonAsync($"/api/inspections/plans/{plan}/adjustments/{unknown}/decline",
            new { version, reason = "Không cần" }), "đề xuất điều chỉnh");
        await AssertNotFoundAsync(await world.Admin.PostAsJsonAsync($"/api/inspections/plans/{plan}/recommendations/{unknown}/reports",
            new { version, report = "Đã làm", completed = true }), "kiến nghị");
        await AssertNotFoundAsync(await world.Admin.PostAsJsonAsync($"/api/inspections/plans/{plan}/inspections", new
        {
            version, heldOn = "2024-10-17", units = new[] { new { unitId = outside, reviews = new[] { new { topic = "A2", verdict = "Accepted" } } } },
        }), "units[0].unitId");
        await AssertNotFoundAsync(await world.Admin.PostAsJsonAsync($"/api/inspections/plans/{plan}/adjustments",
            new { version, unitId = outside, conditionCode = "A2", value = 0m, reason = "Không có minh chứng" }), "unitId");
        await AssertNotFoundAsync(await world.Admin.GetAsync(new Uri($"/api/inspections/recommendations?planId={unknown}", UriKind.Relative)), unknown.ToString());
        await AssertNotFoundAsync(await world.Admin.GetAsync(new Uri($"/api/inspections/adjustments?planId={unknown}", UriKind.Relative)), unknown.ToString());
        await AssertNotFoundAsync(await world.Admin.PostAsJsonAsync($"/api/inspections/plans/{unknown}/adjustments/{unknown}/approve", new { version = 1 }),
            unknown.ToString());

        // Nothing was written by any of them; and someone who may not read the plan learns nothing about its recommendations.
        Assert.Equal(version, (await world.Admin.GetJsonAsync($"/api/inspections/plans/{plan}")).GetProperty("version").GetInt64());
        var (_, _, stranger) = await world.AccountAsync(factory, "Auditor", outside);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/inspections/plans/{plan}/recommendations/{unknown}/reports",
            new { version, report = "Đã làm", completed = true })).StatusCode);
    }

    private static async Task AssertNotFoundAsync(HttpResponseMessage response, string mentioned)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{(int)response.StatusCode} {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains(mentioned, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
