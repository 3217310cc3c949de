using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;

namespace DoanPlatform.Acceptance.Tests;

public sealed class ArchitectureTests
{
    public static readonly TheoryData<string> Modules = new() { "Organisation", "Meetings", "Emulation", "Inspections", "Reporting" };

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_exposes_only_its_entry_point_and_contracts_and_uses_only_other_modules_contracts(string module)
    {
        var assembly = Assembly.Load($"DoanPlatform.{module}");
        Assert.Empty(BoundaryCheck.Violations(assembly, module, $"DoanPlatform.{module}"));
    }

    [Fact]
    public void The_boundary_check_catches_a_planted_violation()
    {
        // This test assembly holds a planted "module": one public type outside Contracts and a production friend assembly.
        var violations = BoundaryCheck.Violations(typeof(ArchitectureTests).Assembly, "Planted", typeof(Planted.PlantedModule).Namespace!);
        Assert.Contains(violations, v => v.Contains(nameof(Planted.LeakyHandler), StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("InternalsVisibleTo", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.StartsWith($"public type {typeof(Planted.PlantedModule).FullName} ", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.StartsWith($"public type {typeof(Planted.Contracts.SomethingHappened).FullName} ", StringComparison.Ordinal));
        Assert.Equal(2, violations.Count);
    }
}

internal static class BoundaryCheck
{
    private static readonly string[] ModuleNames = ["Organisation", "Meetings", "Emulation", "Inspections", "Reporting"];

    /// <summary>What breaks the module rules in <paramref name="assembly"/>, whose code lives under namespace <paramref name="root"/>.</summary>
    public static List<string> Violations(Assembly assembly, string module, string root)
    {
        var violations = new List<string>();
        var contracts = $"{root}.Contracts";
        var ownTypes = assembly.GetExportedTypes().Where(t => t.Namespace == root || t.Namespace?.StartsWith(root + ".", StringComparison.Ordinal) == true);
        var stray = assembly.GetExportedTypes().Except(ownTypes).Where(_ => root == $"DoanPlatform.{module}");
        foreach (var type in ownTypes.Concat(stray))
        {
            var isEntry = type.FullName == $"{root}.{module}Module";
            var isContract = type.Namespace == contracts || type.Namespace?.StartsWith(contracts + ".", StringComparison.Ordinal) == true;
            if (!isEntry && !isContract)
                violations.Add($"public type {type.FullName} is neither {module}Module nor under Contracts/");
        }

        foreach (var friend in assembly.GetCustomAttributes<InternalsVisibleToAttribute>())
        {
            if (!friend.AssemblyName.EndsWith(".Tests", StringComparison.Ordinal))
                violations.Add($"InternalsVisibleTo {friend.AssemblyName} opens the module's internals to production code");
        }

        // Types the module names from other modules' assemblies must be their Contracts types.
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.TypeReferences)
        {
            var reference = reader.GetTypeReference(handle);
            var ns = reader.GetString(reference.Namespace);
            foreach (var other in ModuleNames.Where(m => m != module))
            {
                if (ns.StartsWith($"DoanPlatform.{other}", StringComparison.Ordinal) && !ns.StartsWith($"DoanPlatform.{other}.Contracts", StringComparison.Ordinal)
                    && reader.GetString(reference.Name) != $"{other}Module")
                    violations.Add($"uses {ns}.{reader.GetString(reference.Name)}, an internal of module {other}");
            }
        }
        return violations;
    }
}
