using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Organisation.Features;

internal static class DissolveUnit
{
    public sealed record Request(DateOnly? EffectiveDate, Decision? Decision, string? Reason, long? Version);

    public sealed record Command(DateOnly EffectiveDate, Decision Decision);

    public static Command Validate(Request request) => new(Text.EffectiveDate(request.EffectiveDate), Text.Decision(request.Decision));

    /// <param name="activeChildren">Units still under it: they must be moved (or dissolved) first.</param>
    public static UnitDissolved Decide(Unit unit, int activeChildren, Command command)
    {
        UnitRules.EnsureChangeable(unit, command.EffectiveDate);
        if (activeChildren > 0)
            throw new DomainRuleException(
                $"Không thể giải thể {unit.Name}: còn {activeChildren} đơn vị trực thuộc; cần chuyển các đơn vị này trước.");
        return new UnitDissolved(unit.Id, command.EffectiveDate, command.Decision);
    }

    public static void Map(RouteGroupBuilder group) => group.MapPost("/units/{id:guid}/dissolve", (
        Guid id, Request request, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
    {
        var command = Validate(request);
        return UnitWrites.ChangeAsync(http, store, access, id, request.Version, command.Decision, request.Reason, async unit =>
        {
            await UnitWrites.CatchUpAsync(store, ct).ConfigureAwait(false);
            var children = await UnitTree.ActiveChildrenAsync(store.DataSource, id, ct).ConfigureAwait(false);
            return Decide(unit, children.Count, command);
        }, ct);
    });
}
