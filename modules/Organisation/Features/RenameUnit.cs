using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Organisation.Features;

internal static class RenameUnit
{
    public sealed record Request(string? Name, string? ShortName, DateOnly? EffectiveDate, Decision? Decision, string? Reason, long? Version);

    public sealed record Command(string Name, string ShortName, DateOnly EffectiveDate, Decision Decision);

    public static Command Validate(Request request)
    {
        var name = Text.Required(request.Name, "name");
        return new Command(name, request.ShortName is null ? name : Text.Required(request.ShortName, "shortName"),
            Text.EffectiveDate(request.EffectiveDate), Text.Decision(request.Decision));
    }

    public static UnitRenamed Decide(Unit unit, Command command)
    {
        UnitRules.EnsureChangeable(unit, command.EffectiveDate);
        if (unit.Name == command.Name && unit.ShortName == command.ShortName)
            throw new DomainRuleException($"Đơn vị đã mang tên {command.Name}.");
        return new UnitRenamed(unit.Id, command.Name, command.ShortName, command.EffectiveDate, command.Decision);
    }

    public static void Map(RouteGroupBuilder group) => group.MapPost("/units/{id:guid}/rename", (
        Guid id, Request request, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
    {
        var command = Validate(request);
        return UnitWrites.ChangeAsync(http, store, access, id, request.Version, command.Decision, request.Reason,
            unit => Task.FromResult<object>(Decide(unit, command)), ct);
    });
}
