using DoanPlatform.Inspections.Contracts;
using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Inspections.ReadModels;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Inspections.Features;

/// <summary>Reads: a plan with its version, results per unit and year, open recommendations (overdue visible), adjustments applied.</summary>
internal static class QueryInspections
{
    public sealed record PlanView(Guid Id, long Version, PlanIssued Plan, IReadOnlyList<InspectionHeld> Inspections, IReadOnlyList<TopicReviewed> Reviews,
        IReadOnlyList<RecommendationMade> Recommendations, IReadOnlyList<AdjustmentProposed> Adjustments, IReadOnlyList<Guid> Approved, IReadOnlyList<Guid> Declined,
        ConclusionIssued? Conclusion);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/plans/{id:guid}", PlanAsync);
        group.MapGet("/results", async (Guid unitId, int year, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IScoringStatus scoring,
            CancellationToken ct) =>
        {
            await access.EnsureAsync(user, unitId, UnitPermission.Read, ct);
            var findings = await UnitFindingsProjection.ForUnitAsync(store.DataSource, unitId, year, ct);
            var plans = new Dictionary<Guid, InspectionPlan?>();
            foreach (var planId in findings.Select(f => f.PlanId).Distinct())
                plans[planId] = await InspectionHttp.LoadAsync(store, planId, ct);
            var sorted = await new ConditionOrder(scoring).SortAsync(findings, f => (f.UnitId, f.Year, plans[f.PlanId]?.ConditionOf(f.Topic),
                plans[f.PlanId]?.Issued.Topics.ToList().FindIndex(t => t.Title == f.Topic || t.ConditionCode == f.Topic) ?? -1), ct);
            return TypedResults.Ok(sorted.OrderBy(f => f.HeldOn).ToList());
        });
        group.MapGet("/recommendations", async Task<Results<Ok<IReadOnlyList<RecommendationRow>>, ValidationProblem, NotFound<ProblemBody>>> (Guid? unitId,
            Guid? planId, bool? openOnly, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, TimeProvider clock, CancellationToken ct) =>
        {
            if (unitId is null && planId is null)
                return InspectionHttp.Invalid(new FieldErrors().Require(false, "unitId", "Cần đơn vị (unitId) hoặc kế hoạch (planId)."));
            if (!await EnsureScopeAsync(store, access, user, unitId, planId, clock, ct))
                return InspectionHttp.PlanNotFound(planId!.Value);
            return TypedResults.Ok(await RecommendationsProjection.QueryAsync(store.DataSource, unitId, planId, openOnly ?? true, InspectionHttp.Today(clock), ct));
        });
        group.MapGet("/adjustments", async Task<Results<Ok<IReadOnlyList<AdjustmentRow>>, ValidationProblem, NotFound<ProblemBody>>> (Guid? unitId, int? year,
            Guid? planId, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IScoringStatus scoring, TimeProvider clock, CancellationToken ct) =>
        {
            if (unitId is null && planId is null)
                return InspectionHttp.Invalid(new FieldErrors().Require(false, "unitId", "Cần đơn vị (unitId) hoặc kế hoạch (planId)."));
            if (!await EnsureScopeAsync(store, access, user, unitId, planId, clock, ct))
                return InspectionHttp.PlanNotFound(planId!.Value);
            var rows = await AdjustmentLedgerProjection.QueryAsync(store.DataSource, unitId, year, planId, ct);
            return TypedResults.Ok(await new ConditionOrder(scoring).SortAsync(rows, r => (r.UnitId, r.Year, r.ConditionCode, 0), ct));
        });
    }

    /// <summary>Throws 403 when out of scope; false when the plan asked for does not exist.</summary>
    private static async Task<bool> EnsureScopeAsync(IDocumentStore store, IUnitAccess access, ClaimsPrincipal user, Guid? unitId, Guid? planId,
        TimeProvider clock, CancellationToken ct)
    {
        if (unitId is { } unit)
            await access.EnsureAsync(user, unit, UnitPermission.Read, ct);
        if (planId is { } id)
        {
            if (await InspectionHttp.LoadAsync(store, id, ct) is not { } plan)
                return false;
            await InspectionHttp.EnsureReaderAsync(access, user, plan, InspectionHttp.Today(clock), ct);
        }
        return true;
    }

    private static async Task<Results<Ok<PlanView>, NotFound<ProblemBody>>> PlanAsync(Guid id, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access,
        TimeProvider clock, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var events = await query.Events.FetchStreamAsync(id, ct: ct);
        var plan = events.Aggregate(InspectionPlan.Initial, (state, e) => state.Evolve(e.Data));
        if (plan.Plan is null)
            return InspectionHttp.PlanNotFound(id);
        await InspectionHttp.EnsureReaderAsync(access, user, plan, InspectionHttp.Today(clock), ct);
        return TypedResults.Ok(new PlanView(id, events[^1].Version, plan.Issued, [.. plan.Inspections.Values.OrderBy(i => i.HeldOn)], plan.Reviews,
            [.. plan.Recommendations.Values.Select(r => r.Made)],
            [.. plan.Adjustments.Values.Select(a => a.Proposed).OrderBy(a => TopicIndex(plan, a.ConditionCode)).ThenBy(a => plan.Issued.UnitIds.ToList().IndexOf(a.UnitId))],
            [.. plan.Adjustments.Values.Where(a => a.Approved is not null).Select(a => a.Proposed.AdjustmentId)],
            [.. plan.Adjustments.Values.Where(a => a.Declined is not null).Select(a => a.Proposed.AdjustmentId)], plan.Conclusion));
    }

    /// <summary>Where a plan lists the topic of a condition: its topics keep the order they were picked in from the scale.</summary>
    private static int TopicIndex(InspectionPlan plan, string conditionCode) =>
        plan.Issued.Topics.ToList().FindIndex(t => t.ConditionCode == conditionCode) is var i and >= 0 ? i : int.MaxValue;
}
