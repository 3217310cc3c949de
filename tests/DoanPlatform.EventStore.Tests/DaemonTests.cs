using DoanPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace DoanPlatform.EventStore.Tests;

public sealed class DaemonTests
{
    internal static IHost StartHost(string connectionString, Action<StoreOptions> configure)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddEventStore(o =>
        {
            var defaults = TestStore.Options(connectionString, configure);
            o.ConnectionString = defaults.ConnectionString;
            o.DaemonPollInterval = defaults.DaemonPollInterval;
            o.Events.Add<UnitOpened>("test.unit_opened").Add<UnitRenamed>("test.unit_renamed").Add<PointsScored>("test.points_scored");
            configure(o);
        });
        var host = builder.Build();
        host.Start();
        return host;
    }

    [Fact]
    public async Task No_committed_event_is_skipped_under_concurrent_writers_with_rollbacks()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync("noskip");
        using var host = StartHost(connectionString, o => o.Projections.Add(new SeenEvents(), ProjectionLifecycle.Async));
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Advanced.ApplySchemaAsync();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        var rolledBack = 0;
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var stream = Guid.CreateVersion7();
            long version = 0;
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            while (!stop.IsCancellationRequested)
            {
                // A raw transaction held open for a while: later sequence numbers commit before it,
                // and sometimes it is rolled back, leaving a gap the daemon must not wait on forever.
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var tx = await connection.BeginTransactionAsync();
                await using var command = new NpgsqlCommand(
                    "select doan_events.append_events($1, 'Tally', $2, $3, array['test.points_scored'], array['{\"points\": 1}'::jsonb], array['{\"actorId\": \"w\", \"actorName\": \"w\"}'::jsonb])",
                    connection, tx);
                command.Parameters.Add(new NpgsqlParameter { Value = stream });
                command.Parameters.Add(new NpgsqlParameter { Value = version, NpgsqlDbType = NpgsqlDbType.Bigint });
                command.Parameters.Add(new NpgsqlParameter { Value = new[] { Guid.CreateVersion7() } });
                await command.ExecuteNonQueryAsync();
                await Task.Delay(random.Next(0, 15));
                if (random.Next(5) == 0)
                {
                    await tx.RollbackAsync();
                    Interlocked.Increment(ref rolledBack);
                }
                else
                {
                    await tx.CommitAsync();
                    version++;
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);

        await store.Advanced.WaitForNonStaleAsync(TimeSpan.FromSeconds(30));

        var committed = await store.AllSequencesAsync();
        var seen = await store.SeenAsync();
        Assert.True(committed.Count > 100, $"only {committed.Count} events were written");
        Assert.True(rolledBack > 0);
        Assert.Equal(committed, seen.Select(s => s.Seq));
        Assert.All(seen, s => Assert.Equal(1, s.Times));

        await store.Advanced.RebuildProjectionAsync("seen_events");
        Assert.Equal(seen, await store.SeenAsync());
    }

    [Fact]
    public async Task A_daemon_stopped_mid_batch_resumes_from_its_checkpoint_without_loss_or_double_count()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync("resume");
        var seeding = await TestStore.CreateAsync(connectionString, o => o.Projections.Add(new SeenEvents(), ProjectionLifecycle.Async));
        var streams = Enumerable.Range(0, 50).Select(i => new BulkStream(Guid.CreateVersion7(), "Tally",
            [new UnitOpened($"Chi đoàn {i}"), .. Enumerable.Range(0, 99).Select(_ => (object)new PointsScored(1))])).ToList();
        await seeding.Advanced.BulkInsertStreamsAsync(streams, TestStore.Clerk);

        using (var first = StartHost(connectionString, o =>
               {
                   o.DaemonBatchSize = 100;
                   o.Projections.Add(new SeenEvents(delayPerBatch: TimeSpan.FromMilliseconds(50)), ProjectionLifecycle.Async);
               }))
        {
            var store = first.Services.GetRequiredService<IDocumentStore>();
            while (await store.ScalarAsync("select count(*) from test_read.seen_events") < 300)
                await Task.Delay(10);
            await first.StopAsync();
        }
        var partial = await seeding.ScalarAsync("select count(*) from test_read.seen_events");
        Assert.InRange(partial, 300, 4999);

        using var second = StartHost(connectionString, o => o.Projections.Add(new SeenEvents(), ProjectionLifecycle.Async));
        var resumed = second.Services.GetRequiredService<IDocumentStore>();
        await resumed.Advanced.WaitForNonStaleAsync(TimeSpan.FromSeconds(30));
        var seen = await resumed.SeenAsync();
        Assert.Equal(await resumed.AllSequencesAsync(), seen.Select(s => s.Seq));
        Assert.All(seen, s => Assert.Equal(1, s.Times));
    }

    [Fact]
    public async Task A_subscription_reacts_once_per_event_even_when_delivered_again()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync("reactor");
        using var host = StartHost(connectionString, o => o.Projections.Subscribe(new RenameEcho()));
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Advanced.ApplySchemaAsync();
        var unit = Guid.CreateVersion7();
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            session.Events.StartStream<Tally>(unit, new UnitOpened("Chi đoàn A"), new UnitRenamed("Chi đoàn B"));
            await session.SaveChangesAsync();
        }
        await store.Advanced.WaitForNonStaleAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await store.ScalarAsync($"select count(*) from doan_events.events where stream_id = '{RenameEcho.EchoStream(unit)}'"));

        // Redelivery: rewind the checkpoint, as after a crash between handling and checkpointing.
        await using (var rewind = store.DataSource.CreateCommand("update doan_events.progress set last_tx = '0', last_seq = 0 where name = 'rename_echo'"))
            await rewind.ExecuteNonQueryAsync();
        await Task.Delay(200);
        await store.Advanced.WaitForNonStaleAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await store.ScalarAsync($"select count(*) from doan_events.events where stream_id = '{RenameEcho.EchoStream(unit)}'"));
    }

    [Fact]
    public async Task A_subscription_session_sees_its_own_batch_so_two_reactions_on_one_stream_do_not_clash()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync("reactor2");
        using var host = StartHost(connectionString, o => o.Projections.Subscribe(new RenameCounter()));
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Advanced.ApplySchemaAsync();
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            // Both renames reach the subscription in one batch; each reaction loads the counter for writing.
            session.Events.StartStream<Tally>(Guid.CreateVersion7(), new UnitOpened("A"), new UnitRenamed("B"), new UnitRenamed("C"));
            await session.SaveChangesAsync();
        }
        await store.Advanced.WaitForNonStaleAsync(TimeSpan.FromSeconds(20));
        await using var query = store.QuerySession();
        Assert.Equal(new Tally("", 2, 2), await query.Events.AggregateStreamAsync<Tally>(RenameCounter.Counter));
    }

    /// <summary>Counts renames in one stream, a version-checked append per event.</summary>
    private sealed class RenameCounter : Projections.ISubscription
    {
        public static readonly Guid Counter = Guid.Parse("0c9d4f5a-7d5e-4b59-8a61-7a1c0f3e2b22");
        public string Name => "rename_counter";
        public IReadOnlyCollection<Type> EventTypes => [typeof(UnitRenamed)];

        public async Task HandleAsync(Projections.SubscriptionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
        {
            foreach (var e in events)
            {
                var session = context.OpenSession(Actor.System);
                var counter = await session.Events.FetchForWriting<Tally>(Counter, ct);
                counter.AppendOne(new PointsScored(1));
                await session.SaveChangesAsync(ct);
            }
        }
    }

    /// <summary>Appends a points event to an echo stream for every rename, idempotently.</summary>
    private sealed class RenameEcho : Projections.ISubscription
    {
        private static readonly Guid Namespace = Guid.Parse("6d1f7f0e-5f43-4a53-9a55-3d7c1a0e0b11");
        public string Name => "rename_echo";
        public IReadOnlyCollection<Type> EventTypes => [typeof(UnitRenamed)];

        public static Guid EchoStream(Guid unit) => DeterministicGuid.Create(Namespace, $"echo:{unit}");

        public async Task HandleAsync(Projections.SubscriptionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
        {
            foreach (var e in events)
            {
                await using var query = context.Store.QuerySession();
                var reactionId = DeterministicGuid.Create(Namespace, $"reaction:{e.Id}");
                var echo = EchoStream(e.StreamId);
                if ((await query.Events.FetchStreamAsync(echo, ct: ct)).Any(r => r.Id == reactionId))
                    continue;
                var session = context.OpenSession(Actor.System);
                session.CausationId = e.Id.ToString();
                session.Events.Append(echo, new IdentifiedEvent(reactionId, new PointsScored(1)));
                await session.SaveChangesAsync(ct);
            }
        }
    }
}
