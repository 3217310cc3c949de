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

    private static Task<Results<Ok<MeetingHttp.Written>, ValidationProblem, NotFound<ProblemDetailsBody>>> Handle(
        Guid id, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
        MeetingHttp.WriteAsync(store, access, user, id, request.Version, "Ghi kết luận hội nghị",
            (meeting, errors) => Task.FromResult<IReadOnlyList<object>>([MeetingDecisions.RecordConclusions(meeting, request.Sections ?? [], errors)]), ct);
}
