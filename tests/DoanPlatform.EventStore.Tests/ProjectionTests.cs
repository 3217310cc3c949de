using System.Text.Json;
using DoanPlatform.Testing;
using Npgsql;

namespace DoanPlatform.EventStore.Tests;

public sealed class ProjectionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task An_inline_projection_commits_with_the_append_and_not_without_it()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString, o => o.Projections.Add(new PointTotals(), ProjectionLifecycle.Inline));
        var id = Guid.CreateVersion7();
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            session.Events.StartStream<Tally>(id, new UnitOpened("A"), new PointsScored(4), new PointsScored(6));
            await session.SaveChangesAsync();
        }
        Assert.Equal(10, await store.ScalarAsync($"select total from test_read.point_totals where stream_id = '{id}'"));

        await using (var stale = store.LightweightSession(TestStore.Clerk))
        {
            stale.Events.Append(id, 1, new PointsScored(100));
            await Assert.ThrowsAsync<ConcurrencyException>(() => stale.SaveChangesAsync());
        }
        Assert.Equal(10, await store.ScalarAsync($"select total from test_read.point_totals where stream_id = '{id}'"));

        await store.Advanced.RebuildProjectionAsync("point_totals");
        Assert.Equal(10, await store.ScalarAsync($"select total from test_read.point_totals where stream_id = '{id}'"));
    }

    [Fact]
    public async Task An_inline_projection_sees_the_version_and_recorded_time_the_database_stored()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync("inline_meta");
        var store = await TestStore.CreateAsync(connectionString, o => o.Projections.Add(new EventLog(), ProjectionLifecycle.Inline));
        var id = Guid.CreateVersion7();
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            session.Events.StartStream<Tally>(id, new UnitOpened("A"), new PointsScored(1));
            await session.SaveChangesAsync();
        }
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            // No expected version: only the database knows these are versions 3 and 4.
            session.Events.Append(id, new PointsScored(2), new UnitRenamed("B"));
            await session.SaveChangesAsync();
        }

        Assert.Equal(4, await store.ScalarAsync("select count(*) from test_read.event_log"));
        Assert.Equal(0, await store.ScalarAsync(
            "select count(*) from test_read.event_log l join doan_events.events e using (seq) where l.version <> e.version or l.recorded_at <> e.recorded_at"));
    }

    [Fact]
    public async Task A_projection_batch_runs_its_statements_in_order_with_nulls_and_typed_parameters_and_commits_all_or_nothing()
    {
        var store = await TestStore.CreateAsync(await PostgresCluster.CreateDatabaseAsync("projection_batch"));
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using (var create = new Npgsql.NpgsqlCommand("create table public.batch_rows (id int primary key, note text, doc jsonb)", connection))
            await create.ExecuteNonQueryAsync();

        await using (var tx = await connection.BeginTransactionAsync())
        {
            var batch = new Projections.ProjectionContext(connection, tx, "public").Batch();
            await batch.ExecuteAsync(CancellationToken.None);
            batch.Add("insert into public.batch_rows values ($1, $2, $3)", 1, "Chi đoàn",
                    new Npgsql.NpgsqlParameter { Value = """{"điểm": 9}""", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb })
                .Add("insert into public.batch_rows values ($1, $2, null)", 2, null)
                .Add("update public.batch_rows set note = note || ' Sở Y tế' where id = $1", 1);
            await batch.ExecuteAsync(CancellationToken.None);
            await tx.CommitAsync();
        }
        Assert.Equal(2, await store.ScalarAsync("select count(*) from public.batch_rows"));
        Assert.Equal(1, await store.ScalarAsync("""select count(*) from public.batch_rows where id = 1 and note = 'Chi đoàn Sở Y tế' and doc = '{"điểm": 9}'"""));
        Assert.Equal(1, await store.ScalarAsync("select count(*) from public.batch_rows where id = 2 and note is null and doc is null"));

        await using (var tx = await connection.BeginTransactionAsync())
        {
            var batch = new Projections.ProjectionContext(connection, tx, "public").Batch()
                .Add("insert into public.batch_rows values ($1, $2, null)", 3, "mới")
                .Add("insert into public.batch_rows values ($1, $2, null)", 1, "trùng khóa");
            await Assert.ThrowsAsync<Npgsql.PostgresException>(() => batch.ExecuteAsync(CancellationToken.None));
        }
        Assert.Equal(0, await store.ScalarAsync("select count(*) from public.batch_rows where id = 3"));
    }

    [Fact]
    public async Task Bulk_insert_writes_streams_and_events_and_feeds_inline_projections()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString, o => o.Projections.Add(new PointTotals(), ProjectionLifecycle.Inline));
        var streams = Enumerable.Range(0, 20).Select(i => new BulkStream(Guid.CreateVersion7(), "Tally",
            [new UnitOpened($"Chi đoàn {i}"), new PointsScored(i), new PointsScored(1)])).ToList();

        var count = await store.Advanced.BulkInsertStreamsAsync(streams, TestStore.Clerk, "Nhập dữ liệu");

        Assert.Equal(60, count);
        await using var query = store.QuerySession();
        var fifth = await query.Events.AggregateStreamAsync<Tally>(streams[5].Id);
        Assert.Equal(new Tally("Chi đoàn 5", 6, 3), fifth);
        Assert.Equal(6, await store.ScalarAsync($"select total from test_read.point_totals where stream_id = '{streams[5].Id}'"));
        var events = await query.Events.FetchStreamAsync(streams[5].Id);
        Assert.All(events, e => Assert.Equal("Nhập dữ liệu", e.Metadata.Reason));
        // Without a foreign key, the store itself keeps every event's stream row.
        Assert.Equal(0, await store.ScalarAsync("select count(*) from doan_events.events e where not exists (select 1 from doan_events.streams s where s.id = e.stream_id)"));
    }

    [Fact]
    public async Task A_rebuild_replays_into_fresh_tables_and_swaps_them_in()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync("rebuild");
        var store = await TestStore.CreateAsync(connectionString, o => o.Projections.Add(new SeenEvents(), ProjectionLifecycle.Async));
        await store.Advanced.BulkInsertStreamsAsync(
            Enumerable.Range(0, 30).Select(i => new BulkStream(Guid.CreateVersion7(), "Tally", [new UnitOpened($"U{i}"), new PointsScored(i)])),
            TestStore.Clerk);
        await using (var tamper = store.DataSource.CreateCommand("delete from test_read.seen_events where seq % 2 = 0; insert into test_read.seen_events values (999999, gen_random_uuid(), 'x', 7)"))
            await tamper.ExecuteNonQueryAsync();

        await store.Advanced.RebuildProjectionAsync("seen_events");

        var seen = await store.SeenAsync();
        Assert.Equal(await store.AllSequencesAsync(), seen.Select(s => s.Seq));
        Assert.All(seen, s => Assert.Equal(1, s.Times));
        Assert.Equal(0, await store.ScalarAsync("select count(*) from pg_namespace where nspname like 'doan_shadow_%'"));
        var status = Assert.Single(await store.Advanced.ProgressAsync(), p => p.Name == "seen_events");
        Assert.Equal(0, status.Behind);
    }

    [Fact]
    public async Task A_rebuild_waits_for_events_committed_before_it_that_an_older_open_transaction_still_hides()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync("rebuild_wait");
        var store = await TestStore.CreateAsync(connectionString, o => o.Projections.Add(new SeenEvents(), ProjectionLifecycle.Async));
        // A transaction older than the append and still open keeps the cluster's safe bound below the appended events.
        await using var open = await OpenTransaction.BeginAsync(connectionString);
        await store.Advanced.BulkInsertStreamsAsync(
            Enumerable.Range(0, 10).Select(i => new BulkStream(Guid.CreateVersion7(), "Tally", [new UnitOpened($"U{i}"), new PointsScored(i)])),
            TestStore.Clerk);

        var rebuild = store.Advanced.RebuildProjectionAsync("seen_events");
        // Without waiting, the rebuild would finish in a moment, without the hidden events.
        await Task.WhenAny(rebuild, Task.Delay(TimeSpan.FromSeconds(2)));
        Assert.False(rebuild.IsCompleted);
        await open.EndAsync();
        await rebuild;

        Assert.Equal(await store.AllSequencesAsync(), (await store.SeenAsync()).Select(s => s.Seq));
    }

    [Fact]
    public async Task An_old_event_shape_is_read_through_its_upcaster()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString, o =>
            o.Events.Upcast("test.unit_named_v1", json => new UnitRenamed(json.GetProperty("title").GetString() + " (" + json.GetProperty("short").GetString() + ")")));
        var id = Guid.CreateVersion7();
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            session.Events.StartStream<Tally>(id, new UnitOpened("A"));
            await session.SaveChangesAsync();
        }
        await InsertRawAsync(store, id, 2, "test.unit_named_v1", """{"title": "Đoàn Khối Dân – Chính – Đảng", "short": "ĐK DCĐ"}""");

        await using var query = store.QuerySession();
        var tally = await query.Events.AggregateStreamAsync<Tally>(id);
        Assert.Equal("Đoàn Khối Dân – Chính – Đảng (ĐK DCĐ)", tally!.Name);
    }

    [Fact]
    public async Task A_payload_that_no_longer_deserialises_names_the_event_sequence()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString);
        var id = Guid.CreateVersion7();
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            session.Events.StartStream<Tally>(id, new UnitOpened("A"));
            await session.SaveChangesAsync();
        }
        await InsertRawAsync(store, id, 2, "test.points_scored", """{"points": "mười"}""");
        await InsertRawAsync(store, id, 3, "test.retired_without_upcaster", """{}""");
        var badSeq = await store.ScalarAsync($"select seq from doan_events.events where stream_id = '{id}' and version = 2");

        await using var query = store.QuerySession();
        var error = await Assert.ThrowsAsync<EventDeserializationException>(() => query.Events.FetchStreamAsync(id));
        Assert.Equal(badSeq, error.Sequence);
        Assert.Contains($"seq {badSeq}", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);

        await using (var drop = store.DataSource.CreateCommand($"delete from doan_events.events where stream_id = '{id}' and version = 2"))
            await drop.ExecuteNonQueryAsync();
        var unknown = await Assert.ThrowsAsync<EventDeserializationException>(() => query.Events.FetchStreamAsync(id));
        Assert.Equal("test.retired_without_upcaster", unknown.Alias);
        Assert.Contains("no event type or upcaster", unknown.Message, StringComparison.Ordinal);
    }

    private static async Task InsertRawAsync(IDocumentStore store, Guid stream, long version, string alias, string json)
    {
        await using var command = store.DataSource.CreateCommand(
            "with e as (insert into doan_events.events (id, stream_id, version, type, data, metadata) " +
            "values (gen_random_uuid(), $1, $2, $3, $4::jsonb, '{\"actorId\":\"old\",\"actorName\":\"old\"}')) " +
            "update doan_events.streams set version = $2 where id = $1");
        command.Parameters.AddWithValue(stream);
        command.Parameters.AddWithValue(version);
        command.Parameters.AddWithValue(alias);
        command.Parameters.AddWithValue(json);
        await command.ExecuteNonQueryAsync();
    }
}
