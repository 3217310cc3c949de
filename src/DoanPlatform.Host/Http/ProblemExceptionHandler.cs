using System.Text.Json;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DoanPlatform.Host.Http;

/// <summary>Turns every exception into an RFC 9457 problem detail: bad input 400, out of scope 403, clashes 409, refused rules 422, the rest 500 without internals.</summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, IDocumentStore store, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => BadRequest(bad),
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
                Detail = "An unexpected error occurred; it has been logged. Nothing was saved.",
            };
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails BadRequest(BadHttpRequestException exception)
    {
        var errors = new Dictionary<string, string[]>();
        if (exception.InnerException is JsonException json)
            errors[json.Path ?? "$"] = [json.Message];
        return new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = "Dữ liệu gửi lên không hợp lệ",
            Detail = exception.Message,
            Extensions = { ["errors"] = errors },
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Path}")]
    private partial void LogUnhandled(Exception exception, string path);
}
