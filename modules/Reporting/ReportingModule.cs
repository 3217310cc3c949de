using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DoanPlatform.Reporting;

/// <summary>The Reporting module's only entry point: its services, events, projections and endpoints.</summary>
public static class ReportingModule
{
    /// <summary>Registers the module's services, event types and projections.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services) => Features.AuditReplayService.Register(services);

    /// <summary>Maps the module's endpoints under <c>/api/reporting</c>.</summary>
    public static IEndpointRouteBuilder MapReporting(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/reporting").WithTags("Reporting");
        Features.AuditReplayService.Map(endpoints);
        return endpoints;
    }
}
