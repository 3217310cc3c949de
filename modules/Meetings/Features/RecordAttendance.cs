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

    private static async Task<Results<Ok<MeetingHttp.Written>, ValidationProblem, NotFound<ProblemDetailsBody>>> Handle(
        Guid id, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, CancellationToken ct)
    {
        if (request.Version is not { } version)
            return MeetingHttp.Invalid(new FieldErrors().Require(false, "version", "Cần phiên bản (version) của hội nghị đang sửa."));
        var loaded = await MeetingHttp.LoadForWriteAsync(store, access, user, id, version, ct);
        if (loaded is not var (session, stream))
            return MeetingHttp.MeetingNotFound(id);
        await using (session)
        {
            var errors = new FieldErrors();
            var events = MeetingDecisions.RecordAttendance(stream.Aggregate!, request.Entries ?? [], errors);
            if (errors.Count > 0)
                return MeetingHttp.Invalid(errors);
            session.Reason = events.Any(e => e.IsCorrection) ? "Điểm danh (có đính chính)" : "Điểm danh";
            stream.AppendMany(events);
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(new MeetingHttp.Written(id, version + events.Count));
        }
    }
}
