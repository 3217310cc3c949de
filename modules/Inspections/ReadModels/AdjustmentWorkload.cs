using DoanPlatform.EventStore;
using DoanPlatform.Inspections.Contracts;
using Npgsql;

namespace DoanPlatform.Inspections.ReadModels;

/// <summary>A count over the plan list read model's pending adjustments.</summary>
internal sealed class AdjustmentWorkload(IDocumentStore store) : IAdjustmentWorkload
{
    public async Task<int> AdjustmentsAwaitingApprovalAsync(Guid issuingUnitId, CancellationToken ct = default)
    {
        await using var command = store.DataSource.CreateCommand(
            $"select coalesce(sum(cardinality(pending_adjustments)), 0) from {InspectionsSchema.Name}.plans where issuing_unit_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = issuingUnitId });
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
