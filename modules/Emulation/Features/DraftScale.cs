using System.Security.Claims;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>Draft a scoring scale for an issuing unit and year; it is checked whole, sections against the stated maximum.</summary>
internal static class DraftScale
{
    public sealed record Request(Guid? IssuingUnitId, int? Year, ScaleContent? Content);

    public static void Map(RouteGroupBuilder group) => group.MapPost("/scales", Handle);

    private static async Task<Results<Created<EmulationHttp.Written>, ValidationProblem>> Handle(
        Request request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory units, TimeProvider clock, CancellationToken ct)
    {
        if (request.IssuingUnitId is not { } issuing)
            return EmulationHttp.Missing("issuingUnitId", "Cần đơn vị ban hành thang điểm.");
        await access.EnsureAsync(user, issuing, UnitPermission.Manage, ct);
        if (request.Year is { } year && InputRules.YearProblem(year) is null && await EmulationHttp.UnitAsync(units, issuing, year, clock, ct) is null)
            return EmulationHttp.Missing("issuingUnitId", $"Đơn vị ban hành không tồn tại trong năm {year}.");
        var errors = new FieldErrors();
        var id = Guid.CreateVersion7();
        var drafted = ScaleDecisions.Draft(id, issuing, request.Year ?? 0, request.Content, errors);
        if (errors.Count > 0)
            return EmulationHttp.Invalid(errors);
        await using var session = store.LightweightSession(user.ToActor());
        session.Reason = "Soạn thang điểm thi đua";
        session.Events.StartStream<Scale>(id, drafted);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/emulation/scales/{id}", new EmulationHttp.Written(id, 1));
    }
}
