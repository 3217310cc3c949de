using System.Text.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Inspections.Tests.Features;

/// <summary>"Rejected evidence can void a self-assessed condition that required it": proposed by the review, approved by the issuer, applied by Emulation.</summary>
public sealed class RejectedEvidenceTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private static object Review(string topic, string verdict) => new { topic, verdict, comment = "Minh chứng không thể hiện số đoàn viên đã học" };

    [Fact]
    public async Task Rejecting_the_evidence_of_a_condition_that_required_it_voids_it_once_approved_and_nothing_else_proposes_a_void()
    {
        var world = await World.BuildAsync(factory, ["Chi đoàn Sở Tài chính", "Chi đoàn Sở Y tế", "Chi đoàn Sở Tư pháp", "Chi đoàn Sở Nội vụ"]);
        var units = world.Units;
        foreach (var unit in units[..3])
            await world.AssessAsync(unit, 30, 1, 30);
        // The fourth unit self-assessed A2 as not achieved: there is nothing to void.
        await world.AssessAsync(units[3], 30, 0, 30);
        var (_, head, _) = await world.AccountAsync(factory, "Inspector", world.Bloc);
        var plan = await world.PlanAsync("60-KH/ĐTN", "2024-10-01", "2024-10-31", head, [], topics:
        [
            new { conditionCode = "A1", title = "Tổ chức học tập nghị quyết" },
            new { conditionCode = "A2", title = "Học tập 02 chuyên đề trên App Thanh niên Việt Nam" },
        ]);

        var held = await world.Admin.PostOkAsync($"/api/inspections/plans/{plan}/inspections", new
        {
            version = 1, heldOn = "2024-10-16", place = "Hội trường Đoàn Khối",
            units = new object[]
            {
                new { unitId = units[0], reviews = new[] { Review("Học tập 02 chuyên đề trên App Thanh niên Việt Nam", "Rejected") } },
                // A1 requires no evidence; A2 only partly accepted.
                new { unitId = units[1], reviews = new[] { Review("A1", "Rejected"), Review("A2", "PartlyAccepted") } },
                new { unitId = units[2], reviews = new[] { Review("A2", "Accepted") } },
                new { unitId = units[3], reviews = new[] { Review("A2", "Rejected") } },
            },
        });
        var version = await World.VersionOf(held);
        Assert.Equal(1 + 1 + 5 + 1, version);
        var proposal = Assert.Single((await world.Admin.GetJsonAsync($"/api/inspections/plans/{plan}")).GetProperty("adjustments").EnumerateArray());
        Assert.Equal((units[0], "A2", 0m, "Minh chứng không được chấp nhận khi kiểm tra ngày 16/10/2024: Minh chứng không thể hiện số đoàn viên đã học"),
            (proposal.GetProperty("unitId").GetGuid(), proposal.GetProperty("conditionCode").GetString(), proposal.GetProperty("value").GetDecimal(),
                proposal.GetProperty("reason").GetString()));
        Assert.Equal(80m, (await SheetAsync(world, units[0])).GetProperty("total").GetDecimal());

        await world.Admin.PostOkAsync($"/api/inspections/plans/{plan}/adjustments/{proposal.GetProperty("adjustmentId").GetGuid()}/approve", new { version });
        await World.SettleAsync(factory);

        var sheet = await SheetAsync(world, units[0]);
        var a2 = sheet.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "A2");
        Assert.Equal((0m, 0m, 60m), (a2.GetProperty("adjusted").GetDecimal(), a2.GetProperty("points").GetDecimal(), sheet.GetProperty("total").GetDecimal()));
        Assert.Equal([80m, 80m, 60m], await Task.WhenAll(units[1..].Select(async u => (await SheetAsync(world, u)).GetProperty("total").GetDecimal())));
        var ledger = Assert.Single((await world.Admin.GetJsonAsync($"/api/inspections/adjustments?planId={plan}")).EnumerateArray());
        Assert.Equal("Applied", ledger.GetProperty("status").GetString());
    }

    private static Task<JsonElement> SheetAsync(World world, Guid unit) => world.Admin.GetJsonAsync($"/api/emulation/sheets/{unit}/2024");
}
