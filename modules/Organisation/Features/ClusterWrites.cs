using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Clusters;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace DoanPlatform.Organisation.Features;

internal sealed record DecisionRequest(DateOnly? EffectiveDate, Decision? Decision, string? Reason, long? Version);

/// <summary>Load a cluster at the expected version, check the caller manages its issuing unit, append one decision.</summary>
internal static class ClusterWrites
{
    public static async Task<IResult> ChangeAsync(HttpContext http, IDocumentStore store, IUnitAccess access, Guid clusterId, long? bodyVersion,
        Decision decision, string? reason, Func<EmulationCluster, Task<object>> decide, CancellationToken ct)
    {
        await using var session = store.LightweightSession(http.User.ToActor());
        var stream = await session.Events.FetchForWriting<EmulationCluster>(clusterId, ct).ConfigureAwait(false);
        if (stream.Aggregate is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy cụm thi đua");
        await access.EnsureAsync(http.User, stream.Aggregate.IssuingUnitId, UnitPermission.Manage, ct).ConfigureAwait(false);
        if (UnitWrites.ExpectedVersion(http, bodyVersion) is { } expected && expected != stream.StartingVersion)
            throw new ConcurrencyException(clusterId, expected, stream.StartingVersion);
        stream.AppendOne(await decide(stream.Aggregate).ConfigureAwait(false));
        session.Decision = decision.NumberSymbol;
        session.Reason = Text.Clean(reason) is { Length: > 0 } clean ? clean : null;
        try
        {
            await session.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "cluster_members_one_per_year")
        {
            throw new DomainRuleException("Đơn vị đã thuộc một cụm thi đua khác của cùng đơn vị ban hành trong năm này.");
        }
        return UnitWrites.Written(http, clusterId, stream.StartingVersion + 1);
    }
}
