using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Meetings.Features;

/// <summary>
/// Issue the numbered Thông báo kết luận. The number comes from the issuing unit's notice register for the year (Organisation's, shared
/// with the other notices the unit issues, inspection conclusions included), taken in the same transaction as the notice: concurrent
/// issuers clash and retry, so numbers have no gaps and no duplicates. Once issued, the meeting's record is final.
/// </summary>
internal static class IssueNotice
{
    public sealed record Request(long? Version, string? IssuerSymbol, DateOnly? IssuedOn, string? Place, IReadOnlyList<string>? Recipients, NoticeSignature? Signature);

    public sealed record Issued(Guid MeetingId, string NumberSymbol, int Number, long Version);

    public static void Map(RouteGroupBuilder group) => group.MapPost("/{id:guid}/notice", Handle);

    private static async Task<Results<Created<Issued>, ValidationProblem, NotFound<ProblemDetailsBody>>> Handle(
        Guid id, Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, INoticeRegister registers, CancellationToken ct)
    {
        if (request.Version is not { } version)
            return MeetingHttp.Invalid(new FieldErrors().Require(false, "version", "Cần phiên bản (version) của hội nghị đang sửa."));
        if (request.IssuedOn is not { } issuedOn)
            return MeetingHttp.Invalid(new FieldErrors().Require(false, "issuedOn", "Cần ngày ban hành."));
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await MeetingHttp.LoadForWriteAsync(store, access, user, id, version, ct);
            if (loaded is not var (session, stream))
                return MeetingHttp.MeetingNotFound(id);
            await using (session)
            {
                var meeting = stream.Aggregate!;
                var taken = await registers.TakeNextAsync(session, meeting.ConveningUnitId, issuedOn.Year, "Thông báo kết luận hội nghị", id, ct);
                var errors = new FieldErrors();
                var issued = MeetingDecisions.IssueNotice(meeting, taken.Number, request.IssuerSymbol ?? "", issuedOn,
                    request.Place ?? "", request.Recipients ?? [], request.Signature ?? new NoticeSignature("", "", ""), errors);
                if (errors.Count > 0)
                    return MeetingHttp.Invalid(errors);
                session.Reason = $"Ban hành Thông báo kết luận số {issued.NumberSymbol}";
                stream.AppendOne(issued);
                try
                {
                    await session.SaveChangesAsync(ct);
                    return TypedResults.Created($"/api/meetings/{id}/notice", new Issued(id, issued.NumberSymbol, issued.Number, version + 1));
                }
                catch (ConcurrencyException clash) when (clash.StreamId == taken.RegisterId && attempt < 10)
                {
                    // Another notice of the same issuer took the number first: take the next one.
                }
            }
        }
    }
}
