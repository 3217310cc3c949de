using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Inspections.Features;

/// <summary>
/// Record an inspection: of one unit, or a conference reviewing many (24 branches in one sitting in the 2024 sample). Per unit and topic:
/// the evidence verdict, the unit's explanation, strengths and shortcomings; per unit: recommendations with deadlines.
/// </summary>
internal static class HoldInspection
{
    public sealed record Request(long? Version, DateOnly? HeldOn, string? Place, IReadOnlyList<UnitInspectionInput>? Units);

    public static void Map(RouteGroupBuilder group) => group.MapPost("/plans/{id:guid}/inspections",
        (Guid id, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, TimeProvider clock, CancellationToken ct) =>
            InspectionHttp.WriteAsync(store, user, id, request.Version, "Ghi kết quả kiểm tra",
                plan => InspectionHttp.EnsureInspectorAsync(access, user, plan, (request.Units ?? []).Select(u => u.UnitId ?? Guid.Empty),
                    InspectionHttp.Today(clock), ct),
                (plan, errors) => Task.FromResult(PlanDecisions.Hold(plan, Guid.CreateVersion7(), request.HeldOn, request.Place, request.Units,
                    Guid.CreateVersion7, errors)), ct));
}
