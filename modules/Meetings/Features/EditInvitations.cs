using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Meetings.Features;

/// <summary>Add units to or take units off the invitation list; a unit whose attendance is recorded stays.</summary>
internal static class EditInvitations
{
    public sealed record Request(long? Version, IReadOnlyList<Guid>? Add, IReadOnlyList<Guid>? Remove);

    public static IReadOnlyList<object> Decide(Meeting meeting, Request request, IReadOnlySet<Guid> existingOnMeetingDate, FieldErrors errors)
    {
        if (meeting.Notice is not null)
            throw new DomainRuleException(MeetingDecisions.NoticeIssuedRule);
        var events = new List<object>();
        var add = request.Add ?? [];
        var remove = request.Remove ?? [];
        for (var i = 0; i < add.Count; i++)
        {
            errors.Require(existingOnMeetingDate.Contains(add[i]), $"add[{i}]", "Đơn vị không tồn tại vào ngày họp.");
            errors.Require(!meeting.InvitedUnits.Contains(add[i]), $"add[{i}]", "Đơn vị đã có trong danh sách mời.");
            events.Add(new UnitInvited(meeting.Id, add[i]));
        }
        for (var i = 0; i < remove.Count; i++)
        {
            errors.Require(meeting.InvitedUnits.Contains(remove[i]), $"remove[{i}]", "Đơn vị không có trong danh sách mời.");
            errors.Require(!meeting.Attendance.ContainsKey(Meeting.AttendeeKey(remove[i], null)), $"remove[{i}]",
                "Đơn vị đã được điểm danh; hãy đính chính điểm danh thay vì bỏ khỏi danh sách mời.");
            events.Add(new UnitUninvited(meeting.Id, remove[i]));
        }
        errors.Require(events.Count > 0, "add", "Không có thay đổi nào.");
        return errors.Count == 0 ? events : [];
    }

    public static void Map(RouteGroupBuilder group) => group.MapPost("/{id:guid}/invitations", Handle);

    private static Task<Results<Ok<MeetingHttp.Written>, ValidationProblem, NotFound<ProblemDetailsBody>>> Handle(
        Guid id, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory directory, CancellationToken ct) =>
        MeetingHttp.WriteAsync(store, access, user, id, request.Version, "Sửa danh sách mời", async (meeting, errors) =>
        {
            var found = await directory.FindManyAsync(request.Add ?? [], meeting.HeldOn, ct);
            var within = new HashSet<Guid>();
            foreach (var unit in found.Keys)
                if (await access.CanAsync(user, unit, UnitPermission.Manage, ct))
                    within.Add(unit);
            for (var i = 0; i < (request.Add ?? []).Count; i++)
                errors.Require(!found.ContainsKey(request.Add![i]) || within.Contains(request.Add[i]), $"add[{i}]", "Chỉ mời đơn vị trong phạm vi quản lý của tài khoản.");
            return Decide(meeting, request, found.Keys.ToHashSet(), errors);
        }, ct);
}
