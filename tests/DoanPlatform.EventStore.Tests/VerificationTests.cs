using System.Text.Json;
using DoanPlatform.EventStore.Daemon;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace DoanPlatform.EventStore.Tests;

public sealed class VerificationTests
{
    [Fact]
    public async Task An_inline_read_model_verifies_identical_after_appends_of_every_kind_and_only_its_own_tables_are_compared()
    {
        var store = await TestStore.CreateAsync(await PostgresCluster.CreateDatabaseAsync("verify"), o =>
        {
            o.Projections.Add(new EventLog(), ProjectionLifecycle.Inline);
            o.Projections.Add(new PointTotals(), ProjectionLifecycle.Inline);
        });
        var id = Guid.CreateVersion7();
        await AppendAsync(store, s => s.Events.StartStream<Tally>(id, new UnitOpened("Chi đoàn A"), new PointsScored(3)));
        await AppendAsync(store, s => s.Events.Append(id, 2, new PointsScored(4)));
        // Without an expected version only the database knows the version; the inline projection must still see the stored one.
        await AppendAsync(store, s => s.Events.Append(id, new PointsScored(5), new UnitRenamed("Chi đoàn B")));
        await store.Advanced.BulkInsertStreamsAsync(
            Enumerable.Range(0, 10).Select(i => new BulkStream(Guid.CreateVersion7(), "Tally", [new UnitOpened($"U{i}"), new PointsScored(i)])), TestStore.Clerk);

        var log = await store.Advanced.VerifyProjectionAsync("event_log");
        var totals = await store.Advanced.VerifyProjectionAsync("point_totals");

        Assert.True(log.IsIdentical, Describe(log));
        Assert.True(totals.IsIdentical, Describe(totals));
        var table = Assert.Single(log.Tables);
        Assert.Equal(("test_read.event_log", 25L, 25L), (table.Table, table.LiveRows, table.RebuiltRows));
        Assert.Equal("test_read.point_totals", Assert.Single(totals.Tables).Table);
        Assert.Equal(5, await store.ScalarAsync($"select version from test_read.event_log where stream_id = '{id}' and type = 'test.unit_renamed'"));
        Assert.Equal(0, await ShadowSchemasAsync(store));
    }

    [Theory]
    [InlineData("update")]
    [InlineData("delete")]
    [InlineData("insert")]
    public async Task A_row_changed_behind_the_projections_back_is_reported_and_nothing_else(string tamper)
    {
        var store = await TestStore.CreateAsync(await PostgresCluster.CreateDatabaseAsync("verify_" + tamper),
            o => o.Projections.Add(new EventLog(), ProjectionLifecycle.Inline));
        await AppendAsync(store, s => s.Events.StartStream<Tally>(Guid.CreateVersion7(),
            new UnitOpened("Chi đoàn Sở Tài chính"), new PointsScored(1), new PointsScored(2), new PointsScored(3), new PointsScored(4)));
        var target = (await store.AllSequencesAsync())[2];
        await using (var command = store.DataSource.CreateCommand(tamper switch
                     {
                         "update" => $"update test_read.event_log set points = 99 where seq = {target}",
                         "delete" => $"delete from test_read.event_log where seq = {target}",
                         _ => "insert into test_read.event_log values (999999, gen_random_uuid(), 7, 'test.points_scored', now(), 1)",
                     }))
            await command.ExecuteNonQueryAsync();

        var result = await store.Advanced.VerifyProjectionAsync("event_log");

        Assert.False(result.IsIdentical);
        var table = Assert.Single(result.Tables);
        var rows = table.Sample.Select(d => (d.Kind, Seq: Field(d.Row, "seq"), Points: Field(d.Row, "points"))).ToList();
        switch (tamper)
        {
            case "update":
                Assert.Equal([(RowDifferenceKind.OnlyInLive, target, 99L), (RowDifferenceKind.OnlyInRebuilt, target, 2L)], rows);
                Assert.Equal((5L, 5L, 1L, 1L), (table.LiveRows, table.RebuiltRows, table.OnlyInLive, table.OnlyInRebuilt));
                break;
            case "delete":
                Assert.Equal([(RowDifferenceKind.OnlyInRebuilt, target, 2L)], rows);
                Assert.Equal((4L, 5L, 0L, 1L), (table.LiveRows, table.RebuiltRows, table.OnlyInLive, table.OnlyInRebuilt));
                break;
            default:
                Assert.Equal([(RowDifferenceKind.OnlyInLive, 999999L, 1L)], rows);
                Assert.Equal((6L, 5L, 1L, 0L), (table.LiveRows, table.RebuiltRows, table.OnlyInLive, table.OnlyInRebuilt));
                break;
        }
        Assert.Equal(0, await ShadowSchemasAsync(store));
    }

