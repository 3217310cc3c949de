using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;

namespace DoanPlatform.Meetings.Features;

/// <summary>Convene a meeting; invited units default to the convening unit's direct units on the meeting date.</summary>
internal static class ConveneMeeting
{
    public sealed record Request(
        MeetingKind? Kind, Guid? ConveningUnitId, string? Title, string? Period, DateOnly? HeldOn, DateOnly? HeldUntil, string? Venue,
        IReadOnlyList<Chair>? Chairs, string? MinuteTaker, IReadOnlyList<Guid>? InvitedUnits, IReadOnlyList<string>? InvitedPeople);

    public static MeetingConvened Decide(Guid id, Request request, IReadOnlyList<Guid> defaultInvited, FieldErrors errors)
    {
        errors.Require(request.Kind is not null, "kind", "Chọn loại hội nghị.");
        errors.Require(request.ConveningUnitId is not null, "conveningUnitId", "Chọn đơn vị triệu tập.");
        errors.Require(Input.Clean(request.Title) is not null, "title", "Cần tên hội nghị.");
        errors.Require(Input.Clean(request.Period) is not null, "period", "Cần kỳ họp (ví dụ: Quý II/2023).");
        errors.Require(request.HeldOn is not null, "heldOn", "Cần ngày họp.");
        errors.Require(request.HeldUntil is null || request.HeldOn is null || request.HeldUntil >= request.HeldOn, "heldUntil", "Ngày kết thúc không được trước ngày họp.");
        errors.Require(Input.Clean(request.Venue) is not null, "venue", "Cần địa điểm họp.");
        var chairs = (request.Chairs ?? []).Select(c => new Chair(Input.Clean(c.Name) ?? "", Input.Clean(c.Title) ?? "", Input.Clean(c.Cluster))).ToList();
        errors.Require(chairs.Count > 0 && chairs.All(c => c.Name.Length > 0), "chairs", "Cần ít nhất một người chủ trì, có họ tên.");
        var invited = (request.InvitedUnits ?? defaultInvited).Distinct().ToList();
        var people = (request.InvitedPeople ?? []).Select(Input.Clean).OfType<string>().Distinct().ToList();
        errors.Require(invited.Count + people.Count > 0, "invitedUnits", "Hội nghị cần ít nhất một đơn vị hoặc người được mời.");
        return new MeetingConvened(id, request.Kind ?? default, request.ConveningUnitId ?? Guid.Empty, Input.Clean(request.Title) ?? "",
            Input.Clean(request.Period) ?? "", request.HeldOn ?? default, request.HeldUntil, Input.Clean(request.Venue) ?? "", chairs,
            Input.Clean(request.MinuteTaker), invited, people);
    }

    public static void Map(RouteGroupBuilder group) => group.MapPost("/", Handle);

    private static async Task<Results<Created<MeetingHttp.Written>, ValidationProblem>> Handle(
        Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory units, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.ConveningUnitId is { } unitId)
        {
            await access.EnsureAsync(user, unitId, UnitPermission.Manage, ct);
            var date = request.HeldOn ?? DateOnly.FromDateTime(DateTime.UtcNow);
            errors.Require(await units.FindAsync(unitId, date, ct) is not null, "conveningUnitId", "Đơn vị triệu tập không tồn tại vào ngày họp.");
        }
        IReadOnlyList<Guid> defaults = request is { ConveningUnitId: { } convening, HeldOn: { } heldOn, InvitedUnits: null }
            ? [.. (await units.ChildrenAsync(convening, heldOn, ct)).Select(u => u.Id)]
            : [];
        if (request.InvitedUnits is { } chosen && request.HeldOn is { } on)
        {
            for (var i = 0; i < chosen.Count; i++)
            {
                var exists = await units.FindAsync(chosen[i], on, ct) is not null;
                errors.Require(exists, $"invitedUnits[{i}]", "Đơn vị không tồn tại vào ngày họp.");
                // Attendance and tasks follow the invitations: a unit outside the caller's scope is never invited.
                errors.Require(!exists || await access.CanAsync(user, chosen[i], UnitPermission.Manage, ct),
                    $"invitedUnits[{i}]", "Chỉ mời đơn vị trong phạm vi quản lý của tài khoản.");
            }
        }
        var id = Guid.CreateVersion7();
        var convened = Decide(id, request, defaults, errors);
        if (errors.Count > 0)
            return MeetingHttp.Invalid(errors);
        await using var session = store.LightweightSession(user.ToActor());
        session.Reason = "Triệu tập hội nghị";
        session.Events.StartStream<Meeting>(id, convened);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/meetings/{id}", new MeetingHttp.Written(id, 1));
    }
}
