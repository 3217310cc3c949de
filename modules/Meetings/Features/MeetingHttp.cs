using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanPlatform.Meetings.Features;

/// <summary>What every meeting write does: load the meeting at the caller's version, check scope, save with who and why.</summary>
internal static class MeetingHttp
{
    public sealed record Written(Guid Id, long Version);

    /// <summary>Loads a meeting for a write at <paramref name="version"/>, after checking the caller may manage its convening unit.</summary>
    public static async Task<(IDocumentSession Session, IEventStream<Meeting> Stream)?> LoadForWriteAsync(
        IDocumentStore store, IUnitAccess access, ClaimsPrincipal user, Guid meetingId, long version, CancellationToken ct)
    {
        var session = store.LightweightSession(user.ToActor());
        var current = await session.Events.AggregateStreamAsync<Meeting>(meetingId, ct: ct);
        if (current is null)
            return null;
        await access.EnsureAsync(user, current.ConveningUnitId, UnitPermission.Manage, ct);
        var stream = await session.Events.FetchForWriting<Meeting>(meetingId, version, ct);
        return (session, stream);
    }

    /// <summary>A meeting the caller may read, or null when it does not exist (403 is thrown when out of scope).</summary>
    public static async Task<Meeting?> LoadForReadAsync(IDocumentStore store, IUnitAccess access, ClaimsPrincipal user, Guid meetingId, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var meeting = await query.Events.AggregateStreamAsync<Meeting>(meetingId, ct: ct);
        if (meeting is not null)
            await access.EnsureAsync(user, meeting.ConveningUnitId, UnitPermission.Read, ct);
        return meeting;
    }

    /// <summary>
    /// The shape of every plain meeting write: the version is required, the meeting is loaded at it in scope,
    /// <paramref name="decide"/> turns it into events or field errors, and the events are saved with who and why.
    /// </summary>
    public static async Task<Results<Ok<Written>, ValidationProblem, NotFound<ProblemDetailsBody>>> WriteAsync(
        IDocumentStore store, IUnitAccess access, ClaimsPrincipal user, Guid id, long? version, string reason,
        Func<Meeting, FieldErrors, Task<IReadOnlyList<object>>> decide, CancellationToken ct)
    {
        if (version is not { } expected)
            return Invalid(new FieldErrors().Require(false, "version", "Cần phiên bản (version) của hội nghị đang sửa."));
        var loaded = await LoadForWriteAsync(store, access, user, id, expected, ct);
        if (loaded is not var (session, stream))
            return MeetingNotFound(id);
        await using (session)
        {
            var errors = new FieldErrors();
            var events = await decide(stream.Aggregate!, errors);
            if (errors.Count > 0)
                return Invalid(errors);
            session.Reason = reason;
            stream.AppendMany(events);
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(new Written(id, expected + events.Count));
        }
    }

    public static NotFound<ProblemDetailsBody> MeetingNotFound(Guid id) => TypedResults.NotFound(new ProblemDetailsBody(404, "Không tìm thấy hội nghị", $"No meeting has id {id}."));

    public static ValidationProblem Invalid(FieldErrors errors) => TypedResults.ValidationProblem(errors, title: "Dữ liệu chưa hợp lệ");
}

/// <summary>A minimal problem body for typed 404s.</summary>
internal sealed record ProblemDetailsBody(int Status, string Title, string Detail);
