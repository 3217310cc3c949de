using DoanPlatform.Emulation.Contracts;
using System.Security.Claims;
using DoanPlatform.Emulation.ReadModels;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace DoanPlatform.Emulation.Features;

/// <summary>
/// Attach an evidence file to a condition (raw body, <c>?conditionCode=&amp;fileName=&amp;version=</c>): size limit, type sniffed from the bytes,
/// SHA-256 recorded; the bytes go to PostgreSQL by hash and the event to the sheet. Served back only to those who may read the unit.
/// </summary>
internal static class AttachEvidence
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/sheets/{unitId:guid}/{year:int}/evidence", HandleAsync);
        group.MapGet("/sheets/{unitId:guid}/{year:int}/evidence/{fileId:guid}", DownloadAsync);
    }

    private static async Task<Results<Ok<EmulationHttp.Written>, ValidationProblem, NotFound<ProblemBody>>> HandleAsync(Guid unitId, int year, string? conditionCode,
        string? fileName, long? version, HttpRequest request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory units,
        TimeProvider clock, CancellationToken ct)
    {
        if (request.ContentLength > EvidenceFile.MaxBytes)
            return EmulationHttp.Missing("file", $"Tệp vượt quá {EvidenceFile.MaxBytes / 1024 / 1024} MB.");
        await access.EnsureAsync(user, unitId, UnitPermission.Contribute, ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > EvidenceFile.MaxBytes)
                return EmulationHttp.Missing("file", $"Tệp vượt quá {EvidenceFile.MaxBytes / 1024 / 1024} MB.");
        }
        var name = Uploads.FileName(fileName);
        if (name is null)
            return EmulationHttp.Missing("fileName", "Cần tên tệp.");
        var bytes = buffer.ToArray();
        var (contentType, error) = EvidenceFile.Sniff(name, bytes);
        if (error is not null)
            return EmulationHttp.Missing("file", error);
        var sha = EvidenceFile.Sha256(bytes);
        var fileId = DeterministicGuid.Create(FileNamespace, sha);
        return await EmulationHttp.ChangeSheetAsync(store, access, units, clock, user, unitId, year, version, UnitPermission.Contribute, "Đính kèm minh chứng",
            async (sheet, scale, unit, errors) =>
            {
                if (sheet.Status is SheetStatus.Locked or SheetStatus.Published)
                    throw new DomainRuleException("Điểm đã chốt; không thể bổ sung minh chứng.");
                errors.Require(scale.Content.Find(conditionCode ?? "") is not null, "conditionCode", $"Thang điểm không có điều kiện mã {conditionCode}.");
                if (errors.Count == 0)
                {
                    await StoreAsync(store.DataSource, sha, contentType!, bytes, ct);
                }
                return new EvidenceAttached(sheet.Id, conditionCode ?? "", fileId, name, contentType!, bytes.Length, sha);
            }, ct);
    }

    private static readonly Guid FileNamespace = Guid.Parse("9a3e7b10-2c4d-4f5e-8a6b-7c8d9e0f1a2b");

    private static async Task EnsureTableAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            create schema if not exists {EmulationSchema.Name};
            create table if not exists {EmulationSchema.Name}.evidence_blobs (sha256 text primary key, content_type text not null, size bigint not null, content bytea not null);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    // Content-addressed and idempotent: a blob whose event then fails to save is harmless and is reused by the next attempt.
    private static async Task StoreAsync(NpgsqlDataSource db, string sha, string contentType, byte[] bytes, CancellationToken ct)
    {
        await EnsureTableAsync(db, ct);
        await using var command = Sql.Command(db, $"insert into {EmulationSchema.Name}.evidence_blobs values ($1, $2, $3, $4) on conflict do nothing",
            sha, contentType, (long)bytes.Length, bytes);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<Results<FileContentHttpResult, NotFound<ProblemBody>>> DownloadAsync(Guid unitId, int year, Guid fileId, ClaimsPrincipal user,
        IDocumentStore store, IUnitAccess access, CancellationToken ct)
    {
        await access.EnsureAsync(user, unitId, UnitPermission.Read, ct);
        await using var query = store.QuerySession();
        var sheet = await query.Events.AggregateStreamAsync<ScoreSheet>(ScoreSheet.StreamId(unitId, year), ct: ct);
        if (sheet?.Evidence.FirstOrDefault(e => e.FileId == fileId) is not { } evidence)
            return EmulationHttp.NotFound("Không có minh chứng này trong bảng điểm của đơn vị.");
        await EnsureTableAsync(store.DataSource, ct);
        await using var command = Sql.Command(store.DataSource, $"select content from {EmulationSchema.Name}.evidence_blobs where sha256 = $1", evidence.Sha256);
        if (await command.ExecuteScalarAsync(ct) is not byte[] bytes)
            return EmulationHttp.NotFound("Tệp minh chứng không còn trong kho.");
        return TypedResults.File(bytes, evidence.ContentType, evidence.FileName);
    }
}
