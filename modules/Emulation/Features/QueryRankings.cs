using System.Security.Claims;
using DoanPlatform.Emulation.ReadModels;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>Rankings of an issuing unit's clusters for a year, from the locked and published results.</summary>
internal static class QueryRankings
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/rankings", Handle);

    private static async Task<Ok<IReadOnlyList<ClusterRanking>>> Handle(Guid issuingUnitId, int year, ClaimsPrincipal user, IDocumentStore store,
        IUnitAccess access, IUnitDirectory units, CancellationToken ct)
    {
        await access.EnsureAsync(user, issuingUnitId, UnitPermission.Read, ct);
        return TypedResults.Ok(await UnitResults.RankingsAsync(store.DataSource, units, issuingUnitId, year, ct));
    }
}
