using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Organisation.Features;

internal static class MoveUnit
{
    public sealed record Request(Guid? ParentId, DateOnly? EffectiveDate, Decision? Decision, string? Reason, long? Version);

    public sealed record Command(Guid ParentId, DateOnly EffectiveDate, Decision Decision);

    public static Command Validate(Request request) => new(
        request.ParentId ?? throw Text.Invalid("parentId", "Thiếu đơn vị cấp trên mới."),
        Text.EffectiveDate(request.EffectiveDate), Text.Decision(request.Decision));

    /// <param name="newParentAncestors">The new parent's own parent chain: the unit must not be in it.</param>
    public static UnitMoved Decide(Unit unit, Unit? newParent, IReadOnlyList<Guid> newParentAncestors, Command command)
    {
        UnitRules.EnsureChangeable(unit, command.EffectiveDate);
        if (newParent is null || newParent.Status == UnitStatus.NotEstablished)
            throw new DomainRuleException("Đơn vị cấp trên mới không tồn tại.");
        if (newParent.Id == unit.Id || newParentAncestors.Contains(unit.Id))
            throw new DomainRuleException(
                $"Không thể chuyển {unit.Name} về trực thuộc {newParent.Name}: {newParent.Name} đang trực thuộc {unit.Name}, việc chuyển sẽ tạo thành vòng lặp.");
        UnitRules.EnsureCanBeParent(newParent, command.EffectiveDate);
        if (unit.ParentId == newParent.Id)
            throw new DomainRuleException($"{unit.Name} đã trực thuộc {newParent.Name}.");
        return new UnitMoved(unit.Id, unit.ParentId, newParent.Id, command.EffectiveDate, command.Decision);
    }

    public static void Map(RouteGroupBuilder group) => group.MapPost("/units/{id:guid}/move", async (
        Guid id, Request request, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
    {
        var command = Validate(request);
        await access.EnsureAsync(http.User, command.ParentId, UnitPermission.Manage, ct).ConfigureAwait(false);
        var parent = await UnitWrites.LoadAsync(store, command.ParentId, ct).ConfigureAwait(false);
        var chain = parent is null ? [] : await UnitWrites.AncestorIdsAsync(store, parent, ct).ConfigureAwait(false);
        return await UnitWrites.ChangeAsync(http, store, access, id, request.Version, command.Decision, request.Reason,
            unit => Task.FromResult<object>(Decide(unit, parent, chain, command)), ct).ConfigureAwait(false);
    });
}
