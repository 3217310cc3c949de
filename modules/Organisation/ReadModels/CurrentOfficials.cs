using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Officials;
using Npgsql;

namespace DoanPlatform.Organisation.ReadModels;

internal sealed record OfficialRow(Guid AppointmentId, string PersonName, Position Position, string PositionName, string Term, DateOnly AppointedOn, DateOnly? RelievedOn);

/// <summary>Every appointment of every unit; "current" is a filter on the relief date, so past officials stay answerable.</summary>
internal sealed class CurrentOfficialsProjection : IProjection
{
    public const string ProjectionName = "organisation.officials";
    public string Name => ProjectionName;
    public string Schema => Db.Schema;
    public IReadOnlyCollection<Type> EventTypes { get; } = OfficialEvents.All;

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".officials (
            appointment_id uuid primary key, unit_id uuid not null, person_name text not null, position text not null,
            term text not null, appointed_on date not null, relieved_on date);
        create index if not exists officials_unit on "{schema}".officials (unit_id);
        """;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var t = context.Table("officials");
        foreach (var e in events)
        {
            await using var command = e.Data switch
            {
                OfficialAppointed x => context.Command($"""
                    insert into {t} (appointment_id, unit_id, person_name, position, term, appointed_on) values (@a, @u, @p, @pos, @term, @on)
                    on conflict do nothing
                    """).Id("a", x.AppointmentId).Id("u", x.UnitId).Str("p", x.PersonName).Str("pos", x.Position.ToString()).Str("term", x.Term).Date("on", x.EffectiveDate),
                OfficialRelieved x => context.Command($"update {t} set relieved_on = @on where appointment_id = @a").Id("a", x.AppointmentId).Date("on", x.EffectiveDate),
                _ => context.Command("select 1"),
            };
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }
}

internal static class CurrentOfficials
{
    public static string PositionName(Position position) => position switch
    {
        Position.Secretary => "Bí thư",
        Position.StandingDeputySecretary => "Phó Bí thư Thường trực",
        Position.DeputySecretary => "Phó Bí thư",
        Position.StandingCommitteeMember => "Ủy viên Ban Thường vụ",
        Position.ExecutiveCommitteeMember => "Ủy viên Ban Chấp hành",
        Position.OfficeChief => "Chánh Văn phòng",
        _ => "Phó Văn phòng",
    };

    /// <summary>The unit's officials in office on a date (ordered by rank), or all of them ever when <paramref name="asOf"/> is null.</summary>
    public static async Task<IReadOnlyList<OfficialRow>> ForUnitAsync(NpgsqlDataSource db, Guid unitId, DateOnly? asOf, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            select appointment_id, person_name, position, term, appointed_on, relieved_on from "{Db.Schema}".officials
            where unit_id = @u and (@d::date is null or (appointed_on <= @d and (relieved_on is null or relieved_on > @d)))
            order by appointed_on, person_name
            """).Id("u", unitId).Date("d", asOf);
        var rows = await command.ListAsync(r =>
        {
            var position = Enum.Parse<Position>(r.GetString(2));
            return new OfficialRow(r.GetGuid(0), r.GetString(1), position, PositionName(position), r.GetString(3), r.GetFieldValue<DateOnly>(4), r.NullableDate(5));
        }, ct).ConfigureAwait(false);
        return [.. rows.OrderBy(r => r.Position).ThenBy(r => r.AppointedOn)];
    }
}
