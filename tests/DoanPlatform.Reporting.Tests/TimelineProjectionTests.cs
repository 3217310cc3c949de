using DoanPlatform.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DoanPlatform.Reporting.Tests;

/// <summary>The timeline read model: one row per event per unit it concerns, every event narrated once, the same rows after a rebuild.</summary>
public sealed class TimelineProjectionTests(VietnamFactory factory) : IClassFixture<VietnamFactory>
{
    private async Task<List<string>> RowsAsync(string table, string order)
    {
        await using var db = NpgsqlDataSource.Create(factory.ConnectionString);
        await using var command = db.CreateCommand($"select to_jsonb(t)::text from doan_reporting.{table} t order by {order}");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }

    [Fact]
    public async Task Each_event_is_stored_once_per_unit_it_concerns_and_a_rebuild_gives_the_same_rows()
    {
        var world = await ReplayWorld.BuildAsync(factory);
        await factory.WaitForNonStaleAsync();
        var rows = await RowsAsync("unit_timeline", "unit_id, seq");
        var memory = await RowsAsync("unit_timeline_memory", "stream_id");

        // The meeting concerns the convening bloc and the invited unit; the merge concerns each side once.
        Assert.Equal(2, rows.Count(r => r.Contains("\"event_type\": \"meetings.meeting_convened\"", StringComparison.Ordinal)
                                       && (r.Contains(world.Bloc.ToString(), StringComparison.Ordinal) || r.Contains(world.Unit.ToString(), StringComparison.Ordinal))));
        Assert.Single(rows, r => r.Contains(world.Merged.ToString(), StringComparison.Ordinal) && r.Contains("organisation.unit_merged", StringComparison.Ordinal));
        Assert.Contains(memory, m => m.Contains("Hội nghị giao ban tháng 3/2024", StringComparison.Ordinal));

        await factory.Store.Advanced.RebuildProjectionAsync("reporting.unit_timeline");

        Assert.Equal(rows, await RowsAsync("unit_timeline", "unit_id, seq"));
        Assert.Equal(memory, await RowsAsync("unit_timeline_memory", "stream_id"));
    }

    [Fact]
    public async Task Every_event_the_platform_recorded_is_narrated_by_exactly_one_module()
    {
        await ReplayWorld.BuildAsync(factory);
        var narrators = factory.Services.GetServices<IEventNarrator>().ToList();
        Assert.Equal(4, narrators.Count);

        var streams = new List<Guid>();
        await using (var db = NpgsqlDataSource.Create(factory.ConnectionString))
        await using (var command = db.CreateCommand("select id from doan_events.streams"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                streams.Add(reader.GetGuid(0));
        }
        await using var query = factory.Store.QuerySession();
        var types = new HashSet<string>();
        foreach (var stream in streams)
        {
            foreach (var e in await query.Events.FetchStreamAsync(stream))
            {
                var narrations = narrators.Select(n => n.Narrate(e, new Dictionary<string, string>())).OfType<Narration>().ToList();
                Assert.True(narrations.Count == 1, $"{e.EventTypeName} has {narrations.Count} narrations");
                Assert.False(string.IsNullOrWhiteSpace(narrations[0].Text), e.EventTypeName);
                types.Add(e.EventTypeName);
            }
        }
        // The world touches every module: organisation, meetings, emulation (scales and sheets) and inspections.
        Assert.Superset(new HashSet<string>
        {
            "organisation.unit_established", "organisation.units_absorbed", "organisation.unit_merged", "organisation.account_created", "organisation.role_granted",
            "meetings.meeting_convened", "meetings.attendance_recorded", "emulation.scale_drafted", "emulation.scale_published", "emulation.self_assessed",
            "emulation.self_assessment_submitted", "emulation.scores_assessed", "emulation.score_adjusted", "inspections.plan_issued",
            "inspections.adjustment_proposed", "inspections.adjustment_approved", "inspections.adjustment_applied",
        }, types);
    }
}
