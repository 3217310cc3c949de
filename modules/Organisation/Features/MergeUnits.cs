using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Organisation.Features;

/// <summary>n → 1: the merged units cease, their units move to the target, the target records the history link.</summary>
internal static class MergeUnits
{
    public sealed record Request(IReadOnlyList<Guid>? UnitIds, DateOnly? EffectiveDate, Decision? Decision, string? Reason, long? Version);

    public sealed record Command(IReadOnlyList<Guid> UnitIds, DateOnly EffectiveDate, Decision Decision);

    public sealed record Source(Unit Unit, IReadOnlyList<Unit> Children);

    public static Command Validate(Request request)
    {
        var ids = request.UnitIds?.Distinct().ToList() ?? [];
        return ids.Count == 0
            ? throw Text.Invalid("unitIds", "Cần ít nhất một đơn vị được hợp nhất.")
            : new Command(ids, Text.EffectiveDate(request.EffectiveDate), Text.Decision(request.Decision));
    }

    public static IReadOnlyList<(Guid StreamId, object Event)> Decide(Unit target, IReadOnlyList<Guid> targetAncestors, IReadOnlyList<Source> sources, Command command)
    {
        if (!target.IsActive)
            throw new DomainRuleException($"Không thể hợp nhất vào {target.Name}: đơn vị này đã {Vietnamese.Status(target.Status)}.");
        UnitRules.EnsureChangeable(target, command.EffectiveDate);
        var sourceIds = sources.Select(s => s.Unit.Id).ToHashSet();
        var events = new List<(Guid, object)>();
        foreach (var source in sources)
        {
            if (source.Unit.Id == target.Id)
                throw new DomainRuleException($"{target.Name} không thể hợp nhất vào chính nó.");
            if (targetAncestors.Contains(source.Unit.Id))
                throw new DomainRuleException($"Không thể hợp nhất {source.Unit.Name} vào {target.Name}: {target.Name} đang trực thuộc {source.Unit.Name}.");
            UnitRules.EnsureChangeable(source.Unit, command.EffectiveDate);
            foreach (var child in source.Children.Where(c => !sourceIds.Contains(c.Id)))
            {
                UnitRules.EnsureChangeable(child, command.EffectiveDate);
                events.Add((child.Id, new UnitMoved(child.Id, source.Unit.Id, target.Id, command.EffectiveDate, command.Decision)));
            }
            events.Add((source.Unit.Id, new UnitMerged(source.Unit.Id, target.Id, command.EffectiveDate, command.Decision)));
        }
        events.Add((target.Id, new UnitsAbsorbed(target.Id, [.. sources.Select(s => s.Unit.Id)], command.EffectiveDate, command.Decision)));
        return events;
    }

    public static void Map(RouteGroupBuilder group) => group.MapPost("/units/{id:guid}/absorb", async (
        Guid id, Request request, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
    {
        var command = Validate(request);
        await access.EnsureAsync(http.User, id, UnitPermission.Manage, ct).ConfigureAwait(false);
        foreach (var unitId in command.UnitIds)
            await access.EnsureAsync(http.User, unitId, UnitPermission.Manage, ct).ConfigureAwait(false);

        var (target, targetVersion) = await UnitWrites.LoadVersionedAsync(store, id, ct).ConfigureAwait(false);
        if (target is null)
            return UnitWrites.NotFound(id);
        if (UnitWrites.ExpectedVersion(http, request.Version) is { } expected && expected != targetVersion)
            throw new ConcurrencyException(id, expected, targetVersion);
        var ancestors = await UnitWrites.AncestorIdsAsync(store, target, ct).ConfigureAwait(false);

        await UnitWrites.CatchUpAsync(store, ct).ConfigureAwait(false);
        var versions = new Dictionary<Guid, long> { [id] = targetVersion };
        var sources = new List<Source>();
        foreach (var unitId in command.UnitIds)
        {
            var (unit, version) = await UnitWrites.LoadVersionedAsync(store, unitId, ct).ConfigureAwait(false);
            if (unit is null)
                return UnitWrites.NotFound(unitId);
            versions[unitId] = version;
            var children = new List<Unit>();
            foreach (var childId in await UnitTree.ActiveChildrenAsync(store.DataSource, unitId, ct).ConfigureAwait(false))
            {
                var (child, childVersion) = await UnitWrites.LoadVersionedAsync(store, childId, ct).ConfigureAwait(false);
                if (child is null)
                    continue;
                versions[childId] = childVersion;
                children.Add(child);
            }
            sources.Add(new Source(unit, children));
        }

        var events = Decide(target, ancestors, sources, command);
        await using var session = store.LightweightSession(http.User.ToActor());
        session.Decision = command.Decision.NumberSymbol;
        session.Reason = Text.Clean(request.Reason) is { Length: > 0 } reason ? reason : null;
        foreach (var stream in events.GroupBy(e => e.StreamId))
            session.Events.Append(stream.Key, versions[stream.Key], [.. stream.Select(e => e.Event)]);
        await session.SaveChangesAsync(ct).ConfigureAwait(false);
        return UnitWrites.Written(http, id, targetVersion + 1);
    });
}
