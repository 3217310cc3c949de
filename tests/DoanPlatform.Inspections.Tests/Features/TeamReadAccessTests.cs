using System.Net;
using System.Net.Http.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Inspections.Tests.Features;

/// <summary>
/// A plan's team reads the plan's units in every module (here Emulation's scoring sheet) during the plan only, through IUnitAccess:
/// not other units, not after the plan, and never a write.
/// </summary>
public sealed class TeamReadAccessTests(ClockedFactory factory) : IClassFixture<ClockedFactory>
{
    [Fact]
    public async Task A_team_member_reads_the_plan_units_sheets_during_the_plan_and_nothing_else()
    {
        factory.Time.Now = new DateTimeOffset(2024, 10, 16, 9, 0, 0, TimeSpan.Zero);
        var world = await World.BuildAsync(factory, ["Chi đoàn Sở Tài chính", "Chi đoàn Sở Y tế"]);
        var (inspected, other) = (world.Units[0], world.Units[1]);
        await world.AssessAsync(inspected, 30, 1, 30);
        await world.AssessAsync(other, 30, 1, 30);
        var user = $"kt{Guid.NewGuid():N}"[..12];
        var member = await World.IdOf(await world.Admin.PostOkAsync("/api/organisation/accounts",
            new { userName = user, displayName = "Thành viên đoàn kiểm tra", password = World.Password }));
        var client = await factory.SignInAsync(user, World.Password);
        var sheet = new Uri($"/api/emulation/sheets/{inspected}/2024", UriKind.Relative);

        // Without a role anywhere and before any plan: nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(sheet)).StatusCode);

        var (_, head, _) = await world.AccountAsync(factory, "Inspector", world.Bloc);
        await world.PlanAsync("50-KH/ĐTN", "2024-10-01", "2024-10-31", head, [member], [inspected]);
        await factory.WaitForNonStaleAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(sheet)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/api/emulation/sheets/{inspected}/2024/explain/A2", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri($"/api/emulation/sheets/{other}/2024", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri($"/api/emulation/sheets/{world.Bloc}/2024", UriKind.Relative))).StatusCode);
        var write = await client.PostAsJsonAsync($"/api/emulation/sheets/{inspected}/2024/submit", new { version = await world.SheetVersionAsync(inspected) });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);

        // The day after the plan ends: the grant has lapsed.
        factory.Time.Now = new DateTimeOffset(2024, 11, 1, 9, 0, 0, TimeSpan.Zero);
        client = await factory.SignInAsync(user, World.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(sheet)).StatusCode);
        // And before it starts.
        factory.Time.Now = new DateTimeOffset(2024, 9, 30, 9, 0, 0, TimeSpan.Zero);
        client = await factory.SignInAsync(user, World.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(sheet)).StatusCode);
    }
}
