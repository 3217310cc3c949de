using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Host.Http;

/// <summary>
/// The web's usual defences around the API: a write carried by the session cookie must come from the platform's own screens
/// (<see cref="CsrfHeader"/> and a same-origin <c>Origin</c>), a session ended by signing out is refused however it is replayed.
/// </summary>
internal static class WebDefences
{
    /// <summary>The header the screens' fetch helper sends with every call; a form or a cross-site script cannot set it.</summary>
    public const string CsrfHeader = "X-Doan-Request";

    public static WebApplication UseCookieWriteCheck(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
            var bearer = request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            if (unsafeMethod && !bearer)
            {
                if (request.Headers.Origin is [{ } origin, ..] && !SameOrigin(origin, request))
                {
                    await RefuseAsync(context, StatusCodes.Status403Forbidden, "Yêu cầu đến từ trang web khác",
                        "Chỉ các màn hình của hệ thống được gửi yêu cầu này.");
                    return;
                }
                if (request.Cookies.ContainsKey("doan.auth") && request.Headers[CsrfHeader].ToString() != "1")
                {
                    await RefuseAsync(context, StatusCodes.Status403Forbidden, "Thiếu mã chống giả mạo yêu cầu",
                        $"Yêu cầu ghi bằng phiên đăng nhập phải gửi kèm tiêu đề {CsrfHeader}: 1 (màn hình của hệ thống tự gửi).");
                    return;
                }
            }
            await next(context);
        });
        return app;
    }

    /// <summary>After authentication: a principal whose session was ended by signing out is treated as signed out.</summary>
    public static WebApplication UseSessionCheck(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && context.RequestServices.GetRequiredService<SessionRevocations>().IsRevoked(context.User))
                context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
            await next(context);
        });
        return app;
    }

    private static bool SameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) &&
        string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase);

    public static async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { status, title, detail }, ProblemJson));
    }

    private static readonly JsonSerializerOptions ProblemJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>
/// Sign-in throttling, per account and per address: after a few wrong passwords the next attempts wait, longer each time,
/// and the answer says how long (429 with Retry-After, in Vietnamese). A correct password clears the account's count.
/// </summary>
internal sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeAttemptsPerAccount = 5;
    public const int FreeAttemptsPerAddress = 30;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    private sealed record Failures(int Count, DateTimeOffset First, DateTimeOffset Last);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.EnableBuffering();
        var userName = await UserNameAsync(context.Request);
        context.Request.Body.Position = 0;
        var keys = new[] { ("account", $"u:{userName}", FreeAttemptsPerAccount), ("address", $"a:{context.Connection.RemoteIpAddress ?? IPAddress.None}", FreeAttemptsPerAddress) };
        var now = clock.GetUtcNow();
        var wait = keys.Select(k => WaitFor(k.Item2, k.Item3, now)).Max();
        if (wait > TimeSpan.Zero)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WebDefences.RefuseAsync(context, StatusCodes.Status429TooManyRequests, "Đăng nhập sai quá nhiều lần",
                $"Tài khoản hoặc địa chỉ này đã nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau {seconds} giây.");
            return;
        }
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
            foreach (var (_, key, _) in keys)
                _failures.AddOrUpdate(key, _ => new Failures(1, now, now),
                    (_, f) => now - f.Last > Window ? new Failures(1, now, now) : f with { Count = f.Count + 1, Last = now });
        else if (context.Response.StatusCode == StatusCodes.Status200OK)
            _failures.TryRemove(keys[0].Item2, out _);
    }

    private TimeSpan WaitFor(string key, int free, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var f) || now - f.Last > Window || f.Count < free)
            return TimeSpan.Zero;
        // 1 s after the free attempts, doubling with each further failure, at most a quarter of an hour.
        var wait = TimeSpan.FromSeconds(Math.Min(MaxWait.TotalSeconds, Math.Pow(2, f.Count - free)));
        return f.Last + wait - now;
    }

    private static async Task<string> UserNameAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("userName", out var name) &&
                   name.ValueKind == JsonValueKind.String
                ? (name.GetString() ?? "").Trim().ToLowerInvariant()
                : "";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return "";
        }
    }
}
