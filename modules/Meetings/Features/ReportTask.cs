using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Meetings.Features;

/// <summary>A unit reports progress on a task, or reports it done with an evidence note.</summary>
internal static class ReportTask
{
    public sealed record Request(Guid? UnitId, string? Note, bool Completed, DateOnly? On);

    public static object Decide(MeetingTask task, Request request, DateOnly today, FieldErrors errors)
    {
        var assignment = task.Assignment!;
        errors.Require(request.UnitId is { } unit && assignment.Units.Contains(unit), "unitId", "Nhiệm vụ này không giao cho đơn vị đó.");
        var note = Input.Clean(request.Note);
        errors.Require(note is not null, "note", request.Completed ? "Cần ghi minh chứng hoàn thành." : "Cần nội dung báo cáo tiến độ.");
        var on = request.On ?? today;
        errors.Require(on <= today, "on", "Ngày báo cáo không được sau hôm nay.");
        if (request.UnitId is { } done && task.Completed.ContainsKey(done))
            throw new DomainRuleException("Đơn vị đã báo cáo hoàn thành nhiệm vụ này.");
        var unitId = request.UnitId ?? Guid.Empty;
        return request.Completed
            ? new TaskCompleted(assignment.TaskId, unitId, note ?? "", on)
            : new TaskProgressReported(assignment.TaskId, unitId, note ?? "", on);
    }

    public static void Map(RouteGroupBuilder group) => group.MapPost("/tasks/{taskId:guid}/reports", Handle);

    private static async Task<Results<Ok<MeetingHttp.Written>, ValidationProblem, NotFound<ProblemDetailsBody>>> Handle(
        Guid taskId, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, TimeProvider clock, CancellationToken ct)
    {
        if (request.UnitId is { } unitId)
            await access.EnsureAsync(user, unitId, UnitPermission.Contribute, ct);
        await using var session = store.LightweightSession(user.ToActor());
        var stream = await session.Events.FetchForWriting<MeetingTask>(taskId, ct);
        if (stream.Aggregate?.Assignment is null)
            return TypedResults.NotFound(new ProblemDetailsBody(404, "Không tìm thấy nhiệm vụ", $"No task has id {taskId}."));
        var errors = new FieldErrors();
        var reported = Decide(stream.Aggregate, request, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), errors);
        if (errors.Count > 0)
            return MeetingHttp.Invalid(errors);
        session.Reason = request.Completed ? "Báo cáo hoàn thành nhiệm vụ" : "Báo cáo tiến độ nhiệm vụ";
        stream.AppendOne(reported);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new MeetingHttp.Written(taskId, stream.StartingVersion + 1));
    }
}
