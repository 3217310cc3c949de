using DoanPlatform.EventStore;
using DoanPlatform.Emulation;
using DoanPlatform.Host.Http;
using DoanPlatform.Host.Web;
using DoanPlatform.Inspections;
using DoanPlatform.Meetings;
using DoanPlatform.Organisation;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Authorization;
using DoanPlatform.Reporting;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
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
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            // Enums by name only (a role 999 is no role); every body checked once, as it is read (Http/InputChecks.cs).
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(InputChecks.Modify);
        });
        builder.Services.AddRequestLimits();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<Idempotency>();
        builder.Services.AddKeyStore(builder.Configuration, builder.Environment);
        builder.Services.AddOpenApi(o => o.CreateSchemaReferenceId = OpenApiNames.SchemaId);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        // Every endpoint requires an account unless it opts out (health, OpenAPI, sign-in): bearer token when an
        // Authorization header is sent, the cookie otherwise; API callers get 401/403, never a login redirect.
        builder.Services.AddAuthentication(AccessSchemes.Default)
            .AddPolicyScheme(AccessSchemes.Default, "Bearer token or cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? AccessSchemes.Bearer
                    : AccessSchemes.Cookie)
            .AddBearerToken(AccessSchemes.Bearer, o => o.BearerTokenExpiration = SessionRevocations.Lifetime)
            .AddCookie(AccessSchemes.Cookie, o =>
            {
                o.Cookie.Name = "doan.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = SessionRevocations.Lifetime;
                o.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddWebInterface();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        builder.Services.AddOrganisation();
        builder.Services.AddMeetings();
        builder.Services.AddEmulation();
        builder.Services.AddInspections();
        builder.Services.AddReporting();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseAsciiFileNames();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseCookieWriteCheck();
        app.UseWebInterface();
        app.UseAuthentication();
        app.UseSessionCheck();
        app.UseAuthorization();
        app.UseMiddleware<InputGuard>();
        app.UseWhen(c => HttpMethods.IsPost(c.Request.Method) && c.Request.Path.Equals("/api/organisation/sign-in", StringComparison.OrdinalIgnoreCase),
            b => b.Use((c, next) => c.RequestServices.GetRequiredService<SignInThrottle>().InvokeAsync(c, next)));
        app.Use((c, next) => c.RequestServices.GetRequiredService<Idempotency>().InvokeAsync(c, next));
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health", new() { ResponseWriter = DatabaseHealthCheck.WriteAsync, ResultStatusCodes = { [HealthStatus.Unhealthy] = 503 } })
            .AllowAnonymous();

        app.MapOrganisation();
        app.MapMeetings();
        app.MapEmulation();
        app.MapInspections();
        app.MapReporting();
        return app;
    }
}
