using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Meetings.Contracts;
using Npgsql;

namespace DoanPlatform.Meetings.ReadModels;

/// <summary>Attendance rate of one unit over a year (and a period when asked).</summary>
internal sealed record AttendanceRate(Guid UnitId, int Year, string? Period, int Invited, int Present, int Excused, int Unexcused, decimal Rate);

/// <summary>One meeting's line in a list: what, when, who convened, the attendance summary, the notice number.</summary>
internal sealed record MeetingSummary(Guid MeetingId, Guid ConveningUnitId, string Kind, string Title, string Period, DateOnly HeldOn,
    int Invited, int Present, int Excused, int Unexcused, string? NoticeNumber)
{
    public string Summary => $"{Present}/{Invited}";
}

/// <summary>
/// Meetings and their invitations with each invitee's latest attendance: feeds attendance rates per unit
/// per year and period, and the meeting list.
/// </summary>
internal sealed class AttendanceProjection : IProjection
{
    public const string ProjectionName = "meetings.attendance";
    public string Name => ProjectionName;
    public string Schema => MeetingsModuleSchema.Name;
    public IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(MeetingConvened), typeof(UnitInvited), typeof(UnitUninvited), typeof(AttendanceRecorded), typeof(NoticeIssued)];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".meetings (
            meeting_id uuid primary key, convening_unit_id uuid not null, kind text not null, title text not null,
            period text not null, held_on date not null, notice_number text);
        create index if not exists meetings_unit on "{schema}".meetings (convening_unit_id, held_on);
        create table if not exists "{schema}".invitations (
            meeting_id uuid not null, attendee text not null, unit_id uuid, person text, status text, reason text,
            primary key (meeting_id, attendee));
        create index if not exists invitations_unit on "{schema}".invitations (unit_id);
        """;

    // A batch is folded in memory to each row's final state first, then written with one statement per table:
    // a rebuild over a province-year would otherwise be tens of thousands of round trips.
    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var meetings = new List<MeetingConvened>();
        var notices = new Dictionary<Guid, string>();
        var rows = new Dictionary<(Guid Meeting, string Attendee), Row>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case MeetingConvened x:
                    meetings.Add(x);
                    foreach (var unit in x.InvitedUnits)
                        rows[(x.MeetingId, Meeting.AttendeeKey(unit, null))] = new Row(unit, null, Exists: true, null, null);
                    foreach (var person in x.InvitedPeople)
                        rows[(x.MeetingId, Meeting.AttendeeKey(null, person))] = new Row(null, person, Exists: true, null, null);
                    break;
                case UnitInvited x:
                    rows[(x.MeetingId, Meeting.AttendeeKey(x.UnitId, null))] = new Row(x.UnitId, null, Exists: true, null, null);
                    break;
                case UnitUninvited x:
                    rows[(x.MeetingId, Meeting.AttendeeKey(x.UnitId, null))] = new Row(x.UnitId, null, Exists: false, null, null);
                    break;
                case AttendanceRecorded x:
                    rows[(x.MeetingId, Meeting.AttendeeKey(x.UnitId, x.Person))] = new Row(x.UnitId, x.Person, Exists: true, x.Status.ToString(), x.Reason);
                    break;
                case NoticeIssued x:
                    notices[x.MeetingId] = x.NumberSymbol;
                    break;
            }
        }

        var meetingsTable = context.Table("meetings");
        var invitations = context.Table("invitations");
        if (meetings.Count > 0)
        {
            await using var insert = context.Command(
                $"insert into {meetingsTable} select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[]) on conflict do nothing");
            insert.With(meetings.Select(m => m.MeetingId).ToArray(), meetings.Select(m => m.ConveningUnitId).ToArray(),
                meetings.Select(m => m.Kind.ToString()).ToArray(), meetings.Select(m => m.Title).ToArray(), meetings.Select(m => m.Period).ToArray(),
                meetings.Select(m => m.HeldOn).ToArray(), meetings.Select(m => notices.GetValueOrDefault(m.MeetingId)).ToArray());
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        var kept = rows.Where(r => r.Value.Exists).ToList();
        if (kept.Count > 0)
        {
            // A row already stored keeps its attendance unless this batch recorded one.
            await using var upsert = context.Command($"""
                insert into {invitations} (meeting_id, attendee, unit_id, person, status, reason)
                select * from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[])
                on conflict (meeting_id, attendee) do update
                set status = coalesce(excluded.status, invitations.status),
                    reason = case when excluded.status is null then invitations.reason else excluded.reason end
                """);
            upsert.With(kept.Select(r => r.Key.Meeting).ToArray(), kept.Select(r => r.Key.Attendee).ToArray(),
                kept.Select(r => r.Value.UnitId).ToArray(), kept.Select(r => r.Value.Person).ToArray(),
                kept.Select(r => r.Value.Status).ToArray(), kept.Select(r => r.Value.Reason).ToArray());
            await upsert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        var removed = rows.Where(r => !r.Value.Exists).ToList();
        if (removed.Count > 0)
        {
            await using var delete = context.Command(
                $"delete from {invitations} i using unnest($1::uuid[], $2::text[]) as r(meeting_id, attendee) where i.meeting_id = r.meeting_id and i.attendee = r.attendee");
            delete.With(removed.Select(r => r.Key.Meeting).ToArray(), removed.Select(r => r.Key.Attendee).ToArray());
            await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        var laterNotices = notices.Where(n => meetings.All(m => m.MeetingId != n.Key)).ToList();
        if (laterNotices.Count > 0)
        {
            await using var update = context.Command(
                $"update {meetingsTable} m set notice_number = n.number from unnest($1::uuid[], $2::text[]) as n(meeting_id, number) where m.meeting_id = n.meeting_id");
            update.With(laterNotices.Select(n => n.Key).ToArray(), laterNotices.Select(n => n.Value).ToArray());
            await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private sealed record Row(Guid? UnitId, string? Person, bool Exists, string? Status, string? Reason);
}

/// <summary>Queries over the attendance read model.</summary>
internal static class AttendanceQueries
{
    public static async Task<AttendanceRate> RateAsync(NpgsqlDataSource db, Guid unitId, int year, string? period, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            select count(*), count(*) filter (where i.status = 'Present'), count(*) filter (where i.status = 'ExcusedAbsence'),
                   count(*) filter (where i.status = 'UnexcusedAbsence')
            from {MeetingsModuleSchema.Name}.invitations i join {MeetingsModuleSchema.Name}.meetings m using (meeting_id)
            where i.unit_id = $1 and m.held_on >= make_date($2, 1, 1) and m.held_on < make_date($2 + 1, 1, 1) and ($3::text is null or m.period = $3)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = unitId });
        command.Parameters.Add(new NpgsqlParameter { Value = year });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)period ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (invited, present) = ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
        return new AttendanceRate(unitId, year, period, invited, present, (int)reader.GetInt64(2), (int)reader.GetInt64(3),
            invited == 0 ? 0m : Math.Round(100m * present / invited, 2));
    }

    public static async Task<IReadOnlyList<MeetingSummary>> MeetingsAsync(NpgsqlDataSource db, Guid conveningUnitId, int? year, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            select m.meeting_id, m.convening_unit_id, m.kind, m.title, m.period, m.held_on, count(i.attendee),
                   count(*) filter (where i.status = 'Present'), count(*) filter (where i.status = 'ExcusedAbsence'),
                   count(*) filter (where i.status = 'UnexcusedAbsence'), m.notice_number
            from {MeetingsModuleSchema.Name}.meetings m left join {MeetingsModuleSchema.Name}.invitations i using (meeting_id)
            where m.convening_unit_id = $1 and ($2::int is null or (m.held_on >= make_date($2, 1, 1) and m.held_on < make_date($2 + 1, 1, 1)))
            group by m.meeting_id order by m.held_on, m.title
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = conveningUnitId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)year ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<MeetingSummary>();
        while (await reader.ReadAsync(ct))
            rows.Add(new MeetingSummary(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateOnly>(5), (int)reader.GetInt64(6), (int)reader.GetInt64(7), (int)reader.GetInt64(8), (int)reader.GetInt64(9),
                reader.IsDBNull(10) ? null : reader.GetString(10)));
        return rows;
    }
}

internal static class MeetingsModuleSchema
{
    public const string Name = "doan_meetings";
}
