using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Inspections.Features;

/// <summary>
/// Propose a score adjustment (the team or the issuer), and approve or decline it (the issuer only). An approval is refused (422) up front
/// when the unit's result is locked or published and not re-opened; once approved, Emulation applies it by a subscription, exactly once.
/// </summary>
internal static class Adjustments
{
    public sealed record ProposeRequest(long? Version, Guid? UnitId, string? ConditionCode, decimal? Value, string? Reason);

    public sealed record ApproveRequest(long? Version);

    public sealed record DeclineRequest(long? Version, string? Reason);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/plans/{id:guid}/adjustments",
            (Guid id, ProposeRequest request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IScoringStatus scoring, TimeProvider clock,
                CancellationToken ct) =>
                InspectionHttp.WriteAsync(store, user, id, request.Version, "Đề xuất điều chỉnh điểm",
                    plan => InspectionHttp.EnsureInspectorAsync(access, user, plan, [request.UnitId ?? Guid.Empty], InspectionHttp.Today(clock), ct),
                    async (plan, errors) =>
                    {
                        // An adjustment moves one condition by at most what the condition is worth in the unit's scale.
                        if (request is { UnitId: { } unit, Value: { } value, ConditionCode: { } code }
                            && await scoring.ConditionMaxAsync(unit, plan.Issued.Year, Input.Clean(code) ?? "", ct) is { } max)
                            errors.Require(max > 0 ? Math.Abs(value) <= max : false, max > 0 ? "value" : "conditionCode",
                                max > 0 ? $"Mức điều chỉnh không được vượt quá điểm tối đa của điều kiện ({max})." : "Thang điểm của đơn vị không có điều kiện này.");
                        errors.Require(request.Value is not { } v || Math.Abs(v) <= 1000, "value", "Mức điều chỉnh quá lớn.");
                        return [PlanDecisions.Propose(plan, Guid.CreateVersion7(), request.UnitId, request.ConditionCode, request.Value, request.Reason, errors)];
                    }, ct,
                    missing: plan => request.UnitId is { } unit && !plan.Issued.UnitIds.Contains(unit)
                        ? $"unitId: đơn vị {unit} không có trong kế hoạch kiểm tra." : null));
        group.MapPost("/plans/{id:guid}/adjustments/{adjustmentId:guid}/approve",
            (Guid id, Guid adjustmentId, ApproveRequest request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory units,
                IScoringStatus scoring, TimeProvider clock, CancellationToken ct) =>
                InspectionHttp.WriteAsync(store, user, id, request.Version, "Duyệt điều chỉnh điểm theo kết quả kiểm tra",
                    plan => InspectionHttp.EnsureIssuerAsync(access, user, plan, ct),
                    async (plan, errors) =>
                    {
                        if (!plan.Adjustments.TryGetValue(adjustmentId, out var adjustment))
                            throw new DomainRuleException("Không có đề xuất điều chỉnh này trong kế hoạch.");
                        var proposed = adjustment.Proposed;
                        var today = InspectionHttp.Today(clock);
                        var end = new DateOnly(proposed.Year, 12, 31);
                        var unit = await units.FindAsync(proposed.UnitId, end < today ? end : today, ct) ?? await units.FindAsync(proposed.UnitId, end, ct)
                            ?? throw new DomainRuleException("Không tìm thấy đơn vị được điều chỉnh.");
                        var state = await scoring.StateAsync(proposed.UnitId, proposed.Year, ct);
                        return [PlanDecisions.Approve(plan, adjustmentId, state, unit, today)];
                    }, ct, missing: plan => Unknown(plan, adjustmentId)));
        group.MapPost("/plans/{id:guid}/adjustments/{adjustmentId:guid}/decline",
            (Guid id, Guid adjustmentId, DeclineRequest request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
                InspectionHttp.WriteAsync(store, user, id, request.Version, "Từ chối đề xuất điều chỉnh điểm",
                    plan => InspectionHttp.EnsureIssuerAsync(access, user, plan, ct),
                    (plan, errors) => Task.FromResult<IReadOnlyList<object>>([PlanDecisions.Decline(plan, adjustmentId, request.Reason, errors)]), ct,
                    missing: plan => Unknown(plan, adjustmentId)));
    }

    private static string? Unknown(InspectionPlan plan, Guid adjustmentId) =>
        plan.Adjustments.ContainsKey(adjustmentId) ? null : $"Không có đề xuất điều chỉnh {adjustmentId} trong kế hoạch kiểm tra.";
}
