using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace DoanPlatform.Host.Http;

/// <summary>
/// Turns every exception into an RFC 9457 problem detail in Vietnamese: bad input 400 with the field, out of scope 403, clashes 409,
/// refused rules 422, read models still catching up 503 with Retry-After, the rest 500 without internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, IDocumentStore store, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            FieldException field => Invalid(field.StatusCode, field.Field, field.Message),
            BadHttpRequestException bad => BadRequest(bad, (httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint())?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType),
            ConcurrencyException clash => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Dữ liệu đã được người khác thay đổi",
                Detail = clash.Message,
                Extensions = { ["currentVersion"] = clash.ActualVersion, ["expectedVersion"] = clash.ExpectedVersion },
            },
            DomainRuleException rule => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Không thể thực hiện theo quy định nghiệp vụ",
                Detail = rule.Message,
            },
            AccessDeniedException denied => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Không có quyền",
                Detail = denied.Message,
            },
            TimeoutException => Busy(httpContext),
            InvalidDataException => Invalid(400, "body", "Biểu mẫu gửi lên không đúng định dạng multipart/form-data."),
            // A backstop: the boundary refuses such text first; should one slip through, the caller still hears it is the input.
            PostgresException { SqlState: "22P05" or "22021" or "54000" or "22001" } => Invalid(400, "body", "Dữ liệu chứa ký tự hoặc độ dài không lưu được."),
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(exception, httpContext.Request.Path);
            // The database may have restarted: its other idle pooled connections are dead too (see DatabaseHealthCheck).
            if (exception is Npgsql.NpgsqlException)
                store.DataSource.Clear();
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Lỗi hệ thống",
                Detail = "Đã xảy ra lỗi ngoài dự kiến và đã được ghi lại. Không có dữ liệu nào được lưu.",
            };
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Busy(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Hệ thống đang bận cập nhật dữ liệu tổng hợp",
            Detail = "Dữ liệu tổng hợp chưa cập nhật kịp; không có gì được lưu. Vui lòng thử lại sau vài giây.",
        };
    }

    private static ProblemDetails Invalid(int status, string field, string message) => new()
    {
        Status = status,
        Title = "Dữ liệu gửi lên không hợp lệ",
        Detail = $"{field}: {message}",
        Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } },
    };

    private static ProblemDetails BadRequest(BadHttpRequestException exception, Type? body)
    {
        var (field, message) = exception.InnerException is JsonException json ? FromJson(json, body) : FromBinding(exception);
        return Invalid(exception.StatusCode, field, message);
    }

    /// <summary>The field the serializer was reading (<c>$.chairs[0].name</c> → <c>chairs[0].name</c>) and why, in Vietnamese.</summary>
    private static (string Field, string Message) FromJson(JsonException json, Type? body)
    {
        var path = (json.Path ?? "$").TrimStart('$').TrimStart('.');
        if (json is RejectedValue rejected)
            return (path.Length == 0 ? rejected.Field : $"{path}.{rejected.Field}", rejected.Message);
        var field = path.Length == 0 ? "body" : path;
        if (!json.Message.Contains("could not be converted", StringComparison.Ordinal))
            return (field, "Nội dung JSON không hợp lệ (sai cú pháp, sai kiểu hoặc thiếu dấu).");
        // The serializer names the enclosing type, not the field's: find the field's type along the path from the body's type.
        return (field, TypeAt(body, path) is { } type ? Expected(type) : "Giá trị không đúng kiểu dữ liệu của trường này.");
    }

    private static Type? TypeAt(Type? type, string path)
    {
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (type is null)
                return null;
            type = Nullable.GetUnderlyingType(type) ?? type;
            type = type.GetProperty(segment.Split('[')[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            for (var i = segment.Count(c => c == '['); i > 0 && type is not null; i--)
                type = type.IsArray ? type.GetElementType() : type.IsGenericType ? type.GetGenericArguments()[^1] : null;
        }
        return type;
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(Guid))
            return "Cần một mã định danh (GUID) hợp lệ.";
        if (type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
            return "Cần một ngày hợp lệ theo dạng yyyy-MM-dd.";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(decimal) || type == typeof(double) || type == typeof(float))
            return "Cần một số hợp lệ, trong giới hạn cho phép.";
        if (type == typeof(bool))
            return "Cần giá trị true hoặc false.";
        if (type == typeof(string))
            return "Cần một chuỗi văn bản.";
        if (type.IsEnum)
            return $"Giá trị không hợp lệ; chọn một trong: {string.Join(", ", Enum.GetNames(type))} (theo tên, không theo số).";
        if (type.IsArray || typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            return "Cần một danh sách.";
        return "Cần một đối tượng JSON đúng cấu trúc.";
    }

    private static readonly Dictionary<string, Type> Primitives = new(StringComparer.Ordinal)
    {
        ["Guid"] = typeof(Guid), ["int"] = typeof(int), ["long"] = typeof(long), ["Int32"] = typeof(int), ["Int64"] = typeof(long), ["bool"] = typeof(bool),
        ["DateOnly"] = typeof(DateOnly), ["decimal"] = typeof(decimal), ["double"] = typeof(double),
    };

    private static string Expected(string typeName) =>
        Primitives.TryGetValue(typeName.TrimEnd('?'), out var type) ? Expected(type) : "Giá trị không đúng kiểu dữ liệu.";

    /// <summary>The framework's English binding failures, in Vietnamese with the parameter named.</summary>
    private static (string Field, string Message) FromBinding(BadHttpRequestException exception)
    {
        var message = exception.Message;
        if (Required().Match(message) is { Success: true } required)
            return Body(required.Groups[2].Value, required.Groups[3].Value)
                ? ("body", "Thiếu nội dung yêu cầu (JSON).")
                : (required.Groups[2].Value, $"Thiếu tham số bắt buộc '{required.Groups[2].Value}'.");
        if (Failed().Match(message) is { Success: true } failed)
            return (failed.Groups[2].Value, $"Giá trị '{(failed.Groups[3].Value.Length > 40 ? failed.Groups[3].Value[..40] + "…" : failed.Groups[3].Value)}' không hợp lệ cho '{failed.Groups[2].Value}'. {Expected(failed.Groups[1].Value)}");
        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || message.Contains("no body was provided", StringComparison.Ordinal))
            return ("body", "Thiếu nội dung yêu cầu (JSON).");
        if (message.Contains("JSON media type", StringComparison.Ordinal))
            return ("body", "Nội dung phải là JSON (Content-Type: application/json).");
        if (message.Contains("form media type", StringComparison.Ordinal) || message.Contains("form", StringComparison.OrdinalIgnoreCase))
            return ("body", "Nội dung phải là biểu mẫu tải tệp (multipart/form-data).");
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return ("body", "Nội dung yêu cầu quá lớn.");
        if (Field().Match(message) is { Success: true } field)
            return (field.Groups[1].Value, field.Groups[2].Value);
        return ("body", "Yêu cầu không hợp lệ.");
    }

    private static bool Body(string type, string source) => source.Contains("body", StringComparison.Ordinal) || type.EndsWith("Request", StringComparison.Ordinal);

    [GeneratedRegex(@"^Required parameter ""(\S+) (\w+)"" was not provided(?: from (.+?))?\.?$")]
    private static partial Regex Required();

    [GeneratedRegex(@"^Failed to bind parameter ""(\S+) (\w+)"" from ""(.*)""\.?$", RegexOptions.Singleline)]
    private static partial Regex Failed();

    // The modules' own refusals: "field: message" (Text.Invalid and its kin).
    [GeneratedRegex(@"^([\w.\[\]]+): (.+)$", RegexOptions.Singleline)]
    private static partial Regex Field();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Path}")]
    private partial void LogUnhandled(Exception exception, string path);
}
