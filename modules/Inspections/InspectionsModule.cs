using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DoanPlatform.Inspections;

/// <summary>The Inspections module's only entry point: its services, events, projections and endpoints.</summary>
public static class InspectionsModule
{
    /// <summary>Registers the module's services, event types and projections.</summary>
    public static IServiceCollection AddInspections(this IServiceCollection services) => services;

    /// <summary>Maps the module's endpoints under <c>/api/inspections</c>.</summary>
    public static IEndpointRouteBuilder MapInspections(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/inspections").WithTags("Inspections");
        return endpoints;
    }
}
