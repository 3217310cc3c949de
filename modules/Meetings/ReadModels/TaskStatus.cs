using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Meetings.Contracts;
using Npgsql;

namespace DoanPlatform.Meetings.ReadModels;

/// <summary>One unit's share of a task: deadline, last report, completion.</summary>
internal sealed record TaskLine(Guid TaskId, Guid MeetingId, Guid UnitId, string Text, DateOnly Deadline, string? Target,
    string? LastNote, DateOnly? CompletedOn, string State);

/// <summary>Task completion per task and unit: on time, late, open, overdue (as of a date).</summary>
internal sealed class TaskStatusProjection : IProjection
{
    public const string ProjectionName = "meetings.task_status";
    public string Name => ProjectionName;
    public string Schema => MeetingsModuleSchema.Name;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(TaskAssigned), typeof(TaskProgressReported), typeof(TaskCompleted)];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".task_units (
            task_id uuid not null, unit_id uuid not null, meeting_id uuid not null, convening_unit_id uuid not null,
            text text not null, deadline date not null, target text, last_note text, completed_on date,
            primary key (task_id, unit_id));
        create index if not exists task_units_unit on "{schema}".task_units (unit_id, deadline);
        create index if not exists task_units_convening on "{schema}".task_units (convening_unit_id, deadline);
        """;

    // Every statement of the batch goes in one round trip: a province-year is thousands of task reports.
    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var t = context.Table("task_units");
        var batch = context.Batch();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case TaskAssigned x:
                    batch.Add($"""
                        insert into {t} (task_id, unit_id, meeting_id, convening_unit_id, text, deadline, target)
                        select $1, u, $2, $3, $4, $5, $6 from unnest($7::uuid[]) as u on conflict do nothing
                        """, x.TaskId, x.MeetingId, x.ConveningUnitId, x.Text, x.Deadline, x.Target, x.Units.ToArray());
                    break;
                case TaskProgressReported x:
                    batch.Add($"update {t} set last_note = $3 where task_id = $1 and unit_id = $2", x.TaskId, x.UnitId, x.Note);
                    break;
                case TaskCompleted x:
                    batch.Add($"update {t} set last_note = $3, completed_on = $4 where task_id = $1 and unit_id = $2", x.TaskId, x.UnitId, x.Evidence, x.CompletedOn);
                    break;
            }
        }
        await batch.ExecuteAsync(ct).ConfigureAwait(false);
    }
}

/// <summary>Queries over task completion.</summary>
internal static class TaskQueries
{
    private const string State = """
        case when completed_on is not null and completed_on <= deadline then 'OnTime'
             when completed_on is not null then 'Late'
             when deadline < $2 then 'Overdue'
             else 'Open' end
        """;

    /// <summary>A unit's tasks (the secretary's list), or every overdue line under a convening unit (the office's view).</summary>
    public static async Task<IReadOnlyList<TaskLine>> ForUnitAsync(NpgsqlDataSource db, Guid unitId, DateOnly today, CancellationToken ct) =>
        await ReadAsync(db, $"select task_id, meeting_id, unit_id, text, deadline, target, last_note, completed_on, {State} " +
                            $"from {MeetingsModuleSchema.Name}.task_units where unit_id = $1 order by deadline, text", unitId, today, ct);

    public static async Task<IReadOnlyList<TaskLine>> OverdueAsync(NpgsqlDataSource db, Guid conveningUnitId, DateOnly today, CancellationToken ct) =>
        await ReadAsync(db, $"select task_id, meeting_id, unit_id, text, deadline, target, last_note, completed_on, {State} " +
                            $"from {MeetingsModuleSchema.Name}.task_units where convening_unit_id = $1 and completed_on is null and deadline < $2 " +
                            "order by deadline, text", conveningUnitId, today, ct);

    private static async Task<IReadOnlyList<TaskLine>> ReadAsync(NpgsqlDataSource db, string sql, Guid id, DateOnly today, CancellationToken ct)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = today });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<TaskLine>();
        while (await reader.ReadAsync(ct))
            rows.Add(new TaskLine(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetFieldValue<DateOnly>(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7), reader.GetString(8)));
        return rows;
    }
}

internal static class CommandExtensions
{
    public static NpgsqlCommand With(this NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
