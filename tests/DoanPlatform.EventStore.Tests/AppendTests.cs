using DoanPlatform.Testing;

namespace DoanPlatform.EventStore.Tests;

public sealed class AppendTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Started_stream_aggregates_with_metadata_on_every_event()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString);
        var id = Guid.CreateVersion7();
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            session.Reason = "Thành lập theo quyết định";
            session.Decision = "845-QĐ/TĐTN";
            session.CorrelationId = "corr-1";
            session.Events.StartStream<Tally>(id, new UnitOpened("Đoàn Khối Dân – Chính – Đảng"), new PointsScored(7));
            await session.SaveChangesAsync();
        }

        await using var query = store.QuerySession();
        var tally = await query.Events.AggregateStreamAsync<Tally>(id);
        Assert.Equal(new Tally("Đoàn Khối Dân – Chính – Đảng", 7, 2), tally);
        var events = await query.Events.FetchStreamAsync(id);
        Assert.Equal([1L, 2L], events.Select(e => e.Version));
        Assert.All(events, e => Assert.Equal(new EventMetadata("clerk-1", "Nguyễn Thị Hồng", "Thành lập theo quyết định", "845-QĐ/TĐTN", "corr-1"), e.Metadata));
        Assert.Equal("test.unit_opened", events[0].EventTypeName);
    }

    [Fact]
    public async Task A_bulk_stream_may_stamp_each_event_with_its_own_metadata_and_a_miscounted_one_writes_nothing()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString);
        var (own, plain, bad) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var opened = new EventMetadata("clerk-2", "Trần Văn Bình", "Thành lập", "12-QĐ/TĐTN");
        var scored = new EventMetadata("secretary-7", "Lê Thị Hoa", "Tự chấm điểm");
        await store.Advanced.BulkInsertStreamsAsync(
        [
            new BulkStream(own, nameof(Tally), [new UnitOpened("Đoàn xã Phước Hội"), new PointsScored(3)], [opened, scored]),
            new BulkStream(plain, nameof(Tally), [new UnitOpened("Đoàn xã Long Tân")]),
        ], TestStore.Clerk, "Nạp dữ liệu");

        await using var query = store.QuerySession();
        Assert.Equal([opened, scored], (await query.Events.FetchStreamAsync(own)).Select(e => e.Metadata));
        Assert.Equal(new EventMetadata("clerk-1", "Nguyễn Thị Hồng", "Nạp dữ liệu"), (await query.Events.FetchStreamAsync(plain)).Single().Metadata);

        var events = await store.ScalarAsync("select count(*) from doan_events.events");
        await Assert.ThrowsAsync<ArgumentException>(() => store.Advanced.BulkInsertStreamsAsync(
            [new BulkStream(bad, nameof(Tally), [new UnitOpened("Chi đoàn 2"), new PointsScored(1)], [opened])], TestStore.Clerk));
        Assert.Equal(events, await store.ScalarAsync("select count(*) from doan_events.events"));
    }

    [Fact]
    public async Task Two_sessions_with_the_same_expected_version_one_wins_and_nothing_of_the_other_is_written()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString);
        var id = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            session.Events.StartStream<Tally>(id, new UnitOpened("Chi đoàn 1"));
            await session.SaveChangesAsync();
        }

        var first = store.LightweightSession(TestStore.Clerk);
        var second = store.LightweightSession(TestStore.Clerk);
        (await first.Events.FetchForWriting<Tally>(id, 1)).AppendOne(new PointsScored(1));
        (await second.Events.FetchForWriting<Tally>(id, 1)).AppendOne(new PointsScored(2));
        second.Events.StartStream<Tally>(other, new UnitOpened("would be half-written"));

        var results = await Task.WhenAll(Try(first), Try(second));

        Assert.Single(results, r => r is null);
        var clash = Assert.IsType<ConcurrencyException>(Assert.Single(results, r => r is not null));
        Assert.Equal(id, clash.StreamId);
        Assert.Equal(1, clash.ExpectedVersion);
        Assert.Equal(2, clash.ActualVersion);
        await using var query = store.QuerySession();
        Assert.Equal(2, (await query.Events.FetchStreamAsync(id)).Count);
        if (results[0] is null)
            Assert.Empty(await query.Events.FetchStreamAsync(other));

        static async Task<Exception?> Try(IDocumentSession session)
        {
            try
            {
                await session.SaveChangesAsync();
                return null;
            }
            catch (ConcurrencyException e)
            {
                return e;
            }
        }
    }

    [Fact]
    public async Task A_clash_on_one_stream_writes_nothing_for_the_other_streams_of_the_session()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString);
        var existing = Guid.CreateVersion7();
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            session.Events.StartStream<Tally>(existing, new UnitOpened("Chi đoàn 2"));
            await session.SaveChangesAsync();
        }
        var fresh = Guid.CreateVersion7();
        await using var clashing = store.LightweightSession(TestStore.Clerk);
        clashing.Events.StartStream<Tally>(fresh, new UnitOpened("mới"));
        clashing.Events.Append(existing, 5, new PointsScored(3));

        var clash = await Assert.ThrowsAsync<ConcurrencyException>(() => clashing.SaveChangesAsync());

        Assert.Equal(existing, clash.StreamId);
        Assert.Equal(1, clash.ActualVersion);
        Assert.Equal(0, await store.ScalarAsync($"select count(*) from doan_events.events where stream_id = '{fresh}'"));
        Assert.Equal(0, await store.ScalarAsync($"select count(*) from doan_events.streams where id = '{fresh}'"));
    }

    [Fact]
    public async Task Appending_without_a_version_starts_a_new_stream_or_continues_an_existing_one()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString);
        var id = Guid.CreateVersion7();
        for (var i = 0; i < 3; i++)
        {
            await using var session = store.LightweightSession(TestStore.Clerk);
            session.Events.Append(id, new PointsScored(i), new PointsScored(1));
            await session.SaveChangesAsync();
        }
        await using var query = store.QuerySession();
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], (await query.Events.FetchStreamAsync(id)).Select(e => e.Version));
        Assert.Equal(6, await store.ScalarAsync($"select version from doan_events.streams where id = '{id}'"));
    }

    [Fact]
    public async Task Starting_a_stream_that_exists_is_a_concurrency_error()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString);
        var id = Guid.CreateVersion7();
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            session.Events.StartStream<Tally>(id, new UnitOpened("A"));
            await session.SaveChangesAsync();
        }
        await using var again = store.LightweightSession(TestStore.Clerk);
        again.Events.StartStream<Tally>(id, new UnitOpened("B"));
        var clash = await Assert.ThrowsAsync<ConcurrencyException>(() => again.SaveChangesAsync());
        Assert.Equal(1, clash.ActualVersion);
    }

    [Fact]
    public async Task Fetch_for_writing_with_a_wrong_expected_version_fails_at_once()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString);
        var id = Guid.CreateVersion7();
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            session.Events.StartStream<Tally>(id, new UnitOpened("A"), new PointsScored(1));
            await session.SaveChangesAsync();
        }
        await using var stale = store.LightweightSession(TestStore.Clerk);
        var clash = await Assert.ThrowsAsync<ConcurrencyException>(() => stale.Events.FetchForWriting<Tally>(id, 1));
        Assert.Equal(2, clash.ActualVersion);
    }

    [Fact]
    public async Task Unknown_stream_id_reads_as_empty_and_null()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString);
        await using var query = store.QuerySession();
        var unknown = Guid.NewGuid();
        Assert.Empty(await query.Events.FetchStreamAsync(unknown));
        Assert.Null(await query.Events.AggregateStreamAsync<Tally>(unknown));
        await using var session = store.LightweightSession(TestStore.Clerk);
        var stream = await session.Events.FetchForWriting<Tally>(unknown);
        Assert.Null(stream.Aggregate);
        Assert.Equal(0, stream.StartingVersion);
        await Assert.ThrowsAsync<ConcurrencyException>(() => session.Events.FetchForWriting<Tally>(Guid.NewGuid(), 3));
    }

    [Fact]
    public async Task An_event_type_without_an_alias_is_refused_before_anything_is_written()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString);
        var id = Guid.CreateVersion7();
        await using var session = store.LightweightSession(TestStore.Clerk);
        session.Events.StartStream<Tally>(id, new UnitOpened("A"), new NotRegistered("x"));
        var error = await Assert.ThrowsAsync<UnknownEventTypeException>(() => session.SaveChangesAsync());
        Assert.Contains(nameof(NotRegistered), error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.ScalarAsync($"select count(*) from doan_events.streams where id = '{id}'"));
    }

    [Fact]
    public async Task Time_travel_by_version_and_by_recorded_time()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString);
        var id = Guid.CreateVersion7();
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            session.Events.StartStream<Tally>(id, new UnitOpened("Huyện đoàn Châu Đức"), new PointsScored(10));
            await session.SaveChangesAsync();
        }
        var between = await store.ScalarTimeAsync("select now()");
        await Task.Delay(20);
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            session.Events.Append(id, 2, new UnitRenamed("Xã Châu Đức"), new PointsScored(5));
            await session.SaveChangesAsync();
        }

        await using var query = store.QuerySession();
        Assert.Equal(new Tally("Huyện đoàn Châu Đức", 0, 1), await query.Events.AggregateStreamAsync<Tally>(id, version: 1));
        Assert.Equal(new Tally("Xã Châu Đức", 10, 3), await query.Events.AggregateStreamAsync<Tally>(id, version: 3));
        Assert.Equal(new Tally("Huyện đoàn Châu Đức", 10, 2), await query.Events.AggregateStreamAsync<Tally>(id, timestamp: between));
        Assert.Equal(new Tally("Xã Châu Đức", 15, 4), await query.Events.AggregateStreamAsync<Tally>(id));
        Assert.Null(await query.Events.AggregateStreamAsync<Tally>(id, timestamp: between.AddDays(-1)));
    }

    [Fact]
    public async Task Appending_the_same_event_id_twice_is_refused_as_a_duplicate()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString);
        var eventId = Guid.NewGuid();
        var stream = Guid.CreateVersion7();
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            session.Events.StartStream<Tally>(stream, new IdentifiedEvent(eventId, new UnitOpened("A")));
            await session.SaveChangesAsync();
        }
        await using var again = store.LightweightSession(TestStore.Clerk);
        again.Events.Append(stream, new IdentifiedEvent(eventId, new PointsScored(1)));
        await Assert.ThrowsAsync<DuplicateEventException>(() => again.SaveChangesAsync());
        Assert.Equal(1, await store.ScalarAsync($"select version from doan_events.streams where id = '{stream}'"));
    }

    [Fact]
    public async Task Vietnamese_text_is_stored_readably_and_read_back_unchanged()
    {
        var store = await TestStore.CreateAsync(database.ConnectionString);
        var id = Guid.CreateVersion7();
        const string name = "Đoàn Khối các cơ quan và doanh nghiệp tỉnh Trà Vinh";
        await using (var session = store.LightweightSession(TestStore.Clerk))
        {
            session.Events.StartStream<Tally>(id, new UnitOpened(name));
            await session.SaveChangesAsync();
        }
        await using var command = store.DataSource.CreateCommand($"select data->>'name', metadata->>'actorName' from doan_events.events where stream_id = '{id}'");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(name, reader.GetString(0));
        Assert.Equal("Nguyễn Thị Hồng", reader.GetString(1));
    }
}

internal static class TimeQueries
{
    public static async Task<DateTimeOffset> ScalarTimeAsync(this IDocumentStore store, string sql)
    {
        await using var command = store.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetFieldValue<DateTimeOffset>(0);
    }
}
