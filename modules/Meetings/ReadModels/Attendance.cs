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

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var meetings = context.Table("meetings");
        var invitations = context.Table("invitations");
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case MeetingConvened x:
                    await Execute(context, $"insert into {meetings} values ($1, $2, $3, $4, $5, $6, null) on conflict do nothing",
                        x.MeetingId, x.ConveningUnitId, x.Kind.ToString(), x.Title, x.Period, x.HeldOn);
                    foreach (var unit in x.InvitedUnits)
                        await Invite(context, invitations, x.MeetingId, unit, null);
                    foreach (var person in x.InvitedPeople)
                        await Invite(context, invitations, x.MeetingId, null, person);
                    break;
                case UnitInvited x:
                    await Invite(context, invitations, x.MeetingId, x.UnitId, null);
                    break;
                case UnitUninvited x:
                    await Execute(context, $"delete from {invitations} where meeting_id = $1 and attendee = $2", x.MeetingId, Meeting.AttendeeKey(x.UnitId, null));
                    break;
                case AttendanceRecorded x:
                    await Execute(context, $"update {invitations} set status = $3, reason = $4 where meeting_id = $1 and attendee = $2",
                        x.MeetingId, Meeting.AttendeeKey(x.UnitId, x.Person), x.Status.ToString(), (object?)x.Reason ?? DBNull.Value);
                    break;
                case NoticeIssued x:
                    await Execute(context, $"update {meetings} set notice_number = $2 where meeting_id = $1", x.MeetingId, x.NumberSymbol);
                    break;
            }
        }
    }

    private static Task Invite(ProjectionContext context, string table, Guid meetingId, Guid? unitId, string? person) =>
        Execute(context, $"insert into {table} (meeting_id, attendee, unit_id, person) values ($1, $2, $3, $4) on conflict do nothing",
            meetingId, Meeting.AttendeeKey(unitId, person), (object?)unitId ?? DBNull.Value, (object?)person ?? DBNull.Value);

    private static async Task Execute(ProjectionContext context, string sql, params object[] values)
    {
        await using var command = context.Command(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
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
            where i.unit_id = $1 and extract(year from m.held_on) = $2 and ($3::text is null or m.period = $3)
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
            where m.convening_unit_id = $1 and ($2::int is null or extract(year from m.held_on) = $2)
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
