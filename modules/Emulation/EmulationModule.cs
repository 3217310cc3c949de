using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DoanPlatform.Emulation;

/// <summary>The Emulation module's only entry point: its services, events, projections and endpoints.</summary>
public static class EmulationModule
{
    /// <summary>Registers the module's services, event types and projections.</summary>
    public static IServiceCollection AddEmulation(this IServiceCollection services) => services;

    /// <summary>Maps the module's endpoints under <c>/api/emulation</c>.</summary>
    public static IEndpointRouteBuilder MapEmulation(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/emulation").WithTags("Emulation");
        return endpoints;
    }
}
