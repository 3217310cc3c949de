using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DoanPlatform.Host.Http;

/// <summary>The size of what a request may carry, and the headers every response wears.</summary>
internal static class RequestLimits
{
    /// <summary>The largest request body: the 10 MB evidence upload plus its envelope.</summary>
    public const long MaxBody = 12 * 1024 * 1024;

    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(o =>
        {
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = MaxBody;
        });
        services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = MaxBody;
            o.ValueCountLimit = 200;
            o.ValueLengthLimit = 64 * 1024;
            o.KeyLengthLimit = 200;
        });
        return services;
    }

    /// <summary>Scripts and styles from the platform only, no framing, no sniffing, no referrer outside the site.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
                                            "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
        return app;
    }
}
