using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Inspections.Features;

/// <summary>
/// Follow-up: the inspected unit (its secretary, or the office) reports on a recommendation; completed closes it. An unknown recommendation
/// is a 404 to whoever may read the plan. The plan's version is optional here: a secretary, who may not read the plan, reports from the
/// unit's list of recommendations, and a report only adds to the plan.
/// </summary>
internal static class ReportRecommendation
{
    public sealed record Request(long? Version, string? Report, bool Completed);

    public static void Map(RouteGroupBuilder group) => group.MapPost("/plans/{id:guid}/recommendations/{recommendationId:guid}/reports",
        (Guid id, Guid recommendationId, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, TimeProvider clock,
            CancellationToken ct) =>
            InspectionHttp.WriteAsync(store, user, id, request.Version, "Báo cáo thực hiện kiến nghị sau kiểm tra",
                plan => plan.Recommendations.TryGetValue(recommendationId, out var r)
                    ? access.EnsureAsync(user, r.Made.UnitId, UnitPermission.Contribute, ct)
                    : InspectionHttp.EnsureReaderAsync(access, user, plan, InspectionHttp.Today(clock), ct),
                (plan, errors) => Task.FromResult<IReadOnlyList<object>>([PlanDecisions.Report(plan, recommendationId, InspectionHttp.Today(clock),
                    request.Report, request.Completed, errors)]), ct,
                missing: plan => plan.Recommendations.ContainsKey(recommendationId) ? null
                    : $"Không có kiến nghị {recommendationId} trong kế hoạch kiểm tra.", versionOptional: true));
}
