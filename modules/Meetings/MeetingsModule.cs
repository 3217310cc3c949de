using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DoanPlatform.Meetings;

/// <summary>The Meetings module's only entry point: its services, events, projections and endpoints.</summary>
public static class MeetingsModule
{
    /// <summary>Registers the module's services, event types and projections.</summary>
    public static IServiceCollection AddMeetings(this IServiceCollection services) => services;

    /// <summary>Maps the module's endpoints under <c>/api/meetings</c>.</summary>
    public static IEndpointRouteBuilder MapMeetings(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/meetings").WithTags("Meetings");
        return endpoints;
    }
}
