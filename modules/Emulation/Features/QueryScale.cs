using System.Security.Claims;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>A scale as it stands (or as at a version), with its status.</summary>
internal static class QueryScale
{
    public sealed record View(Guid Id, long Version, Guid IssuingUnitId, int Year, int Number, string Status, Guid? AmendsScaleId, DateOnly? EffectiveDate,
        string? AmendmentReason, Guid? SupersededBy, ScaleContent Content);

    public static void Map(RouteGroupBuilder group) => group.MapGet("/scales/{id:guid}", Handle);

    private static async Task<Results<Ok<View>, NotFound<ProblemBody>>> Handle(Guid id, Guid? unitId, ClaimsPrincipal user, IDocumentStore store,
        IUnitAccess access, IUnitDirectory units, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var events = await query.Events.FetchStreamAsync(id, ct: ct);
        if (events.Count == 0)
            return EmulationHttp.NotFound($"Không có thang điểm {id}.");
        var scale = events.Aggregate(Scale.Initial, (s, e) => s.Evolve(e.Data));
        if (unitId is { } unit && scale.Status != ScaleStatus.Draft)
        {
            // A unit scores against a published scale of a unit above it: whoever may read the unit may read that scale (a secretary too).
            await access.EnsureAsync(user, unit, UnitPermission.Read, ct);
            if (!await IssuedAboveAsync(units, unit, scale, ct))
                throw new AccessDeniedException("Thang điểm này không do đơn vị cấp trên của đơn vị ban hành.");
        }
        else
        {
            await access.EnsureAsync(user, scale.IssuingUnitId, UnitPermission.Read, ct);
        }
        return TypedResults.Ok(new View(scale.Id, events[^1].Version, scale.IssuingUnitId, scale.Year, scale.Number, scale.Status.ToString(), scale.AmendsScaleId,
            scale.EffectiveDate, scale.AmendmentReason, scale.SupersededBy, scale.Content));
    }

    private static async Task<bool> IssuedAboveAsync(IUnitDirectory units, Guid unitId, Scale scale, CancellationToken ct)
    {
        var asOf = new DateOnly(scale.Year, 12, 31);
        var current = await units.FindAsync(unitId, asOf, ct);
        for (var hops = 0; current?.ParentId is { } parent && hops < 20; hops++)
        {
            if (parent == scale.IssuingUnitId)
                return true;
            current = await units.FindAsync(parent, asOf, ct);
        }
        return false;
    }
}
