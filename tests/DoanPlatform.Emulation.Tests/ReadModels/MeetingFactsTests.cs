using DoanPlatform.Emulation.Contracts;
using DoanPlatform.Emulation.ReadModels;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Testing;

namespace DoanPlatform.Emulation.Tests.ReadModels;

/// <summary>Emulation's copy of attendance and task completion from the Meetings contract events: the last attendance counts.</summary>
public sealed class MeetingFactsTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    [Fact]
    public async Task Attendance_corrections_and_task_completion_feed_the_units_facts_and_a_rebuild_gives_the_same_rows()
    {
        var (unit, other, convening) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (q1, q2, q3) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (task1, task2, task3) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        AttendanceRecorded Attendance(Guid meeting, string heldOn, AttendanceStatus status, bool correction = false, MeetingKind kind = MeetingKind.Briefing) =>
            new(meeting, convening, kind, DateOnly.Parse(heldOn, System.Globalization.CultureInfo.InvariantCulture), unit, null, status,
                correction ? "Đính chính" : null, correction);
        TaskAssigned Task(Guid id, string deadline) => new(id, q1, convening, "Báo cáo sơ kết", AssigneeScope.Units, null, [unit, other],
            DateOnly.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture), null, null, []);

        await using (var session = factory.Store.LightweightSession(new Actor("kiem-thu", "Kiểm thử")))
        {
            session.Events.Append(q1, Attendance(q1, "2023-03-31", AttendanceStatus.UnexcusedAbsence), Attendance(q1, "2023-03-31", AttendanceStatus.ExcusedAbsence, true));
            session.Events.Append(q2, Attendance(q2, "2023-06-30", AttendanceStatus.Present));
            session.Events.Append(q3, Attendance(q3, "2023-09-30", AttendanceStatus.UnexcusedAbsence, kind: MeetingKind.Review));
            session.Events.Append(task1, Task(task1, "2023-04-30"), new TaskCompleted(task1, unit, "Đã nộp", new DateOnly(2023, 4, 20)));
            session.Events.Append(task2, Task(task2, "2023-07-31"), new TaskCompleted(task2, other, "Đã nộp", new DateOnly(2023, 7, 20)));
            session.Events.Append(task3, Task(task3, "2024-01-15"));
            await session.SaveChangesAsync();
        }
        await factory.WaitForNonStaleAsync();

        var facts = await MeetingFacts.ForUnitAsync(factory.Store.DataSource, unit, 2023, default);
        // One briefing missed (the correction made it excused), the review does not count; two tasks due in 2023, one done.
        Assert.Equal(new UnitFacts(1, 0, 2, 1), facts);
        Assert.Equal(50m, facts.TaskCompletionRate);

        var before = await SnapshotAsync();
        await factory.Store.Advanced.RebuildProjectionAsync(MeetingFactsProjection.ProjectionName);
        Assert.Equal(before, await SnapshotAsync());
    }

    private async Task<string> SnapshotAsync()
    {
        await using var command = factory.Store.DataSource.CreateCommand(
            "select coalesce(string_agg(row_to_json(a)::text, E'\\n' order by a.meeting_id, a.unit_id), '') from doan_emulation.briefing_attendance a " +
            "union all select coalesce(string_agg(row_to_json(t)::text, E'\\n' order by t.task_id, t.unit_id), '') from doan_emulation.unit_tasks t");
        await using var reader = await command.ExecuteReaderAsync();
        var parts = new List<string>();
        while (await reader.ReadAsync())
            parts.Add(reader.GetString(0));
        return string.Join("\n--\n", parts);
    }
}
