using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Meetings.Features;

/// <summary>Record the meeting's conclusions in ordered sections (2.1, 2.2, ...), replacing the previous version until the notice is issued.</summary>
internal static class RecordConclusions
{
    public sealed record Request(long? Version, IReadOnlyList<ConclusionSection>? Sections);

    public static void Map(RouteGroupBuilder group) => group.MapPut("/{id:guid}/conclusions", Handle);

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
            var recorded = MeetingDecisions.RecordConclusions(stream.Aggregate!, request.Sections ?? [], errors);
            if (errors.Count > 0)
                return MeetingHttp.Invalid(errors);
            session.Reason = "Ghi kết luận hội nghị";
            stream.AppendOne(recorded);
            await session.SaveChangesAsync(ct);
            return TypedResults.Ok(new MeetingHttp.Written(id, version + 1));
        }
    }
}
