using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.EventStore;
using DoanPlatform.Testing;

namespace DoanPlatform.Inspections.Tests.Features;

/// <summary>Inspection conclusions take their numbers from the issuing unit's one notice register, the one its meeting notices use.</summary>
public sealed class NoticeRegisterTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    [Fact]
    public async Task Meeting_notices_and_inspection_conclusions_of_one_issuer_and_year_share_one_numbering()
    {
        var world = await World.BuildAsync(factory, ["Chi đoàn Sở Tài chính"]);
        Assert.Equal("1-TB/ĐTN", await NoticeAsync(world, await MeetingAsync(world, "2024-06-10"), "2024-06-12"));
        Assert.Equal("2-TB/ĐTN", await NoticeAsync(world, await MeetingAsync(world, "2024-09-10"), "2024-09-12"));
        Assert.Equal("3-TB/ĐTN", await ConclusionAsync(world, await InspectedPlanAsync(world, "80-KH/ĐTN"), "2024-10-25"));
        Assert.Equal("4-TB/ĐTN", await NoticeAsync(world, await MeetingAsync(world, "2024-12-10"), "2024-12-12"));
        // A new year opens a new register.
        Assert.Equal("1-TB/ĐTN", await ConclusionAsync(world, await InspectedPlanAsync(world, "81-KH/ĐTN"), "2025-01-06"));
    }

    [Fact]
    public async Task Concurrent_notices_and_conclusions_never_take_the_same_number()
    {
        var world = await World.BuildAsync(factory, ["Chi đoàn Sở Y tế"]);
        var meetings = new List<(Guid, long)>();
        var plans = new List<(Guid, long)>();
        for (var i = 0; i < 4; i++)
        {
            meetings.Add(await MeetingAsync(world, $"2024-0{i + 1}-10"));
            plans.Add(await InspectedPlanAsync(world, $"9{i}-KH/ĐTN"));
        }
        var issued = await Task.WhenAll(meetings.Select(m => NoticeAsync(world, m, "2024-10-30")).Concat(plans.Select(p => ConclusionAsync(world, p, "2024-10-30"))));
        Assert.All(issued, n => Assert.EndsWith("-TB/ĐTN", n, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, 8), issued.Select(n => int.Parse(n.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public async Task The_shared_register_continues_after_the_numbers_the_old_conclusion_register_gave()
    {
        var world = await World.BuildAsync(factory, ["Chi đoàn Sở Tư pháp"]);
        // Written before the switch: Inspections' own register had reached 5 for this issuer in 2024.
        await using (var session = factory.Store.LightweightSession(new Actor("kiem-thu", "Kiểm thử")))
        {
            session.Events.StartStream<ConclusionRegister>(ConclusionRegister.StreamId(world.Bloc, 2024),
                [.. Enumerable.Range(1, 5).Select(n => (object)new ConclusionNumberTaken(world.Bloc, 2024, n, $"{n}-TB/ĐTN", Guid.CreateVersion7()))]);
            await session.SaveChangesAsync();
        }
        Assert.Equal("6-TB/ĐTN", await NoticeAsync(world, await MeetingAsync(world, "2024-06-10"), "2024-06-12"));
        Assert.Equal("7-TB/ĐTN", await ConclusionAsync(world, await InspectedPlanAsync(world, "99-KH/ĐTN"), "2024-10-25"));
    }

    private static async Task<(Guid Id, long Version)> MeetingAsync(World world, string heldOn)
    {
        var response = await world.Admin.PostOkAsync("/api/meetings", new
        {
            kind = "Briefing", conveningUnitId = world.Bloc, title = "Hội nghị giao ban công tác Đoàn", period = "Quý", heldOn, venue = "Trà Vinh",
            chairs = new[] { new { name = "Nguyễn Trọng Nhân", title = "Bí thư Đoàn Khối" } },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("version").GetInt64());
    }

    private static async Task<string> NoticeAsync(World world, (Guid Id, long Version) meeting, string issuedOn)
    {
        var response = await world.Admin.PostAsJsonAsync($"/api/meetings/{meeting.Id}/notice", new
        {
            version = meeting.Version, issuerSymbol = "ĐTN", issuedOn, place = "Trà Vinh", recipients = new[] { "Lưu VP" },
            signature = new { authority = "TM. BAN THƯỜNG VỤ", title = "BÍ THƯ", signer = "Nguyễn Trọng Nhân" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numberSymbol").GetString()!;
    }

    private static async Task<(Guid Id, long Version)> InspectedPlanAsync(World world, string numberSymbol)
    {
        var plan = await world.PlanAsync(numberSymbol, "2024-10-01", "2024-10-31", await world.HeadAccountAsync(), []);
        var version = await World.VersionOf(await world.Admin.PostOkAsync($"/api/inspections/plans/{plan}/inspections", new
        {
            version = 1, heldOn = "2024-10-16", units = world.Units.Select(u => new { unitId = u, reviews = new[] { new { topic = "A2", verdict = "Accepted" } } }),
        }));
        return (plan, version);
    }

    private static async Task<string> ConclusionAsync(World world, (Guid Id, long Version) plan, string issuedOn)
    {
        var response = await world.Admin.PostAsJsonAsync($"/api/inspections/plans/{plan.Id}/conclusion", new
        {
            version = plan.Version, issuerSymbol = "ĐTN", issuedOn, place = "Trà Vinh", signer = "Nguyễn Trọng Nhân", signerTitle = "TM. BAN THƯỜNG VỤ",
            recipients = new[] { "Lưu VP" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numberSymbol").GetString()!;
    }
}
