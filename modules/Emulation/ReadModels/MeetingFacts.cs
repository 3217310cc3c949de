using DoanPlatform.Emulation.Contracts;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Meetings.Contracts;
using Npgsql;

namespace DoanPlatform.Emulation.ReadModels;

/// <summary>
/// Emulation's own copy of what computed conditions read from the Meetings module's contract events:
/// each unit's latest attendance per briefing, and the tasks assigned to it with their completion.
/// </summary>
internal sealed class MeetingFactsProjection : IProjection
{
    public const string ProjectionName = "emulation.meeting_facts";
    public string Name => ProjectionName;
    public string Schema => EmulationSchema.Name;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(AttendanceRecorded), typeof(TaskAssigned), typeof(TaskCompleted)];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".briefing_attendance (
            meeting_id uuid not null, unit_id uuid not null, kind text not null, held_on date not null, status text not null,
            primary key (meeting_id, unit_id));
        create index if not exists briefing_attendance_unit on "{schema}".briefing_attendance (unit_id, held_on);
        create table if not exists "{schema}".unit_tasks (
            task_id uuid not null, unit_id uuid not null, deadline date not null, completed_on date, primary key (task_id, unit_id));
        create index if not exists unit_tasks_unit on "{schema}".unit_tasks (unit_id, deadline);
        """;

    // Every statement of the batch goes in one round trip: a province's briefings are thousands of attendance marks.
    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var attendance = context.Table("briefing_attendance");
        var tasks = context.Table("unit_tasks");
        var batch = context.Batch();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case AttendanceRecorded { UnitId: { } unit } x:
                    batch.Add($"""
                        insert into {attendance} values ($1, $2, $3, $4, $5)
                        on conflict (meeting_id, unit_id) do update set status = excluded.status
                        """, x.MeetingId, unit, x.Kind.ToString(), x.HeldOn, x.Status.ToString());
                    break;
                case TaskAssigned x:
                    batch.Add($"insert into {tasks} (task_id, unit_id, deadline) select $1, u, $2 from unnest($3::uuid[]) as u on conflict do nothing",
                        x.TaskId, x.Deadline, x.Units.ToArray());
                    break;
                case TaskCompleted x:
                    batch.Add($"update {tasks} set completed_on = $3 where task_id = $1 and unit_id = $2", x.TaskId, x.UnitId, x.CompletedOn);
                    break;
            }
        }
        await batch.ExecuteAsync(ct).ConfigureAwait(false);
    }
}

internal static class MeetingFacts
{
    /// <summary>A unit's facts for a year: briefings held in the year, tasks due in the year.</summary>
    public static async Task<UnitFacts> ForUnitAsync(NpgsqlDataSource db, Guid unitId, int year, CancellationToken ct)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        await using var command = Sql.Command(db, $"""
            select (select count(*) from {EmulationSchema.Name}.briefing_attendance
                    where unit_id = $1 and kind = 'Briefing' and held_on between $2 and $3 and status <> 'Present'),
                   (select count(*) from {EmulationSchema.Name}.briefing_attendance
                    where unit_id = $1 and kind = 'Briefing' and held_on between $2 and $3 and status = 'UnexcusedAbsence'),
                   (select count(*) from {EmulationSchema.Name}.unit_tasks where unit_id = $1 and deadline between $2 and $3),
                   (select count(*) from {EmulationSchema.Name}.unit_tasks where unit_id = $1 and deadline between $2 and $3 and completed_on is not null)
            """, unitId, from, to);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new UnitFacts((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3));
    }
}
