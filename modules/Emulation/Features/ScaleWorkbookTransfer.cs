using System.Security.Claims;
using DoanPlatform.Emulation.Excel;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>Export a scale as .xlsx (one row per condition) and import one as a new draft, checked like any draft.</summary>
internal static class ScaleWorkbookTransfer
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/scales/{id:guid}.xlsx", ExportAsync);
        group.MapPost("/scales/import", HandleImportAsync);
    }

    private static async Task<Results<FileContentHttpResult, NotFound<ProblemBody>>> ExportAsync(Guid id, ClaimsPrincipal user, IDocumentStore store,
        IUnitAccess access, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        if (await query.Events.AggregateStreamAsync<Scale>(id, ct: ct) is not { } scale)
            return EmulationHttp.NotFound($"Không có thang điểm {id}.");
        await access.EnsureAsync(user, scale.IssuingUnitId, UnitPermission.Read, ct);
        return TypedResults.File(ScaleWorkbook.Export(scale.Content), ExportRanking.ContentType, $"Thang điểm thi đua {scale.Year} (bản {scale.Number}).xlsx");
    }

    private static async Task<Results<Created<EmulationHttp.Written>, ValidationProblem>> HandleImportAsync(Guid issuingUnitId, int year, HttpRequest request,
        ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, CancellationToken ct)
    {
        await access.EnsureAsync(user, issuingUnitId, UnitPermission.Manage, ct);
        if (request.ContentLength > MaxBytes)
            return EmulationHttp.Missing("file", "Tệp quá 5 MB.");
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBytes)
            return EmulationHttp.Missing("file", "Tệp quá 5 MB.");
        buffer.Position = 0;
        var (id, errors) = await ImportAsync(store, user.ToActor(), issuingUnitId, year, buffer, ct);
        return errors.Count > 0 ? EmulationHttp.Invalid(errors) : TypedResults.Created($"/api/emulation/scales/{id}", new EmulationHttp.Written(id, 1));
    }

    /// <summary>Reads a scale workbook and drafts it; nothing is written when there are errors.</summary>
    public static async Task<(Guid Id, FieldErrors Errors)> ImportAsync(IDocumentStore store, Actor actor, Guid issuingUnitId, int year, Stream file,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var content = ScaleWorkbook.Import(file, errors);
        if (content is null || errors.Count > 0)
            return (Guid.Empty, errors);
        var id = Guid.CreateVersion7();
        var drafted = ScaleDecisions.Draft(id, issuingUnitId, year, content, errors);
        if (errors.Count > 0)
            return (Guid.Empty, errors);
        await using var session = store.LightweightSession(actor);
        session.Reason = "Nhập thang điểm từ Excel";
        session.Events.StartStream<Scale>(id, drafted);
        await session.SaveChangesAsync(ct);
        return (id, errors);
    }
}
