using System.Runtime.CompilerServices;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Meetings.Contracts;
using Npgsql;

namespace DoanPlatform.Reporting.ReadModels;

/// <summary>A unit's tasks due in a year: how many, done by the deadline, done after it, not reported done.</summary>
internal sealed record TaskCount(int Assigned, int OnTime, int Late, int Open)
{
    /// <summary>Done by the deadline over assigned, in per cent to two places; null when nothing was assigned.</summary>
    public decimal? OnTimeRate => Assigned == 0 ? null : Math.Round(100m * OnTime / Assigned, 2, MidpointRounding.AwayFromZero);
}

/// <summary>One unit's share of one task.</summary>
internal sealed record TaskLine(int UnitIndex, string Text, string? Target, DateOnly Deadline, DateOnly? CompletedOn, string? LastNote)
{
    /// <summary>Done by the deadline (the deadline day included).</summary>
    public bool OnTime => CompletedOn <= Deadline;
}

/// <summary>
/// Each unit's share of each task from Meetings' contract events: deadline, last report, completion date, so "on time" is
/// completion on or before the deadline. A batch is applied in memory over the current rows of the tasks it touches.
/// </summary>
internal sealed class TaskCompletionProjection : IProjection
{
    public const string ProjectionName = "reporting.task_completion";
    public string Name => ProjectionName;
    public string Schema => ReviewSql.Schema;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(TaskAssigned), typeof(TaskProgressReported), typeof(TaskCompleted)];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".review_tasks (
            task_id uuid not null, unit_id uuid not null, meeting_id uuid not null, convening_unit_id uuid not null, text text not null, target text,
            deadline date not null, completed_on date, reported_on date, last_note text, primary key (task_id, unit_id));
        create index if not exists review_tasks_unit on "{schema}".review_tasks (unit_id, deadline);
        """;

    private sealed record Row(Guid MeetingId, Guid ConveningUnitId, string Text, string? Target, DateOnly Deadline, DateOnly? CompletedOn,
        DateOnly? ReportedOn, string? LastNote);

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var rows = new Dictionary<(Guid Task, Guid Unit), Row>();
        await using (var command = ReviewSql.Command(context, $"""
            select task_id, unit_id, meeting_id, convening_unit_id, text, target, deadline, completed_on, reported_on, last_note
            from {context.Table("review_tasks")} where task_id = any($1)
            """, events.Select(e => TaskOf(e.Data)).Distinct().ToArray()))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                rows[(reader.GetGuid(0), reader.GetGuid(1))] = new Row(reader.GetGuid(2), reader.GetGuid(3), reader.GetString(4), reader.Get<string>(5),
                    reader.GetFieldValue<DateOnly>(6), reader.Value<DateOnly>(7), reader.Value<DateOnly>(8), reader.Get<string>(9));
        }
        var dirty = new HashSet<(Guid Task, Guid Unit)>();
        void Update(Guid task, Guid unit, Func<Row, Row> change)
        {
            // A report from a unit the task was not assigned to has no row to change.
            if (rows.TryGetValue((task, unit), out var row))
            {
                rows[(task, unit)] = change(row);
                dirty.Add((task, unit));
            }
        }

        foreach (var e in events)
        {
            switch (e.Data)
            {
                case TaskAssigned x:
                    foreach (var unit in x.Units)
                        if (rows.TryAdd((x.TaskId, unit), new Row(x.MeetingId, x.ConveningUnitId, x.Text, x.Target, x.Deadline, null, null, null)))
                            dirty.Add((x.TaskId, unit));
                    break;
                case TaskProgressReported x:
                    Update(x.TaskId, x.UnitId, r => r with { ReportedOn = x.ReportedOn, LastNote = x.Note });
                    break;
                case TaskCompleted x:
                    Update(x.TaskId, x.UnitId, r => r with { CompletedOn = x.CompletedOn, ReportedOn = x.CompletedOn, LastNote = x.Evidence });
                    break;
            }
        }
        if (dirty.Count == 0)
            return;
        var written = dirty.Select(k => (Key: k, Row: rows[k])).ToList();
        await ReviewSql.ExecuteAsync(context, $"""
            insert into {context.Table("review_tasks")}
            select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::date[], $8::date[], $9::date[], $10::text[])
            on conflict (task_id, unit_id) do update set completed_on = excluded.completed_on, reported_on = excluded.reported_on, last_note = excluded.last_note
            """, ct, written.Select(w => w.Key.Task).ToArray(), written.Select(w => w.Key.Unit).ToArray(), written.Select(w => w.Row.MeetingId).ToArray(),
            written.Select(w => w.Row.ConveningUnitId).ToArray(), written.Select(w => w.Row.Text).ToArray(), written.Select(w => w.Row.Target).ToArray(),
            written.Select(w => w.Row.Deadline).ToArray(), written.Select(w => w.Row.CompletedOn).ToArray(), written.Select(w => w.Row.ReportedOn).ToArray(),
            written.Select(w => w.Row.LastNote).ToArray());
    }

    private static Guid TaskOf(object data) => data switch
    {
        TaskAssigned x => x.TaskId,
        TaskProgressReported x => x.TaskId,
        TaskCompleted x => x.TaskId,
        _ => Guid.Empty,
    };
}

/// <summary>Queries over task completion: the tasks due in a year (by deadline) of the units in a review.</summary>
internal static class TaskCompletion
{
    private const string YearTasks = $"""
        from unnest($1::uuid[]) with ordinality as u(unit_id, ord)
        join {ReviewSql.Schema}.review_tasks t on t.unit_id = u.unit_id
        where t.deadline between make_date($2, 1, 1) and make_date($2, 12, 31)
        """;

    public static async Task<IReadOnlyDictionary<Guid, TaskCount>> CountsAsync(NpgsqlDataSource db, Guid[] units, int year, CancellationToken ct)
    {
        await using var command = ReviewSql.Command(db, $"""
            select u.unit_id, count(*), count(*) filter (where t.completed_on <= t.deadline), count(*) filter (where t.completed_on > t.deadline),
                   count(*) filter (where t.completed_on is null)
            {YearTasks} group by u.unit_id
            """, units, year);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new Dictionary<Guid, TaskCount>();
        while (await reader.ReadAsync(ct))
            counts[reader.GetGuid(0)] = new TaskCount((int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4));
        return counts;
    }

    /// <summary>Every unit's tasks, in the order of <paramref name="units"/>, then by deadline.</summary>
    public static async IAsyncEnumerable<TaskLine> ReadAsync(NpgsqlDataSource db, Guid[] units, int year, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = ReviewSql.Command(db, $"""
            select u.ord, t.text, t.target, t.deadline, t.completed_on, t.last_note {YearTasks} order by u.ord, t.deadline, t.text, t.task_id
            """, units, year);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new TaskLine((int)reader.GetInt64(0) - 1, reader.GetString(1), reader.Get<string>(2), reader.GetFieldValue<DateOnly>(3),
                reader.Value<DateOnly>(4), reader.Get<string>(5));
    }
}
