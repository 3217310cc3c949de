using System.Security.Claims;
using DoanPlatform.Emulation.Excel;
using DoanPlatform.Emulation.ReadModels;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Contracts.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>The year's cluster rankings as .xlsx, a sheet per cluster; each total is a formula over the row whose cached value is ours.</summary>
internal static class ExportRanking
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Map(RouteGroupBuilder group) => group.MapGet("/rankings.xlsx", Handle);

    private static async Task<FileContentHttpResult> Handle(Guid issuingUnitId, int year, Guid? clusterId, ClaimsPrincipal user, IDocumentStore store,
        IUnitAccess access, IUnitDirectory units, CancellationToken ct)
    {
        await access.EnsureAsync(user, issuingUnitId, UnitPermission.Read, ct);
        var bytes = await BuildAsync(store, units, issuingUnitId, year, clusterId, ct);
        var issuer = await units.FindAsync(issuingUnitId, new DateOnly(year, 12, 31), ct);
        return TypedResults.File(bytes, ContentType, $"Xếp hạng thi đua {year} - {issuer?.ShortName ?? issuer?.Name ?? issuingUnitId.ToString()}.xlsx");
    }

    public static async Task<byte[]> BuildAsync(IDocumentStore store, IUnitDirectory units, Guid issuingUnitId, int year, Guid? clusterId, CancellationToken ct)
    {
        var rankings = (await UnitResults.RankingsAsync(store.DataSource, units, issuingUnitId, year, ct)).Where(c => clusterId is null || c.ClusterId == clusterId).ToList();
        var results = await UnitResults.ForYearAsync(store.DataSource, issuingUnitId, year, ct);
        Scale? scale = null;
        if (results.FirstOrDefault() is { } any)
        {
            await using var query = store.QuerySession();
            scale = await query.Events.AggregateStreamAsync<Scale>(any.ScaleId, ct: ct);
        }
        var sectionCodes = scale?.Content.Sections.Select(s => s.Code).ToList()
            ?? [.. rankings.SelectMany(c => c.Rows).SelectMany(r => r.Sections.Keys).Distinct().Order(StringComparer.Ordinal)];
        var issuer = await units.FindAsync(issuingUnitId, new DateOnly(year, 12, 31), ct) ?? await units.FindAsync(issuingUnitId, new DateOnly(year, 1, 1), ct);
        var title = issuer?.Name ?? "";
        var sheets = new List<LaidOutSheet>();
        foreach (var cluster in rankings)
        {
            const int firstRow = SheetLayout.HeaderRow + 1;
            XColumn[] columns =
            [
                new("Hạng", 7, Integer: true), new("Đơn vị", SheetLayout.FitWidth("Đơn vị", cluster.Rows.Select(r => r.UnitName), min: 24, max: 42)),
                .. sectionCodes.Select(code => new XColumn(SectionHeader(scale, code), 12)),
                new("Điểm thưởng", 9), new("Điểm trừ", 9), new("Tổng điểm", 10),
                new("Xếp loại", SheetLayout.FitWidth("Xếp loại", cluster.Rows.Select(r => r.Classification), min: 12, max: 28)),
                new("Đề nghị khen thưởng", SheetLayout.FitWidth("Đề nghị khen thưởng", cluster.Rows.Select(r => r.ProposedAward), min: 12, max: 30)),
            ];
            var rows = new List<IReadOnlyList<XCell>>();
            foreach (var r in cluster.Rows)
            {
                var line = firstRow + rows.Count;
                var first = Workbook.Ref(2, line);
                var last = Workbook.Ref(1 + sectionCodes.Count, line);
                var bonus = Workbook.Ref(2 + sectionCodes.Count, line);
                var penalty = Workbook.Ref(3 + sectionCodes.Count, line);
                rows.Add(
                [
                    (decimal)r.Rank, r.UnitName, .. sectionCodes.Select(code => (XCell)r.Sections.GetValueOrDefault(code)), r.Bonus, r.Penalty,
                    new XCell(r.Total, $"SUM({first}:{last})+{bonus}-{penalty}"), r.Classification, r.ProposedAward,
                ]);
            }
            sheets.Add(new LaidOutSheet(cluster.Cluster, title, $"Bảng xếp hạng thi đua năm {year} – {cluster.Cluster}", columns, rows));
        }
        if (sheets.Count == 0)
            sheets.Add(new LaidOutSheet("Xếp hạng", title, $"Bảng xếp hạng thi đua năm {year}", [new XColumn("Ghi chú", 60)],
                [[$"Chưa có cụm thi đua hoặc kết quả năm {year}."]]));
        return Workbook.Build(sheets);
    }

    private static string SectionHeader(Scale? scale, string code) =>
        scale?.Content.Sections.FirstOrDefault(s => s.Code == code) is { } section ? $"{code}. {section.Title}" : code;
}
