using System.Runtime.CompilerServices;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Meetings.Contracts;
using Npgsql;

namespace DoanPlatform.Reporting.ReadModels;

/// <summary>A unit's briefings of a year: invited, and how many times present, excused, absent without leave.</summary>
internal sealed record AttendanceCount(int Invited, int Present, int Excused, int Unexcused)
{
    /// <summary>Present over invited, in per cent to two places; null when the unit was invited to nothing.</summary>
    public decimal? Rate => Invited == 0 ? null : Math.Round(100m * Present / Invited, 2, MidpointRounding.AwayFromZero);
}

/// <summary>One invited unit of one briefing with its (last) attendance; Status null while none is recorded.</summary>
internal sealed record AttendanceLine(int UnitIndex, Guid MeetingId, DateOnly HeldOn, string Title, string Period, Guid ConveningUnitId,
    AttendanceStatus? Status, string? Reason);

/// <summary>
/// Meetings and, per invited unit, its last recorded attendance (a correction replaces the earlier record) from Meetings' contract events.
/// A batch is applied in memory over the current rows of the meetings it touches, then written back.
/// </summary>
internal sealed class BriefingAttendanceProjection : IProjection
{
    public const string ProjectionName = "reporting.briefing_attendance";
    public string Name => ProjectionName;
    public string Schema => ReviewSql.Schema;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(MeetingConvened), typeof(UnitInvited), typeof(UnitUninvited), typeof(AttendanceRecorded)];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".review_meetings (
            meeting_id uuid primary key, convening_unit_id uuid not null, kind text not null, title text not null, period text not null, held_on date not null);
        create table if not exists "{schema}".review_attendance (
            meeting_id uuid not null, unit_id uuid not null, status text, reason text, primary key (meeting_id, unit_id));
        create index if not exists review_attendance_unit on "{schema}".review_attendance (unit_id);
        """;

    private sealed record Mark(string? Status, string? Reason);

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var meetings = events.Select(e => e.Data).OfType<MeetingConvened>().ToList();
        var rows = new Dictionary<(Guid Meeting, Guid Unit), Mark>();
        await using (var command = ReviewSql.Command(context, $"select meeting_id, unit_id, status, reason from {context.Table("review_attendance")} where meeting_id = any($1)",
            events.Select(e => MeetingOf(e.Data)).Distinct().ToArray()))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                rows[(reader.GetGuid(0), reader.GetGuid(1))] = new Mark(reader.Get<string>(2), reader.Get<string>(3));
        }
        var dirty = new HashSet<(Guid Meeting, Guid Unit)>();
        var removed = new HashSet<(Guid Meeting, Guid Unit)>();
        void Set((Guid, Guid) key, Mark? mark)
        {
            if (mark is null)
            {
                removed.Add(key);
                dirty.Remove(key);
                rows.Remove(key);
                return;
            }
            removed.Remove(key);
            dirty.Add(key);
            rows[key] = mark;
        }

        foreach (var e in events)
        {
            switch (e.Data)
            {
                case MeetingConvened x:
                    foreach (var unit in x.InvitedUnits)
                        Set((x.MeetingId, unit), rows.GetValueOrDefault((x.MeetingId, unit)) ?? new Mark(null, null));
                    break;
                case UnitInvited x:
                    Set((x.MeetingId, x.UnitId), rows.GetValueOrDefault((x.MeetingId, x.UnitId)) ?? new Mark(null, null));
                    break;
                case UnitUninvited x:
                    Set((x.MeetingId, x.UnitId), null);
                    break;
                case AttendanceRecorded { UnitId: { } unit } x:
                    Set((x.MeetingId, unit), new Mark(x.Status.ToString(), x.Reason));
                    break;
            }
        }

        if (meetings.Count > 0)
            await ReviewSql.ExecuteAsync(context, $"""
                insert into {context.Table("review_meetings")} select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::date[])
                on conflict do nothing
                """, ct, meetings.Select(m => m.MeetingId).ToArray(), meetings.Select(m => m.ConveningUnitId).ToArray(),
                meetings.Select(m => m.Kind.ToString()).ToArray(), meetings.Select(m => m.Title).ToArray(), meetings.Select(m => m.Period).ToArray(),
                meetings.Select(m => m.HeldOn).ToArray());
        if (removed.Count > 0)
            await ReviewSql.ExecuteAsync(context, $"""
                delete from {context.Table("review_attendance")} a using unnest($1::uuid[], $2::uuid[]) as r(meeting_id, unit_id)
                where a.meeting_id = r.meeting_id and a.unit_id = r.unit_id
                """, ct, removed.Select(k => k.Meeting).ToArray(), removed.Select(k => k.Unit).ToArray());
        if (dirty.Count > 0)
            await ReviewSql.ExecuteAsync(context, $"""
                insert into {context.Table("review_attendance")} select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])
                on conflict (meeting_id, unit_id) do update set status = excluded.status, reason = excluded.reason
                """, ct, dirty.Select(k => k.Meeting).ToArray(), dirty.Select(k => k.Unit).ToArray(), dirty.Select(k => rows[k].Status).ToArray(),
                dirty.Select(k => rows[k].Reason).ToArray());
    }

    private static Guid MeetingOf(object data) => data switch
    {
        MeetingConvened x => x.MeetingId,
        UnitInvited x => x.MeetingId,
        UnitUninvited x => x.MeetingId,
        AttendanceRecorded x => x.MeetingId,
        _ => Guid.Empty,
    };
}

/// <summary>Queries over briefing attendance: the briefings (<see cref="MeetingKind.Briefing"/>) held in a year, of the units in a review.</summary>
internal static class BriefingAttendance
{
    private const string YearBriefings = $"""
        from unnest($1::uuid[]) with ordinality as u(unit_id, ord)
        join {ReviewSql.Schema}.review_attendance a on a.unit_id = u.unit_id
        join {ReviewSql.Schema}.review_meetings m on m.meeting_id = a.meeting_id
        where m.kind = 'Briefing' and m.held_on between make_date($2, 1, 1) and make_date($2, 12, 31)
        """;

    public static async Task<IReadOnlyDictionary<Guid, AttendanceCount>> CountsAsync(NpgsqlDataSource db, Guid[] units, int year, CancellationToken ct)
    {
        await using var command = ReviewSql.Command(db, $"""
            select u.unit_id, count(*), count(*) filter (where a.status = 'Present'), count(*) filter (where a.status = 'ExcusedAbsence'),
                   count(*) filter (where a.status = 'UnexcusedAbsence')
            {YearBriefings} group by u.unit_id
            """, units, year);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new Dictionary<Guid, AttendanceCount>();
        while (await reader.ReadAsync(ct))
            counts[reader.GetGuid(0)] = new AttendanceCount((int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4));
        return counts;
    }

    /// <summary>Every invitation, by meeting (date, title) then in the order of <paramref name="units"/>.</summary>
    public static async IAsyncEnumerable<AttendanceLine> ReadAsync(NpgsqlDataSource db, Guid[] units, int year, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = ReviewSql.Command(db, $"""
            select u.ord, m.meeting_id, m.held_on, m.title, m.period, m.convening_unit_id, a.status, a.reason
            {YearBriefings} order by m.held_on, m.title, m.meeting_id, u.ord
            """, units, year);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new AttendanceLine((int)reader.GetInt64(0) - 1, reader.GetGuid(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3),
                reader.GetString(4), reader.GetGuid(5), reader.IsDBNull(6) ? null : Enum.Parse<AttendanceStatus>(reader.GetString(6)), reader.Get<string>(7));
    }
}
