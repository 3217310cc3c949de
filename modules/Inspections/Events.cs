namespace DoanPlatform.Inspections;

/// <summary>A number was taken from the issuer's conclusion register.</summary>
internal sealed record ConclusionNumberTaken(Guid IssuingUnitId, int Year, int Number, string NumberSymbol, Guid PlanId);
