using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Inspections.Features;

/// <summary>
/// Record an inspection: of one unit, or a conference reviewing many (24 branches in one sitting in the 2024 sample). Per unit and topic:
/// the evidence verdict, the unit's explanation, strengths and shortcomings; per unit: recommendations with deadlines. Rejected evidence
/// of a condition that requires it, which the unit self-assessed, also proposes voiding that condition (Emulation is asked which).
/// </summary>
internal static class HoldInspection
{
    public sealed record Request(long? Version, DateOnly? HeldOn, string? Place, IReadOnlyList<UnitInspectionInput>? Units);

    public static void Map(RouteGroupBuilder group) => group.MapPost("/plans/{id:guid}/inspections",
        (Guid id, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IScoringStatus scoring, TimeProvider clock,
            CancellationToken ct) =>
            InspectionHttp.WriteAsync(store, user, id, request.Version, "Ghi kết quả kiểm tra",
                plan => InspectionHttp.EnsureInspectorAsync(access, user, plan, (request.Units ?? []).Select(u => u.UnitId ?? Guid.Empty),
                    InspectionHttp.Today(clock), ct),
                async (plan, errors) => PlanDecisions.Hold(plan, Guid.CreateVersion7(), request.HeldOn, request.Place, request.Units,
                    await VoidableAsync(plan, request.Units ?? [], scoring, ct), Guid.CreateVersion7, errors), ct,
                missing: plan => (request.Units ?? []).Select((u, i) => u.UnitId is { } unit && !plan.Issued.UnitIds.Contains(unit)
                    ? $"units[{i}].unitId: đơn vị {unit} không có trong kế hoạch kiểm tra." : null).FirstOrDefault(m => m is not null)));

    /// <summary>The (unit, condition) pairs whose evidence this request rejects and that Emulation says a rejection voids.</summary>
    internal static async Task<IReadOnlySet<(Guid UnitId, string ConditionCode)>> VoidableAsync(InspectionPlan plan, IReadOnlyList<UnitInspectionInput> units,
        IScoringStatus scoring, CancellationToken ct)
    {
        var voidable = new HashSet<(Guid, string)>();
        foreach (var unit in units)
            foreach (var review in unit.Reviews ?? [])
                if (unit.UnitId is { } unitId && review.Verdict == EvidenceVerdict.Rejected && Input.Clean(review.Topic) is { } topic
                    && plan.ConditionOf(topic) is { } code && !voidable.Contains((unitId, code))
                    && await scoring.SelfAssessedWithRequiredEvidenceAsync(unitId, plan.Issued.Year, code, ct))
                    voidable.Add((unitId, code));
        return voidable;
    }
}
