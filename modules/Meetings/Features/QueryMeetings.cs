using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Meetings.ReadModels;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Meetings.Features;

/// <summary>Reads: one meeting in full, a unit's meetings, attendance rates, task lists.</summary>
internal static class QueryMeetings
{
    public sealed record AttendanceLine(Guid? UnitId, string? Person, string Name, AttendanceStatus? Status, string? Reason);

    public sealed record MeetingView(
        Guid Id, long Version, MeetingKind Kind, Guid ConveningUnitId, string Title, string Period, DateOnly HeldOn, DateOnly? HeldUntil,
        string Venue, IReadOnlyList<Chair> Chairs, string? MinuteTaker, string Summary, int Invited, int Present, int Excused, int Unexcused,
        IReadOnlyList<AttendanceLine> Attendance, IReadOnlyList<ConclusionSection> Conclusions, IReadOnlyList<Guid> Tasks, NoticeIssued? Notice);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", GetMeeting);
        group.MapGet("/", ListMeetings);
        group.MapGet("/attendance-rates", GetRate);
        group.MapGet("/tasks", TasksOfUnit);
        group.MapGet("/tasks/overdue", Overdue);
    }

    private static async Task<Results<Ok<MeetingView>, NotFound<ProblemDetailsBody>>> GetMeeting(
        Guid id, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory directory, CancellationToken ct)
    {
        var meeting = await MeetingHttp.LoadForReadAsync(store, access, user, id, ct);
        if (meeting is null)
            return MeetingHttp.MeetingNotFound(id);
        await using var query = store.QuerySession();
        var version = (await query.Events.FetchStreamAsync(id, ct: ct)).Count;
        return TypedResults.Ok(await ViewAsync(meeting, version, directory, ct));
    }

    public static async Task<MeetingView> ViewAsync(Meeting meeting, long version, IUnitDirectory directory, CancellationToken ct)
    {
        var names = await directory.FindManyAsync(meeting.InvitedUnits, meeting.HeldOn, ct);
        var lines = meeting.InvitedUnits
            .Select(u => (Unit: (Guid?)u, Person: (string?)null, Name: names.TryGetValue(u, out var n) ? n.Name : u.ToString()))
            .Concat(meeting.InvitedPeople.Select(p => (Unit: (Guid?)null, Person: (string?)p, Name: p)))
            .OrderBy(l => l.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: false))
            .Select(l => meeting.Attendance.TryGetValue(Meeting.AttendeeKey(l.Unit, l.Person), out var a)
                ? new AttendanceLine(l.Unit, l.Person, l.Name, a.Status, a.Reason)
                : new AttendanceLine(l.Unit, l.Person, l.Name, null, null))
            .ToList();
        var present = meeting.Count(AttendanceStatus.Present);
        return new MeetingView(meeting.Id, version, meeting.Kind, meeting.ConveningUnitId, meeting.Title, meeting.Period, meeting.HeldOn,
            meeting.HeldUntil, meeting.Venue, meeting.Chairs, meeting.MinuteTaker, $"{present}/{meeting.Invited}", meeting.Invited, present,
            meeting.Count(AttendanceStatus.ExcusedAbsence), meeting.Count(AttendanceStatus.UnexcusedAbsence), lines, meeting.Conclusions,
            meeting.Tasks, meeting.Notice);
    }

    private static async Task<Ok<IReadOnlyList<MeetingSummary>>> ListMeetings(
        Guid unitId, int? year, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, CancellationToken ct)
    {
        await access.EnsureAsync(user, unitId, UnitPermission.Read, ct);
        return TypedResults.Ok(await AttendanceQueries.MeetingsAsync(store.DataSource, unitId, year, ct));
    }

    private static async Task<Ok<AttendanceRate>> GetRate(
        Guid unitId, int year, string? period, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, CancellationToken ct)
    {
        await access.EnsureAsync(user, unitId, UnitPermission.Read, ct);
        return TypedResults.Ok(await AttendanceQueries.RateAsync(store.DataSource, unitId, year, period, ct));
    }

    private static async Task<Ok<IReadOnlyList<TaskLine>>> TasksOfUnit(
        Guid unitId, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, TimeProvider clock, CancellationToken ct)
    {
        await access.EnsureAsync(user, unitId, UnitPermission.Read, ct);
        return TypedResults.Ok(await TaskQueries.ForUnitAsync(store.DataSource, unitId, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), ct));
    }

    private static async Task<Ok<IReadOnlyList<TaskLine>>> Overdue(
        Guid unitId, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, TimeProvider clock, CancellationToken ct)
    {
        await access.EnsureAsync(user, unitId, UnitPermission.Manage, ct);
        return TypedResults.Ok(await TaskQueries.OverdueAsync(store.DataSource, unitId, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), ct));
    }
}
