using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DoanPlatform.Organisation;

/// <summary>The Organisation module's only entry point: its services, events, projections and endpoints.</summary>
public static class OrganisationModule
{
    /// <summary>Registers the module's services, event types and projections.</summary>
    public static IServiceCollection AddOrganisation(this IServiceCollection services) => services;

    /// <summary>Maps the module's endpoints under <c>/api/organisation</c>.</summary>
    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/organisation").WithTags("Organisation");
        return endpoints;
    }
}
