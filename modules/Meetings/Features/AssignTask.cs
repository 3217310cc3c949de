using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Meetings.Features;

/// <summary>Turn a conclusion into a task for all invited units, one sector's, or named units, with a deadline.</summary>
internal static class AssignTask
{
    public sealed record Request(long? Version, string? Text, AssigneeScope? Scope, Sector? Sector, IReadOnlyList<Guid>? Units,
        DateOnly? Deadline, string? DeadlineText, string? Target, IReadOnlyList<DocumentRef>? References);

    public static TaskAssigned Decide(Meeting meeting, Guid taskId, Request request, IReadOnlyDictionary<Guid, Sector> invitedSectors, FieldErrors errors)
    {
        if (meeting.Notice is not null)
            throw new DomainRuleException(MeetingDecisions.NoticeIssuedRule);
        errors.Require(Input.Clean(request.Text) is not null, "text", "Cần nội dung nhiệm vụ.");
        errors.Require(request.Scope is not null, "scope", "Chọn đối tượng thực hiện: AllInvited, Sector hoặc Units.");
        var deadline = request.Deadline ?? (Input.Clean(request.DeadlineText) is { } text ? Notices.NoticeTasks.ResolveDeadline(text, meeting.HeldOn.Year) : null);
        errors.Require(deadline is not null, request.DeadlineText is null ? "deadline" : "deadlineText",
            "Cần thời hạn: một ngày (deadline) hoặc cách ghi như \"trước ngày 30/4/2023\", \"trong tháng 7\", \"tuần làm việc thứ 26/2023\".");
        errors.Require(deadline is null || deadline >= meeting.HeldOn, "deadline", "Thời hạn không được trước ngày họp.");
        var units = request.Scope switch
        {
            AssigneeScope.AllInvited => meeting.InvitedUnits,
            AssigneeScope.Sector => [.. meeting.InvitedUnits.Where(u => invitedSectors.TryGetValue(u, out var s) && s == request.Sector)],
            AssigneeScope.Units => request.Units ?? [],
            _ => [],
        };
        errors.Require(request.Scope != AssigneeScope.Sector || request.Sector is not null, "sector", "Chọn khối (sector).");
        errors.Require(request.Scope is null || units.Count > 0, "units", "Không có đơn vị nào thực hiện nhiệm vụ này.");
        errors.Require(request.Scope != AssigneeScope.Units || units.All(meeting.InvitedUnits.Contains), "units", "Chỉ giao cho đơn vị được mời dự hội nghị.");
        var references = (request.References ?? []).Select(r => new DocumentRef(Input.Clean(r.NumberSymbol) ?? "", r.Date)).ToList();
        errors.Require(references.All(r => r.NumberSymbol.Length > 0), "references", "Văn bản tham chiếu cần số ký hiệu.");
        return new TaskAssigned(taskId, meeting.Id, meeting.ConveningUnitId, Input.Clean(request.Text) ?? "", request.Scope ?? default,
            request.Scope == AssigneeScope.Sector ? request.Sector : null, [.. units.Distinct()], deadline ?? default,
            Input.Clean(request.DeadlineText), Input.Clean(request.Target), references);
    }

    public static void Map(RouteGroupBuilder group) => group.MapPost("/{id:guid}/tasks", Handle);

    private static async Task<Results<Created<MeetingHttp.Written>, ValidationProblem, NotFound<ProblemDetailsBody>>> Handle(
        Guid id, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory directory, CancellationToken ct)
    {
        if (request.Version is not { } version)
            return MeetingHttp.Invalid(new FieldErrors().Require(false, "version", "Cần phiên bản (version) của hội nghị đang sửa."));
        var loaded = await MeetingHttp.LoadForWriteAsync(store, access, user, id, version, ct);
        if (loaded is not var (session, stream))
            return MeetingHttp.MeetingNotFound(id);
        await using (session)
        {
            var meeting = stream.Aggregate!;
            var sectors = new Dictionary<Guid, Sector>();
            if (request.Scope == AssigneeScope.Sector)
            {
                foreach (var unit in meeting.InvitedUnits)
                {
                    if (await directory.FindAsync(unit, meeting.HeldOn, ct) is { } found)
                        sectors[unit] = found.Sector;
                }
            }
            var errors = new FieldErrors();
            var taskId = Guid.CreateVersion7();
            var assigned = Decide(meeting, taskId, request, sectors, errors);
            if (errors.Count > 0)
                return MeetingHttp.Invalid(errors);
            session.Reason = "Giao nhiệm vụ từ kết luận hội nghị";
            stream.AppendOne(new TaskLinked(id, taskId));
            session.Events.StartStream<MeetingTask>(taskId, assigned);
            await session.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/meetings/tasks/{taskId}", new MeetingHttp.Written(taskId, 1));
        }
    }
}
