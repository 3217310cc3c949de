using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Meetings.Features;

/// <summary>Record attendance for invited units or people; a change to a recorded line is a correction with a reason.</summary>
internal static class RecordAttendance
{
    public sealed record Request(long? Version, IReadOnlyList<MeetingDecisions.AttendanceEntry>? Entries);

    public static void Map(RouteGroupBuilder group) => group.MapPost("/{id:guid}/attendance", Handle);

    private static Task<Results<Ok<MeetingHttp.Written>, ValidationProblem, NotFound<ProblemDetailsBody>>> Handle(
        Guid id, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
        MeetingHttp.WriteAsync(store, access, user, id, request.Version,
            "Điểm danh",
            (meeting, errors) => Task.FromResult<IReadOnlyList<object>>([.. MeetingDecisions.RecordAttendance(meeting, request.Entries ?? [], errors)]), ct);
}
