namespace DoanPlatform.Inspections.Contracts;

/// <summary>What an issuing unit's office still has to decide about its inspections (for the overview screen).</summary>
public interface IAdjustmentWorkload
{
    /// <summary>The score adjustments proposed by the inspections of <paramref name="issuingUnitId"/>'s plans that await its approval.</summary>
    Task<int> AdjustmentsAwaitingApprovalAsync(Guid issuingUnitId, CancellationToken ct = default);
}
