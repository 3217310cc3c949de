using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Organisation.Features;

/// <summary>1 → n: the unit ceases, n successors are established under its parent, and its units go to the successors named for them.</summary>
internal static class SplitUnit
{
    public sealed record SuccessorRequest(string? Code, string? Name, string? ShortName, UnitLevel? Level, Sector? Sector);

    /// <param name="Assignments">Each current unit under the split one → the code of the successor it goes to.</param>
    public sealed record Request(IReadOnlyList<SuccessorRequest>? Successors, IReadOnlyDictionary<Guid, string>? Assignments,
        DateOnly? EffectiveDate, Decision? Decision, string? Reason, long? Version);

    public sealed record Successor(Guid Id, string Code, string Name, string ShortName, UnitLevel? Level, Sector? Sector);

    public sealed record Command(IReadOnlyList<Successor> Successors, IReadOnlyDictionary<Guid, string> Assignments, DateOnly EffectiveDate, Decision Decision);

    public static Command Validate(Request request)
    {
        var successors = (request.Successors ?? []).Select((s, i) =>
        {
            var name = Text.Required(s.Name, $"successors[{i}].name");
            return new Successor(Guid.CreateVersion7(), Text.Required(s.Code, $"successors[{i}].code"), name,
                s.ShortName is null ? name : Text.Required(s.ShortName, $"successors[{i}].shortName"), s.Level, s.Sector);
        }).ToList();
        if (successors.Count < 2)
            throw Text.Invalid("successors", "Chia tách cần ít nhất hai đơn vị mới.");
        var assignments = (request.Assignments ?? new Dictionary<Guid, string>()).ToDictionary(a => a.Key, a => Text.Clean(a.Value));
        return new Command(successors, assignments, Text.EffectiveDate(request.EffectiveDate), Text.Decision(request.Decision));
    }

    public static IReadOnlyList<(Guid StreamId, object Event)> Decide(Unit unit, IReadOnlyList<Unit> children, IReadOnlyCollection<string> takenCodes, Command command)
    {
        UnitRules.EnsureChangeable(unit, command.EffectiveDate);
        var codes = command.Successors.Select(s => s.Code).ToList();
        if (codes.Distinct(StringComparer.Ordinal).Count() != codes.Count)
            throw new DomainRuleException("Các đơn vị mới phải có mã khác nhau.");
        if (codes.FirstOrDefault(takenCodes.Contains) is { } taken)
            throw new DomainRuleException($"Mã đơn vị {taken} đã được sử dụng.");
        var events = new List<(Guid, object)>();
        foreach (var s in command.Successors)
            events.Add((s.Id, new UnitEstablished(s.Id, s.Code, s.Name, s.ShortName, s.Level ?? unit.Level, s.Sector ?? unit.Sector,
                unit.Organisation, unit.ParentId, unit.UnionUnitId, [unit.Id], command.EffectiveDate, command.Decision)));
        foreach (var child in children)
        {
            if (!command.Assignments.TryGetValue(child.Id, out var code))
                throw new DomainRuleException($"Chưa chỉ định đơn vị mới tiếp nhận {child.Name} (mã {child.Code}).");
            var successor = command.Successors.FirstOrDefault(s => s.Code == code)
                            ?? throw new DomainRuleException($"{child.Name} được giao cho mã {code}, không phải một đơn vị mới của lần chia tách này.");
            UnitRules.EnsureChangeable(child, command.EffectiveDate);
            events.Add((child.Id, new UnitMoved(child.Id, unit.Id, successor.Id, command.EffectiveDate, command.Decision)));
        }
        events.Add((unit.Id, new UnitSplit(unit.Id, [.. command.Successors.Select(s => s.Id)], command.EffectiveDate, command.Decision)));
        return events;
    }

    public static void Map(RouteGroupBuilder group) => group.MapPost("/units/{id:guid}/split", async (
        Guid id, Request request, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
    {
        var command = Validate(request);
        await access.EnsureAsync(http.User, id, UnitPermission.Manage, ct).ConfigureAwait(false);
        var (unit, version) = await UnitWrites.LoadVersionedAsync(store, id, ct).ConfigureAwait(false);
        if (unit is null)
            return UnitWrites.NotFound(id);
        if (UnitWrites.ExpectedVersion(http, request.Version) is { } expected && expected != version)
            throw new ConcurrencyException(id, expected, version);
        if (unit.ParentId is { } parentId)
            await access.EnsureAsync(http.User, parentId, UnitPermission.Manage, ct).ConfigureAwait(false);

        await UnitWrites.CatchUpAsync(store, ct).ConfigureAwait(false);
        var versions = new Dictionary<Guid, long> { [id] = version };
        var children = new List<Unit>();
        foreach (var childId in await UnitTree.ActiveChildrenAsync(store.DataSource, id, ct).ConfigureAwait(false))
        {
            var (child, childVersion) = await UnitWrites.LoadVersionedAsync(store, childId, ct).ConfigureAwait(false);
            if (child is null)
                continue;
            versions[childId] = childVersion;
            children.Add(child);
        }
        var taken = await UnitTree.IdsByCodeAsync(store.DataSource, [.. command.Successors.Select(s => s.Code)], ct).ConfigureAwait(false);

        var events = Decide(unit, children, [.. taken.Keys], command);
        await using var session = store.LightweightSession(http.User.ToActor());
        session.Decision = command.Decision.NumberSymbol;
        session.Reason = Text.Clean(request.Reason) is { Length: > 0 } reason ? reason : null;
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            if (versions.TryGetValue(stream.Key, out var v))
                session.Events.Append(stream.Key, v, [.. stream.Select(e => e.Event)]);
            else
                session.Events.StartStream<Unit>(stream.Key, [.. stream.Select(e => e.Event)]);
        }
        await UnitCodesProjection.SaveAsync(() => session.SaveChangesAsync(ct)).ConfigureAwait(false);
        return UnitWrites.Written(http, id, version + 1);
    });
}
