using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Inspections.Features;

/// <summary>
/// Issue the Thông báo kết luận kiểm tra, numbered from the issuing unit's notice register for the year, the one its meeting notices take
/// their numbers from too (taken in the same transaction: concurrent issuers clash and retry, no gap, no duplicate), and download it as .docx.
/// </summary>
internal static class IssueConclusion
{
    public sealed record Request(long? Version, string? IssuerSymbol, DateOnly? IssuedOn, string? Place, string? Signer, string? SignerTitle,
        IReadOnlyList<string>? Recipients);

    public sealed record Issued(Guid PlanId, string NumberSymbol, int Number, long Version);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/plans/{id:guid}/conclusion", Handle);
        group.MapGet("/plans/{id:guid}/conclusion.docx", DownloadAsync);
    }

    private static async Task<Results<Created<Issued>, ValidationProblem, NotFound<ProblemBody>>> Handle(Guid id, Request request, ClaimsPrincipal user,
        IDocumentStore store, IUnitAccess access, INoticeRegister registers, CancellationToken ct)
    {
        if (request.Version is not { } version)
            return InspectionHttp.Invalid(new FieldErrors().Require(false, "version", "Cần phiên bản (version) của kế hoạch kiểm tra."));
        if (request.IssuedOn is not { } issuedOn)
            return InspectionHttp.Invalid(new FieldErrors().Require(false, "issuedOn", "Cần ngày ban hành."));
        if (await InspectionHttp.LoadAsync(store, id, ct) is not { } current)
            return InspectionHttp.PlanNotFound(id);
        await InspectionHttp.EnsureIssuerAsync(access, user, current, ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession(user.ToActor());
            var stream = await session.Events.FetchForWriting<InspectionPlan>(id, version, ct);
            var plan = stream.Aggregate!;
            var taken = await registers.TakeNextAsync(session, plan.Issued.IssuingUnitId, issuedOn.Year, "Thông báo kết luận kiểm tra", id, ct);
            var errors = new FieldErrors();
            var issued = PlanDecisions.Conclude(plan, taken.Number, request.IssuerSymbol, issuedOn, request.Place,
                request.Signer, request.SignerTitle, request.Recipients, errors);
            if (errors.Count > 0)
                return InspectionHttp.Invalid(errors);
            session.Reason = $"Ban hành Thông báo kết luận kiểm tra số {issued.NumberSymbol}";
            session.Decision = issued.NumberSymbol;
            stream.AppendOne(issued);
            try
            {
                await session.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/inspections/plans/{id}/conclusion.docx", new Issued(id, issued.NumberSymbol, issued.Number, version + 1));
            }
            catch (ConcurrencyException clash) when (clash.StreamId == taken.RegisterId && attempt < 10)
            {
                // Another conclusion of the same issuer took the number first: take the next one.
            }
        }
    }

    private static async Task<Results<FileContentHttpResult, NotFound<ProblemBody>>> DownloadAsync(Guid id, ClaimsPrincipal user, IDocumentStore store,
        IUnitAccess access, IUnitDirectory units, TimeProvider clock, CancellationToken ct)
    {
        if (await InspectionHttp.LoadAsync(store, id, ct) is not { Conclusion: { } conclusion } plan)
            return TypedResults.NotFound(new ProblemBody(404, "Chưa có kết luận kiểm tra", $"Plan {id} has no issued conclusion."));
        await InspectionHttp.EnsureReaderAsync(access, user, plan, InspectionHttp.Today(clock), ct);
        var bytes = await ConclusionDocument.ComposeAsync(plan, conclusion, units, ct);
        var name = $"Thông báo kết luận kiểm tra {conclusion.NumberSymbol.Replace('/', '-')}.docx";
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
    }
}
