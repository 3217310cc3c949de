using System.Net.Http.Json;
using DoanPlatform.EventStore;
using DoanPlatform.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DoanPlatform.Inspections.Tests.Features;

/// <summary>An approved adjustment is applied exactly once: across a host killed before application, and across redelivery.</summary>
public sealed class ExactlyOnceTests
{
    /// <summary>The host again, on an existing database; optionally with a daemon that polls once at start and then sleeps (a host about to die).</summary>
    private sealed class RestartedFactory(string connectionString, TimeSpan? poll = null) : SignedInFactory
    {
        public override Task InitializeAsync() => Task.CompletedTask;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Doan", connectionString);
            if (poll is { } interval)
                builder.ConfigureServices(services => services.PostConfigure<StoreOptions>(o => o.DaemonPollInterval = interval));
        }
    }

    [Fact]
    public async Task An_adjustment_approved_just_before_the_host_dies_is_applied_once_after_restart_and_once_after_redelivery()
    {
        var first = new SignedInFactory();
        await first.InitializeAsync();
        var connection = first.ConnectionString;
        var world = await World.BuildAsync(first, ["Chi đoàn Sở Công Thương"]);
        var unit = world.Units[0];
        await world.AssessAsync(unit, 30, 1, 30);
        var (_, head, _) = await world.AccountAsync(first, "Inspector", world.Bloc);
        var plan = await world.PlanAsync("40-KH/ĐTN", "2024-10-01", "2024-10-31", head, []);
        var tag = Guid.NewGuid().ToString("N");
        var version = await World.VersionOf(await world.Admin.PostOkAsync($"/api/inspections/plans/{plan}/adjustments",
            new { version = 1, unitId = unit, conditionCode = "A2", value = 0m, reason = $"Minh chứng không được chấp nhận ({tag})" }));
        // A second adjustment of the same sheet: both reach the restarted daemon in one batch.
        version = await World.VersionOf(await world.Admin.PostOkAsync($"/api/inspections/plans/{plan}/adjustments",
            new { version, unitId = unit, conditionCode = "A1", value = 20m, reason = "Chưa tổ chức học tập nghị quyết cho toàn bộ đoàn viên" }));
        var proposed = (await world.Admin.GetJsonAsync($"/api/inspections/plans/{plan}")).GetProperty("adjustments");
        var adjustment = proposed[0].GetProperty("adjustmentId").GetGuid();
        var second = proposed[1].GetProperty("adjustmentId").GetGuid();
        await first.DisposeAsync();

        await using (var dying = new RestartedFactory(connection, TimeSpan.FromHours(1)))
        {
            var admin = await dying.SignInAsync();
            version = await World.VersionOf(await admin.PostOkAsync($"/api/inspections/plans/{plan}/adjustments/{adjustment}/approve", new { version }));
            await admin.PostOkAsync($"/api/inspections/plans/{plan}/adjustments/{second}/approve", new { version });
        }
        Assert.Equal((1L, 0L, 0L), await CountsAsync(connection, tag, adjustment));

        await using var restarted = new RestartedFactory(connection);
        await World.SettleAsync(restarted);
        Assert.Equal((1L, 1L, 1L), await CountsAsync(connection, tag, adjustment));
        var sheet = await (await restarted.SignInAsync()).GetJsonAsync($"/api/emulation/sheets/{unit}/2024");
        Assert.Equal(50m, sheet.GetProperty("total").GetDecimal());

        // Redelivery: rewind the subscription's checkpoint, as after a crash between handling and checkpointing.
        await using (var rewind = restarted.Store.DataSource.CreateCommand(
            "update doan_events.progress set last_tx = '0', last_seq = 0 where name = 'emulation.inspection_adjustments'"))
            Assert.Equal(1, await rewind.ExecuteNonQueryAsync());
        await Task.Delay(300);
        await World.SettleAsync(restarted);
        Assert.Equal((1L, 1L, 1L), await CountsAsync(connection, tag, adjustment));
        var ledger = await (await restarted.SignInAsync()).GetJsonAsync($"/api/inspections/adjustments?planId={plan}");
        Assert.Equal(["Applied", "Applied"], ledger.EnumerateArray().Select(a => a.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_result_locked_between_approval_and_application_records_a_refusal_once_and_the_daemon_moves_on()
    {
        var first = new SignedInFactory();
        await first.InitializeAsync();
        var connection = first.ConnectionString;
        var world = await World.BuildAsync(first, ["Chi đoàn Sở Xây dựng"]);
        var unit = world.Units[0];
        var sheetVersion = await world.AssessAsync(unit, 30, 1, 30);
        var (_, head, _) = await world.AccountAsync(first, "Inspector", world.Bloc);
        var plan = await world.PlanAsync("41-KH/ĐTN", "2024-10-01", "2024-10-31", head, []);
        var tag = Guid.NewGuid().ToString("N");
        var version = await World.VersionOf(await world.Admin.PostOkAsync($"/api/inspections/plans/{plan}/adjustments",
            new { version = 1, unitId = unit, conditionCode = "A2", value = 0m, reason = $"Minh chứng không được chấp nhận ({tag})" }));
        var adjustment = (await world.Admin.GetJsonAsync($"/api/inspections/plans/{plan}")).GetProperty("adjustments")[0].GetProperty("adjustmentId").GetGuid();
        await first.DisposeAsync();

        await using (var dying = new RestartedFactory(connection, TimeSpan.FromHours(1)))
        {
            var admin = await dying.SignInAsync();
            await admin.PostOkAsync($"/api/inspections/plans/{plan}/adjustments/{adjustment}/approve", new { version });
            await admin.PostOkAsync($"/api/emulation/sheets/{unit}/2024/lock", new { version = sheetVersion });
        }

        await using var restarted = new RestartedFactory(connection);
        await World.SettleAsync(restarted);
        Assert.Equal((1L, 0L, 0L), await CountsAsync(connection, tag, adjustment));
        var ledger = await (await restarted.SignInAsync()).GetJsonAsync($"/api/inspections/adjustments?planId={plan}");
        Assert.Equal("Refused", ledger[0].GetProperty("status").GetString());
        Assert.Contains("chốt", ledger[0].GetProperty("note").GetString(), StringComparison.Ordinal);
        var sheet = await (await restarted.SignInAsync()).GetJsonAsync($"/api/emulation/sheets/{unit}/2024");
        Assert.Equal(80m, sheet.GetProperty("total").GetDecimal());
    }

    /// <summary>(approvals, score adjustments in the sheet, outcomes recorded) for one adjustment.</summary>
    private static async Task<(long, long, long)> CountsAsync(string connectionString, string tag, Guid adjustment)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(connectionString);
        async Task<long> Count(string type, string needle)
        {
            await using var command = db.CreateCommand("select count(*) from doan_events.events where type = $1 and position($2 in data::text) > 0");
            command.Parameters.AddWithValue(type);
            command.Parameters.AddWithValue(needle);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        return (await Count("inspections.adjustment_approved", adjustment.ToString()), await Count("emulation.score_adjusted", tag),
            await Count("inspections.adjustment_applied", adjustment.ToString()));
    }
}