    [Fact]
    public async Task An_async_read_model_verifies_at_its_checkpoint_while_writers_and_the_daemon_run_and_the_daemon_goes_on_after()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync("verify_async");
        using var host = DaemonTests.StartHost(connectionString, o =>
        {
            o.DaemonBatchSize = 50;
            o.Projections.Add(new SeenEvents(), ProjectionLifecycle.Async);
        });
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Advanced.ApplySchemaAsync();
        await store.Advanced.BulkInsertStreamsAsync(
            Enumerable.Range(0, 200).Select(i => new BulkStream(Guid.CreateVersion7(), "Tally", [new UnitOpened($"U{i}"), new PointsScored(i)])), TestStore.Clerk);

        // A writer appends throughout: each verification must still compare the live rows with a replay up to the same point.
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await AppendAsync(store, s => s.Events.StartStream<Tally>(Guid.CreateVersion7(), new UnitOpened("Chi đoàn mới"), new PointsScored(1)));
                written++;
            }
        });
        for (var i = 0; i < 3; i++)
        {
            var during = await store.Advanced.VerifyProjectionAsync("seen_events");
            Assert.True(during.IsIdentical, Describe(during));
        }
        await stop.CancelAsync();
        await writer;
        Assert.True(written > 0);

        await store.Advanced.WaitForNonStaleAsync(TimeSpan.FromSeconds(30));
        var first = (await store.AllSequencesAsync())[0];
        await using (var tamper = store.DataSource.CreateCommand($"update test_read.seen_events set times = 2 where seq = {first}"))
            await tamper.ExecuteNonQueryAsync();
        var tampered = await store.Advanced.VerifyProjectionAsync("seen_events");
        var table = Assert.Single(tampered.Tables);
        Assert.Equal((1L, 1L), (table.OnlyInLive, table.OnlyInRebuilt));
        Assert.Equal([(RowDifferenceKind.OnlyInLive, first, 2L), (RowDifferenceKind.OnlyInRebuilt, first, 1L)],
            table.Sample.Select(d => (d.Kind, Field(d.Row, "seq"), Field(d.Row, "times"))));

        // The daemon was held only while comparing: it goes on with new events.
        await AppendAsync(store, s => s.Events.StartStream<Tally>(Guid.CreateVersion7(), new UnitOpened("Chi đoàn sau"), new PointsScored(7)));
        await store.Advanced.WaitForNonStaleAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(await store.AllSequencesAsync(), (await store.SeenAsync()).Select(s => s.Seq));
        Assert.Equal(0, await ShadowSchemasAsync(store));
    }

    [Fact]
    public async Task An_async_read_model_behind_the_last_event_is_compared_at_its_checkpoint_not_beyond()
    {
        var store = await TestStore.CreateAsync(await PostgresCluster.CreateDatabaseAsync("verify_behind"), o =>
        {
            o.DaemonBatchSize = 10;
            o.Projections.Add(new SeenEvents(), ProjectionLifecycle.Async);
        });
        await store.Advanced.BulkInsertStreamsAsync(
            Enumerable.Range(0, 10).Select(i => new BulkStream(Guid.CreateVersion7(), "Tally", [new UnitOpened($"U{i}"), .. Enumerable.Repeat<object>(new PointsScored(1), 4)])),
            TestStore.Clerk);
        var daemon = new ProjectionDaemon(store, NullLogger<ProjectionDaemon>.Instance);
        var shard = Assert.Single(store.Advanced.AsyncShards);
        await RunVisibleBatchAsync(daemon, shard);
        await RunVisibleBatchAsync(daemon, shard);

        var result = await store.Advanced.VerifyProjectionAsync("seen_events");

        Assert.True(result.IsIdentical, Describe(result));
        var table = Assert.Single(result.Tables);
        Assert.Equal((20L, 20L), (table.LiveRows, table.RebuiltRows));
    }

    [Fact]
    public async Task A_cancelled_verification_drops_its_shadow_schema_and_the_next_one_runs()
    {
        var store = await TestStore.CreateAsync(await PostgresCluster.CreateDatabaseAsync("verify_cancel"), o =>
        {
            o.DaemonBatchSize = 10;
            o.Projections.Add(new SeenEvents(delayPerBatch: TimeSpan.FromMilliseconds(50)), ProjectionLifecycle.Async);
        });
        await store.Advanced.BulkInsertStreamsAsync(
            Enumerable.Range(0, 50).Select(i => new BulkStream(Guid.CreateVersion7(), "Tally", [new UnitOpened($"U{i}"), new PointsScored(i)])), TestStore.Clerk);
        var daemon = new ProjectionDaemon(store, NullLogger<ProjectionDaemon>.Instance);
        var shard = Assert.Single(store.Advanced.AsyncShards);
        await RunToEndAsync(store, daemon, shard);

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Advanced.VerifyProjectionAsync("seen_events", ct: cancel.Token));
        Assert.Equal(0, await ShadowSchemasAsync(store));

        var again = await store.Advanced.VerifyProjectionAsync("seen_events").WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(again.IsIdentical, Describe(again));
        Assert.Equal(100, again.LiveRows);
        Assert.Equal(0, await ShadowSchemasAsync(store));
    }

    [Fact]
    public async Task Two_verifications_of_one_projection_take_turns_and_a_cancelled_waiter_leaves_the_running_one_alone()
    {
        var store = await TestStore.CreateAsync(await PostgresCluster.CreateDatabaseAsync("verify_turns"), o =>
        {
            o.DaemonBatchSize = 10;
            o.Projections.Add(new SeenEvents(delayPerBatch: TimeSpan.FromMilliseconds(50)), ProjectionLifecycle.Async);
        });
        await store.Advanced.BulkInsertStreamsAsync(
            Enumerable.Range(0, 100).Select(i => new BulkStream(Guid.CreateVersion7(), "Tally", [new UnitOpened($"U{i}"), new PointsScored(i)])), TestStore.Clerk);
        var daemon = new ProjectionDaemon(store, NullLogger<ProjectionDaemon>.Instance);
        var shard = Assert.Single(store.Advanced.AsyncShards);
        await RunToEndAsync(store, daemon, shard);

        var running = store.Advanced.VerifyProjectionAsync("seen_events");
        while (await ShadowSchemasAsync(store) == 0)
            await Task.Delay(10);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Advanced.VerifyProjectionAsync("seen_events", ct: cancel.Token));

        var first = await running;
        var second = await store.Advanced.VerifyProjectionAsync("seen_events");
        Assert.True(first.IsIdentical, Describe(first));
        Assert.True(second.IsIdentical, Describe(second));
        Assert.Equal((200L, 200L), (first.LiveRows, second.LiveRows));
        Assert.Equal(0, await ShadowSchemasAsync(store));
    }

    [Fact]
    public async Task An_unknown_name_or_a_subscription_is_refused_with_the_known_projections()
    {
        var store = await TestStore.CreateAsync(await PostgresCluster.CreateDatabaseAsync("verify_names"),
            o => o.Projections.Add(new PointTotals(), ProjectionLifecycle.Inline));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => store.Advanced.VerifyProjectionAsync("no_such_projection"));
        Assert.Contains("Known: point_totals", unknown.Message, StringComparison.Ordinal);
    }

    private static async Task AppendAsync(IDocumentStore store, Action<IDocumentSession> append)
    {
        await using var session = store.LightweightSession(TestStore.Clerk);
        append(session);
        await session.SaveChangesAsync();
    }

    private static long Field(string row, string name)
    {
        using var json = JsonDocument.Parse(row);
        return json.RootElement.GetProperty(name).GetInt64();
    }

    private static Task<long> ShadowSchemasAsync(IDocumentStore store) =>
        store.ScalarAsync("select count(*) from pg_namespace where nspname like 'doan_verify_%' or nspname like 'doan_shadow_%'");

    private static string Describe(ProjectionVerification result) => string.Join("; ", result.Tables.Select(t =>
        $"{t.Table}: live {t.LiveRows}, rebuilt {t.RebuiltRows}: {string.Join(" | ", t.Sample.Select(d => $"{d.Kind} {d.Row}"))}"));

    // The daemon sees only transactions older than the cluster's oldest open one; other test classes' databases share the
    // cluster, so a batch run right after an append may find nothing yet. These wait for the events instead of assuming them.
    private static async Task RunVisibleBatchAsync(ProjectionDaemon daemon, Shard shard)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await daemon.RunBatchAsync(shard, CancellationToken.None) == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
    }

    private static async Task RunToEndAsync(IDocumentStore store, ProjectionDaemon daemon, Shard shard)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await daemon.RunBatchAsync(shard, CancellationToken.None) > 0
               || ((await store.Advanced.ProgressAsync()).Any(p => p.Behind > 0) && DateTime.UtcNow < deadline))
            await Task.Delay(1);
    }
}
