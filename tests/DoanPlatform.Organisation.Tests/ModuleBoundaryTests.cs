using System.Reflection;

namespace DoanPlatform.Organisation.Tests;

/// <summary>Only <c>OrganisationModule</c> and <c>Contracts/</c> are public; everything else is internal.</summary>
public class ModuleBoundaryTests
{
    private static List<string> PublicTypesOutsideContracts(Assembly assembly, string contractsNamespace, string entryPoint) =>
        [.. assembly.GetExportedTypes()
            .Where(t => t.FullName != entryPoint && t.Namespace != contractsNamespace && !(t.Namespace ?? "").StartsWith(contractsNamespace + ".", StringComparison.Ordinal))
            .Select(t => t.FullName!)];

    [Fact]
    public void The_module_exposes_only_its_entry_point_and_its_contracts()
    {
        var assembly = typeof(OrganisationModule).Assembly;

        Assert.Empty(PublicTypesOutsideContracts(assembly, "DoanPlatform.Organisation.Contracts", typeof(OrganisationModule).FullName!));
        Assert.Contains(assembly.GetExportedTypes(), t => t.Name == "IUnitAccess");
    }

    [Fact]
    public void The_boundary_check_fails_on_a_planted_public_type()
    {
        // This test assembly plays the module with a public type outside "Contracts": the check must catch it.
        var violations = PublicTypesOutsideContracts(typeof(PlantedViolation).Assembly, "DoanPlatform.Organisation.Tests.Contracts", "none");

        Assert.Contains(typeof(PlantedViolation).FullName, violations);
    }
}

public sealed class PlantedViolation;
