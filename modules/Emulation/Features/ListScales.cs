using System.Security.Claims;
using DoanPlatform.Emulation.ReadModels;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>
/// The scales of a year: those an issuing unit drafted (<c>?issuingUnitId=</c>, drafts included, for its office) or those that apply to a unit
/// (<c>?unitId=</c>: published scales of the units above it, so a unit secretary finds the scale to self-assess against).
/// </summary>
internal static class ListScales
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/scales", HandleAsync);

    private static async Task<Results<Ok<IReadOnlyList<ScaleSummary>>, ValidationProblem>> HandleAsync(Guid? issuingUnitId, Guid? unitId, int year,
        ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory units, CancellationToken ct)
    {
        if (issuingUnitId is { } issuing)
        {
            await access.EnsureAsync(user, issuing, UnitPermission.Read, ct);
            return TypedResults.Ok(await ScaleList.ForIssuersAsync(store.DataSource, [issuing], year, ct));
        }
        if (unitId is not { } unit)
            return EmulationHttp.Missing("unitId", "Cần unitId hoặc issuingUnitId.");
        await access.EnsureAsync(user, unit, UnitPermission.Read, ct);
        var chain = new List<Guid>();
        var asOf = new DateOnly(year, 12, 31);
        for (var current = await units.FindAsync(unit, asOf, ct); current?.ParentId is { } parent && chain.Count < 20; current = await units.FindAsync(parent, asOf, ct))
            chain.Add(parent);
        IReadOnlyList<ScaleSummary> scales = [.. (await ScaleList.ForIssuersAsync(store.DataSource, [.. chain], year, ct)).Where(s => s.Status == "Published")];
        return TypedResults.Ok(scales);
    }
}
