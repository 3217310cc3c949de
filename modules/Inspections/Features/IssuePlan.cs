using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Inspections.Features;

/// <summary>Issue an inspection plan (kế hoạch kiểm tra): number-symbol, year, period, units, topics and team.</summary>
internal static class IssuePlan
{
    public sealed record Request(Guid? IssuingUnitId, string? NumberSymbol, int? Year, DateOnly? IssuedOn, DateOnly? From, DateOnly? To,
        IReadOnlyList<Guid>? UnitIds, IReadOnlyList<TopicInput>? Topics, Guid? HeadAccountId, IReadOnlyList<Guid>? MemberAccountIds);

    public static void Map(RouteGroupBuilder group) => group.MapPost("/plans", Handle);

    private static async Task<Results<Created<InspectionHttp.Written>, ValidationProblem>> Handle(Request request, ClaimsPrincipal user, IDocumentStore store,
        IUnitAccess access, IUnitDirectory directory, IAccountDirectory accounts, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var id = Guid.CreateVersion7();
        var issued = PlanDecisions.Issue(id, request.IssuingUnitId, request.NumberSymbol, request.Year, request.IssuedOn, request.From, request.To,
            request.UnitIds, request.Topics, request.HeadAccountId, request.MemberAccountIds, errors);
        if (errors.Count > 0)
            return InspectionHttp.Invalid(errors);
        await access.EnsureAsync(user, issued.IssuingUnitId, UnitPermission.Manage, ct);
        foreach (var unit in issued.UnitIds)
            await access.EnsureAsync(user, unit, UnitPermission.Manage, ct);
        // Ids are only stored when they name something real, in the issuing unit's subtree: a global admin passes every scope check.
        var on = issued.From;
        errors.Require(await directory.FindAsync(issued.IssuingUnitId, on, ct) is not null, "issuingUnitId", "Không có đơn vị ban hành này vào ngày bắt đầu kiểm tra.");
        var unitIds = request.UnitIds ?? [];
        for (var i = 0; i < unitIds.Count; i++)
            errors.Require(await directory.FindAsync(unitIds[i], on, ct) is not null && await directory.IsWithinAsync(unitIds[i], issued.IssuingUnitId, on, ct),
                $"unitIds[{i}]", "Đơn vị không tồn tại hoặc không trực thuộc đơn vị ban hành vào ngày bắt đầu kiểm tra.");
        if (request.HeadAccountId is { } head)
            errors.Require(await accounts.ExistsAsync(head, ct), "headAccountId", "Không có tài khoản này.");
        var members = request.MemberAccountIds ?? [];
        for (var i = 0; i < members.Count; i++)
            errors.Require(await accounts.ExistsAsync(members[i], ct), $"memberAccountIds[{i}]", "Không có tài khoản này.");
        if (errors.Count > 0)
            return InspectionHttp.Invalid(errors);
        await using var session = store.LightweightSession(user.ToActor());
        session.Reason = $"Ban hành kế hoạch kiểm tra số {issued.NumberSymbol}";
        session.Decision = issued.NumberSymbol;
        session.Events.StartStream<InspectionPlan>(id, issued);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/inspections/plans/{id}", new InspectionHttp.Written(id, 1));
    }
}
