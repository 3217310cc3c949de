using System.Collections.Concurrent;
using System.Security.Cryptography;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Host.Http;

/// <summary>
/// <c>Idempotency-Key</c> on a POST: the first request with a key runs; a repeat of the same request with the same key (from the
/// same account, within a day) is answered the first success again, so a double click or a retry never creates a second record.
/// The same key on a different request is refused (422). Failures are not remembered: a corrected repeat runs.
/// </summary>
internal sealed class Idempotency(TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    private static readonly TimeSpan Keep = TimeSpan.FromHours(24);
    private const int MaxKeys = 50_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Stored(int Status, string? ContentType, string? Location, byte[] Body);

    private sealed record Entry(string Fingerprint, DateTimeOffset Until, TaskCompletionSource<Stored?> Result);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var key = context.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || context.User.AccountId() is not { } account)
        {
            await next(context);
            return;
        }
        if (key.Length > 200 || InputRules.TextProblem(key) is not null)
        {
            await WebDefences.RefuseAsync(context, StatusCodes.Status400BadRequest, "Idempotency-Key không hợp lệ", "Khóa tối đa 200 ký tự, không có ký tự điều khiển.");
            return;
        }
        var fingerprint = await FingerprintAsync(context.Request);
        var id = $"{account:N}:{key}";
        var now = clock.GetUtcNow();
        Prune(now);
        while (true)
        {
            var mine = new Entry(fingerprint, now + Keep, new TaskCompletionSource<Stored?>(TaskCreationOptions.RunContinuationsAsynchronously));
            var entry = _entries.GetOrAdd(id, mine);
            if (ReferenceEquals(entry, mine))
            {
                await RunAndRememberAsync(context, next, id, mine);
                return;
            }
            if (entry.Fingerprint != fingerprint)
            {
                await WebDefences.RefuseAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key đã dùng cho yêu cầu khác",
                    "Mỗi biểu mẫu gửi một khóa riêng; khóa này đã được dùng cho một yêu cầu có nội dung khác.");
                return;
            }
            if (await entry.Result.Task is { } stored)
            {
                context.Response.StatusCode = stored.Status;
                context.Response.ContentType = stored.ContentType;
                if (stored.Location is not null)
                    context.Response.Headers.Location = stored.Location;
                context.Response.Headers["Idempotent-Replayed"] = "true";
                await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
                return;
            }
            // The first attempt failed and was forgotten: this one runs (unless a third request got there first).
        }
    }

    private async Task RunAndRememberAsync(HttpContext context, RequestDelegate next, string id, Entry entry)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        Stored? stored = null;
        try
        {
            await next(context);
            if (context.Response.StatusCode is >= 200 and < 300)
                stored = new Stored(context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                    buffer.ToArray());
        }
        finally
        {
            context.Response.Body = original;
            if (stored is null)
                _entries.TryRemove(new KeyValuePair<string, Entry>(id, entry));
            entry.Result.TrySetResult(stored);
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
    }

    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Path}?{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            hash.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private void Prune(DateTimeOffset now)
    {
        if (_entries.Count < MaxKeys / 2)
            return;
        foreach (var (id, entry) in _entries)
            if (entry.Until < now || _entries.Count > MaxKeys)
                _entries.TryRemove(id, out _);
    }
}
