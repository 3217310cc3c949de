using System.Text.RegularExpressions;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Organisation.Officials;

internal sealed record OfficialAppointed(Guid AppointmentId, Guid UnitId, string PersonName, Position Position, string Term, DateOnly EffectiveDate, Decision Decision);

internal sealed record OfficialRelieved(Guid AppointmentId, Guid UnitId, DateOnly EffectiveDate, Decision Decision);

internal static class OfficialEvents
{
    public static readonly Type[] All = [typeof(OfficialAppointed), typeof(OfficialRelieved)];

    public static void Register(EventTypes events) => events
        .Add<OfficialAppointed>("organisation.official_appointed")
        .Add<OfficialRelieved>("organisation.official_relieved");
}

/// <summary>One person in one position of one unit for one term, until relieved.</summary>
internal sealed record Appointment(Guid Id, Guid UnitId, string PersonName, Position Position, string Term, DateOnly AppointedOn, DateOnly? RelievedOn)
    : IAggregate<Appointment>
{
    public static Appointment Initial { get; } = new(Guid.Empty, Guid.Empty, "", Position.Secretary, "", default, null);

    public Appointment Evolve(object @event) => @event switch
    {
        OfficialAppointed e => this with { Id = e.AppointmentId, UnitId = e.UnitId, PersonName = e.PersonName, Position = e.Position, Term = e.Term, AppointedOn = e.EffectiveDate },
        OfficialRelieved e => this with { RelievedOn = e.EffectiveDate },
        _ => this,
    };
}

internal static partial class AppointmentDecisions
{
    [GeneratedRegex(@"^\s*(\d{4})\s*[-–—]\s*(\d{4})\s*$")]
    private static partial Regex TermPattern();

    /// <summary>A term written as 2022–2027 (any dash), stored with an en dash.</summary>
    public static string Term(string? term)
    {
        var match = TermPattern().Match(term ?? "");
        if (!match.Success || int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) <= int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            throw Text.Invalid("term", "Nhiệm kỳ phải có dạng 2022–2027.");
        return $"{match.Groups[1].Value}–{match.Groups[2].Value}";
    }

    public static OfficialAppointed Appoint(Guid appointmentId, Units.Unit unit, string personName, Position position, string term, DateOnly effectiveDate, Decision decision)
    {
        if (!unit.IsActive)
            throw new DomainRuleException($"Đơn vị {unit.Name} đã ngừng hoạt động.");
        if (effectiveDate < unit.EstablishedOn)
            throw new DomainRuleException($"Ngày hiệu lực trước ngày thành lập đơn vị {unit.Name} ({Vietnamese.Date(unit.EstablishedOn)}).");
        return new OfficialAppointed(appointmentId, unit.Id, Text.Required(personName, "personName"), position, Term(term), effectiveDate, decision);
    }

    public static OfficialRelieved Relieve(Appointment appointment, DateOnly effectiveDate, Decision decision)
    {
        if (appointment.RelievedOn is not null)
            throw new DomainRuleException($"{appointment.PersonName} đã thôi giữ chức vụ từ {Vietnamese.Date(appointment.RelievedOn.Value)}.");
        if (effectiveDate < appointment.AppointedOn)
            throw new DomainRuleException($"Ngày thôi giữ chức vụ trước ngày bổ nhiệm ({Vietnamese.Date(appointment.AppointedOn)}).");
        return new OfficialRelieved(appointment.Id, appointment.UnitId, effectiveDate, decision);
    }
}
