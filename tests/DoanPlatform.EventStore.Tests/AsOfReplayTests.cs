using DoanPlatform.EventStore.Projections;
using DoanPlatform.Testing;

namespace DoanPlatform.EventStore.Tests;

/// <summary>Read models as of a recorded time, and catching one up without a daemon.</summary>
public sealed class AsOfReplayTests
{
    private static async Task<IDocumentStore> StoreAsync(string prefix) =>
        await TestStore.CreateAsync(await PostgresCluster.CreateDatabaseAsync(prefix), o =>
        {
            o.Projections.Add(new SeenEvents(), ProjectionLifecycle.Async);
            o.Projections.Add(new PointTotals(), ProjectionLifecycle.Inline);
        });

    private static Task AppendAsync(IDocumentStore store, int streams) =>
        store.Advanced.BulkInsertStreamsAsync(
            Enumerable.Range(0, streams).Select(i => new BulkStream(Guid.CreateVersion7(), "Tally", [new UnitOpened($"U{i}"), new PointsScored(i)])),
            TestStore.Clerk);

    private static async Task<DateTimeOffset> LastRecordedAtAsync(IDocumentStore store)
    {
        await using var command = store.DataSource.CreateCommand("select max(recorded_at) from doan_events.events");
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync())!, TimeSpan.Zero);
    }

    private static async Task<long> CountAsync(ProjectionContext context, string table)
    {
        await using var command = context.Command($"select count(*) from {context.Table(table)}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_read_model_as_of_now_waits_for_events_an_older_open_transaction_still_hides()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync("asof_wait");
        var store = await TestStore.CreateAsync(connectionString, o => o.Projections.Add(new SeenEvents(), ProjectionLifecycle.Async));
        await using var open = await OpenTransaction.BeginAsync(connectionString);
        await AppendAsync(store, 4);

        var reading = store.Advanced.ReadAsOfAsync(["seen_events"], DateTimeOffset.UtcNow, contexts => CountAsync(contexts["seen_events"], "seen_events"));
        // Without waiting, the replay would answer at once with none of the four streams' events.
        await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(2)));
        Assert.False(reading.IsCompleted);
        await open.EndAsync();

        Assert.Equal(8L, await reading);
    }

    [Fact]
    public async Task A_read_model_as_of_a_recorded_time_holds_only_the_events_recorded_until_then_and_leaves_nothing_behind()
    {
        var store = await StoreAsync("asof");
        await AppendAsync(store, 3);
        var first = await LastRecordedAtAsync(store);
        await AppendAsync(store, 2);

        var then = await store.Advanced.ReadAsOfAsync(["seen_events", "point_totals"], first.ToOffset(TimeSpan.FromHours(7)),
            async contexts => (await CountAsync(contexts["seen_events"], "seen_events"), await CountAsync(contexts["point_totals"], "point_totals")));
        var now = await store.Advanced.ReadAsOfAsync(["seen_events"], DateTimeOffset.UtcNow, contexts => CountAsync(contexts["seen_events"], "seen_events"));

        Assert.Equal((6L, 3L), then);
        Assert.Equal(10L, now);
        Assert.Equal(0, await store.ScalarAsync("select count(*) from pg_namespace where nspname like 'doan_asof_%'"));
        Assert.Equal(0, await store.ScalarAsync("select count(*) from test_read.seen_events"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.Advanced.ReadAsOfAsync(["no_such"], DateTimeOffset.UtcNow, _ => Task.FromResult(0)));
    }

    [Fact]
    public async Task Catching_up_applies_every_committed_event_once_without_a_daemon()
    {
        var store = await StoreAsync("catchup");
        await AppendAsync(store, 700);

        await store.Advanced.CatchUpAsync("seen_events");
        await AppendAsync(store, 5);
        await store.Advanced.CatchUpAsync("seen_events");

        var seen = await store.SeenAsync();
        Assert.Equal(await store.AllSequencesAsync(), seen.Select(s => s.Seq));
        Assert.All(seen, s => Assert.Equal(1, s.Times));
        Assert.Equal(0, Assert.Single(await store.Advanced.ProgressAsync(), p => p.Name == "seen_events").Behind);
        await Assert.ThrowsAsync<ArgumentException>(() => store.Advanced.CatchUpAsync("point_totals"));
    }
}
