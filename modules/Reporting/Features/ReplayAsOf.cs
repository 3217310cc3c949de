using System.Security.Claims;
using System.Text.Json;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Reporting.Contracts;
using DoanPlatform.Reporting.ReadModels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace DoanPlatform.Reporting.Features;

/// <summary>
/// "What did the platform show about this unit at that moment?": <c>GET /units/{code}/as-of?at=&amp;readModel=</c> replays the
/// events recorded until then into throw-away copies of the read models and returns their rows that mention the unit.
/// </summary>
internal static class ReplayAsOf
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/units/{code}/as-of", Handle);

    private static async Task<Results<Ok<UnitStateAsOf>, ValidationProblem, ProblemHttpResult>> Handle(
        string code, string? at, string? readModel, ClaimsPrincipal user, IDocumentStore store, IUnitDirectory directory, IUnitAccess access,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Require(AsOfTime.TryParse(at, out var time), "at", "Cần thời điểm ghi nhận theo ISO 8601, ví dụ 2024-05-01T10:00:00+07:00 (không ghi múi giờ thì hiểu là giờ Việt Nam).");
        errors.Require(readModel is null || ReadModels(store).Contains(readModel), "readModel",
            $"Không có read model '{readModel}'. Có: {string.Join(", ", ReadModels(store))}.");
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Dữ liệu chưa hợp lệ");
        if (await ReplayUnit.FindAsync(directory, code, ReplayUnit.Today(clock), ct) is not { } unit)
            return ReplayUnit.UnknownUnit(code);
        await access.EnsureAsync(user, unit.Id, UnitPermission.Audit, ct);
        return TypedResults.Ok(await ReadAsync(store, unit, time, readModel, ct));
    }

    /// <summary>Every read model but the history itself, which the replay already is.</summary>
    public static IReadOnlyList<string> ReadModels(IDocumentStore store) =>
        [.. store.Advanced.ProjectionNames.Where(n => n != UnitTimelineProjection.ProjectionName).Order(StringComparer.Ordinal)];

    /// <summary>The rows mentioning the unit in each read model (or only <paramref name="readModel"/>), as of <paramref name="at"/>.</summary>
    public static Task<UnitStateAsOf> ReadAsync(IDocumentStore store, UnitSummary unit, DateTimeOffset at, string? readModel, CancellationToken ct)
    {
        var names = readModel is null ? ReadModels(store) : [readModel];
        return store.Advanced.ReadAsOfAsync(names, at, async contexts =>
        {
            var tables = new List<ReadModelRows>();
            foreach (var name in names)
            {
                foreach (var table in await TablesAsync(contexts[name], ct))
                {
                    var rows = await RowsAsync(contexts[name], table, unit.Id, ct);
                    if (rows.Count > 0)
                        tables.Add(new ReadModelRows(name, table, rows));
                }
            }
            return new UnitStateAsOf(unit.Id, unit.Code, unit.Name, at, tables);
        }, ct);
    }

    private static async Task<IReadOnlyList<string>> TablesAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var command = context.Command("select tablename from pg_tables where schemaname = $1 order by tablename");
        command.Parameters.Add(new NpgsqlParameter { Value = context.Schema });
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            tables.Add(reader.GetString(0));
        return tables;
    }

    // A row mentions the unit when its id appears in any column (a uuid, a uuid[] or inside jsonb): the read models differ too
    // much in shape for anything more specific, and an audit prefers one row too many to one missed.
    private static async Task<IReadOnlyList<JsonElement>> RowsAsync(ProjectionContext context, string table, Guid unitId, CancellationToken ct)
    {
        await using var command = context.Command($"select to_jsonb(t)::text as row from {context.Table(table)} t where to_jsonb(t)::text like $1 order by 1");
        command.Parameters.Add(new NpgsqlParameter { Value = $"%{unitId}%" });
        var rows = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            using var document = JsonDocument.Parse(reader.GetString(0));
            rows.Add(document.RootElement.Clone());
        }
        return rows;
    }
}
