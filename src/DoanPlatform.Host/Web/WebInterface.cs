using System.Text.Encodings.Web;
using System.Text.Unicode;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;

namespace DoanPlatform.Host.Web;

/// <summary>
/// The web interface: Razor Pages that render the shell and the forms, and plain ES modules that read and write
/// through the same JSON API (and cookie) as every other client, so the screens obey exactly the API's rules and scopes.
/// </summary>
internal static class WebInterface
{
    public const string SignInPath = "/dang-nhap";

    // Embedded, so `dotnet run`, the tests and a published binary serve the same files whatever their working folder.
    private static readonly EmbeddedFileProvider Assets = new(typeof(WebInterface).Assembly, "DoanPlatform.Host.wwwroot");

    public static IServiceCollection AddWebInterface(this IServiceCollection services)
    {
        services.AddRazorPages();
        // Vietnamese stays readable in the HTML (Razor would otherwise write &#x1EC7; for every diacritic).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // API callers keep their 401/403; a browser asking for a page is sent to the sign-in page instead.
        services.PostConfigure<CookieAuthenticationOptions>(AccessSchemes.Cookie, o =>
        {
            o.LoginPath = SignInPath;
            var apiChallenge = o.Events.OnRedirectToLogin;
            o.Events.OnRedirectToLogin = context =>
            {
                if (IsApi(context.Request))
                    return apiChallenge(context);
                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>Static files first, so scripts and styles need no account; then the pages (which do, like everything else).</summary>
    public static WebApplication UseWebInterface(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Assets,
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapRazorPages();
        return app;
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ||
        request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase) ||
        request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
