using DoanPlatform.EventStore;
using DoanPlatform.Emulation;
using DoanPlatform.Host.Http;
using DoanPlatform.Inspections;
using DoanPlatform.Meetings;
using DoanPlatform.Organisation;
using DoanPlatform.Reporting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DoanPlatform.Host;

/// <summary>The composition: one web application for serving and for the CLI verbs.</summary>
internal static class PlatformApp
{
    public static WebApplication Build(string[] args, bool runDaemon = true)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.Services.AddSingleton<DatabaseConnection>();
        builder.Services.AddEventStore(runDaemon: runDaemon);
        builder.Services.AddOptions<StoreOptions>().Configure<DatabaseConnection>((o, db) => o.ConnectionString = db.ConnectionString);

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        builder.Services.AddOrganisation();
        builder.Services.AddMeetings();
        builder.Services.AddEmulation();
        builder.Services.AddInspections();
        builder.Services.AddReporting();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapHealthChecks("/health", new() { ResponseWriter = DatabaseHealthCheck.WriteAsync, ResultStatusCodes = { [HealthStatus.Unhealthy] = 503 } });

        app.MapOrganisation();
        app.MapMeetings();
        app.MapEmulation();
        app.MapInspections();
        app.MapReporting();
        return app;
    }
}
