using System.Globalization;
using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Inspections.ReadModels;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Inspections.Features;

/// <summary>
/// <c>GET /api/inspections/plans?issuingUnitId=&amp;year=</c>: the plans an issuing unit made for a year, for whoever may read that unit.
/// A missing or malformed parameter is a 400 naming it, an unknown unit a 404, a unit outside the caller's scope a 403.
/// </summary>
internal static class ListPlans
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/plans", HandleAsync);

    private static async Task<Results<Ok<IReadOnlyList<PlanListRow>>, ValidationProblem, ProblemHttpResult>> HandleAsync(string? issuingUnitId, string? year,
        ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory units, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Require(Guid.TryParse(issuingUnitId, out var unitId), "issuingUnitId", "Cần đơn vị ban hành kế hoạch (issuingUnitId) là một mã định danh hợp lệ.");
        errors.Require(int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var planYear) && planYear is >= 2000 and <= 2100, "year",
            "Cần năm kiểm tra (year) từ 2000 đến 2100.");
        if (errors.Count > 0)
            return InspectionHttp.Invalid(errors);
        var today = InspectionHttp.Today(clock);
        var end = new DateOnly(planYear, 12, 31);
        if (await units.FindAsync(unitId, end < today ? end : today, ct) is null && await units.FindAsync(unitId, end, ct) is null)
        {
            var message = $"Không có đơn vị {unitId} (issuingUnitId).";
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy", detail: message,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["issuingUnitId"] = [message] } });
        }
        await access.EnsureAsync(user, unitId, UnitPermission.Read, ct);
        return TypedResults.Ok(await PlanListProjection.ForIssuerAsync(store.DataSource, unitId, planYear, ct));
    }
}
