using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Organisation.Features;

internal static class EstablishUnit
{
    public sealed record Request(
        string? Code, string? Name, string? ShortName, UnitLevel? Level, Sector? Sector, OrganisationKind? Organisation,
        Guid? ParentId, Guid? UnionUnitId, DateOnly? EffectiveDate, Decision? Decision, string? Reason);

    public sealed record Command(
        Guid UnitId, string Code, string Name, string ShortName, UnitLevel Level, Sector Sector, OrganisationKind Organisation,
        Guid? ParentId, Guid? UnionUnitId, DateOnly EffectiveDate, Decision Decision);

    public static Command Validate(Guid unitId, Request request)
    {
        var name = Text.Required(request.Name, "name");
        return new Command(unitId, Text.Required(request.Code, "code"), name,
            request.ShortName is null ? name : Text.Required(request.ShortName, "shortName"),
            request.Level ?? throw Text.Invalid("level", "Thiếu cấp đơn vị."), request.Sector ?? Contracts.Sector.None,
            request.Organisation ?? OrganisationKind.Union, request.ParentId, request.UnionUnitId,
            Text.EffectiveDate(request.EffectiveDate), Text.Decision(request.Decision));
    }

    /// <summary>
    /// A new unit under an active parent that existed on the effective date, with a code nobody uses; a Hội or Đội
    /// body may be linked to the active union unit it belongs to (<paramref name="unionUnit"/>).
    /// </summary>
    public static UnitEstablished Decide(Command command, Unit? parent, bool codeTaken, Unit? unionUnit = null)
    {
        if (command.UnionUnitId is not null)
        {
            if (command.Organisation == OrganisationKind.Union)
                throw new DomainRuleException("Chỉ tổ chức Hội hoặc Đội mới được gắn với một đơn vị Đoàn.");
            if (unionUnit is not { IsActive: true, Organisation: OrganisationKind.Union })
                throw new DomainRuleException("Đơn vị Đoàn được gắn không tồn tại, đã ngừng hoạt động hoặc không phải tổ chức Đoàn.");
        }
        if (codeTaken)
            throw new DomainRuleException($"Mã đơn vị {command.Code} đã được sử dụng.");
        if (command.ParentId is not null)
        {
            if (parent is null || parent.Status == UnitStatus.NotEstablished)
                throw new DomainRuleException("Đơn vị cấp trên không tồn tại.");
            UnitRules.EnsureCanBeParent(parent, command.EffectiveDate);
        }
        return new UnitEstablished(command.UnitId, command.Code, command.Name, command.ShortName, command.Level, command.Sector,
            command.Organisation, command.ParentId, command.UnionUnitId, [], command.EffectiveDate, command.Decision);
    }

    public static void Map(RouteGroupBuilder group) => group.MapPost("/units", async (
        Request request, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
    {
        var command = Validate(Guid.CreateVersion7(), request);
        if (command.ParentId is { } parentId)
            await access.EnsureAsync(http.User, parentId, UnitPermission.Manage, ct).ConfigureAwait(false);
        else if (!await access.IsGlobalAdminAsync(http.User, ct).ConfigureAwait(false))
            throw new AccessDeniedException("Chỉ quản trị viên toàn hệ thống được thành lập đơn vị cấp cao nhất.");

        var parent = command.ParentId is { } p ? await UnitWrites.LoadAsync(store, p, ct).ConfigureAwait(false) : null;
        var taken = (await UnitTree.IdsByCodeAsync(store.DataSource, [command.Code], ct).ConfigureAwait(false)).Count > 0;
        var union = command.UnionUnitId is { } u ? await UnitWrites.LoadAsync(store, u, ct).ConfigureAwait(false) : null;
        var established = Decide(command, parent, taken, union);

        await using var session = store.LightweightSession(http.User.ToActor());
        session.Decision = command.Decision.NumberSymbol;
        session.Reason = Text.Clean(request.Reason) is { Length: > 0 } reason ? reason : null;
        session.Events.StartStream<Unit>(command.UnitId, established);
        await UnitCodesProjection.SaveAsync(() => session.SaveChangesAsync(ct)).ConfigureAwait(false);
        http.Response.Headers.ETag = "\"1\"";
        return TypedResults.Created($"/api/organisation/units/{command.UnitId}", new WriteResult(command.UnitId, 1));
    });
}
