using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Organisation.Features;

internal static class ReclassifyUnit
{
    public sealed record Request(UnitLevel? Level, Sector? Sector, DateOnly? EffectiveDate, Decision? Decision, string? Reason, long? Version);

    public sealed record Command(UnitLevel? Level, Sector? Sector, DateOnly EffectiveDate, Decision Decision);

    public static Command Validate(Request request) =>
        request.Level is null && request.Sector is null
            ? throw Text.Invalid("level", "Cần ít nhất cấp (level) hoặc khối (sector) mới.")
            : new Command(request.Level, request.Sector, Text.EffectiveDate(request.EffectiveDate), Text.Decision(request.Decision));

    public static UnitReclassified Decide(Unit unit, Command command)
    {
        UnitRules.EnsureChangeable(unit, command.EffectiveDate);
        var level = command.Level ?? unit.Level;
        var sector = command.Sector ?? unit.Sector;
        if (level == unit.Level && sector == unit.Sector)
            throw new DomainRuleException($"Đơn vị {unit.Name} đã là {Vietnamese.Level(level)}, {Vietnamese.Sector(sector)}.");
        return new UnitReclassified(unit.Id, level, sector, command.EffectiveDate, command.Decision);
    }

    public static void Map(RouteGroupBuilder group) => group.MapPost("/units/{id:guid}/reclassify", (
        Guid id, Request request, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
    {
        var command = Validate(request);
        return UnitWrites.ChangeAsync(http, store, access, id, request.Version, command.Decision, request.Reason,
            unit => Task.FromResult<object>(Decide(unit, command)), ct);
    });
}
