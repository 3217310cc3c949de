// A deliberately broken module, planted to show the boundary check can fail.
#pragma warning disable CA1034, CA1040, CA1812
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("DoanPlatform.Host")]

namespace DoanPlatform.Acceptance.Tests.Planted
{
    public static class PlantedModule;

    public sealed class LeakyHandler;
}

namespace DoanPlatform.Acceptance.Tests.Planted.Contracts
{
    public sealed record SomethingHappened(string What);
}
