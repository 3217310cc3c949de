using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Meetings.ReadModels;
using DoanPlatform.Testing;

namespace DoanPlatform.Meetings.Tests.ReadModels;

public sealed class AttendanceProjectionTests
{
    private static readonly Guid Office = Guid.NewGuid();
    private static readonly Guid[] Units = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
    private static readonly DateOnly HeldOn = new(2023, 3, 31);

    private static AttendanceRecorded Mark(Guid meeting, Guid unit, AttendanceStatus status, string? reason = null, bool correction = false) =>
        new(meeting, Office, MeetingKind.Briefing, HeldOn, unit, null, status, reason, correction);

    private static BulkStream MeetingStream(Guid id) => new(id, nameof(Meeting),
    [
        new MeetingConvened(id, MeetingKind.Briefing, Office, "Giao ban quý II", "Quý II/2023", HeldOn, null, "Vũng Tàu",
            [new Chair("Nguyễn Đăng Khoa", "Bí thư")], null, [Units[0], Units[1], Units[2]], ["Trần Văn Ủy"]),
        new UnitUninvited(id, Units[2]),
        new UnitInvited(id, Units[3]),
        new UnitInvited(id, Units[2]),
        Mark(id, Units[0], AttendanceStatus.UnexcusedAbsence),
        Mark(id, Units[1], AttendanceStatus.Present),
        Mark(id, Units[0], AttendanceStatus.ExcusedAbsence, "Giấy phép nộp muộn", correction: true),
        new NoticeIssued(id, Office, 2023, 7, "7-TB/ĐTN", new DateOnly(2023, 4, 5), "Vũng Tàu", ["Lưu VP"], new NoticeSignature("TM. BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Đăng Khoa")),
    ]);

    [Theory]
    [InlineData(1000)]
    [InlineData(1)]
    public async Task Folding_a_batch_gives_each_invitee_its_last_state_however_the_events_are_batched(int batchSize)
    {
        var options = new StoreOptions { ConnectionString = await PostgresCluster.CreateDatabaseAsync("attendance"), DaemonBatchSize = batchSize };
        MeetingsModule.ConfigureStore(options);
        var store = ServiceCollectionExtensions.CreateStore(options);
        await store.Advanced.ApplySchemaAsync();
        var meeting = Guid.CreateVersion7();
        await store.Advanced.BulkInsertStreamsAsync([MeetingStream(meeting)], new Actor("t", "Thử nghiệm"));

        await store.Advanced.RebuildProjectionAsync(AttendanceProjection.ProjectionName);

        var rate = await AttendanceQueries.RateAsync(store.DataSource, Units[0], 2023, null, default);
        Assert.Equal((1, 0, 1, 0), (rate.Invited, rate.Present, rate.Excused, rate.Unexcused));
        var summary = Assert.Single(await AttendanceQueries.MeetingsAsync(store.DataSource, Office, 2023, default));
        Assert.Equal(("1/5", 1, 1, 0, "7-TB/ĐTN"), (summary.Summary, summary.Present, summary.Excused, summary.Unexcused, summary.NoticeNumber));
        Assert.Equal(1, (await AttendanceQueries.RateAsync(store.DataSource, Units[2], 2023, null, default)).Invited);
        Assert.Equal(0, (await AttendanceQueries.RateAsync(store.DataSource, Units[2], 2024, null, default)).Invited);
    }
}
