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

/// <summary>A unit's scoring sheet as .xlsx: a line per condition, section subtotals, capped bonus, penalties and the total as formulas.</summary>
internal static class ExportScoringSheet
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/sheets/{unitId:guid}/{year:int}.xlsx", Handle);

    private static async Task<Results<FileContentHttpResult, NotFound<ProblemBody>>> Handle(Guid unitId, int year, ClaimsPrincipal user, IDocumentStore store,
        IUnitAccess access, IUnitDirectory units, TimeProvider clock, CancellationToken ct)
    {
        await access.EnsureAsync(user, unitId, UnitPermission.Read, ct);
        if (await QuerySheet.LoadAsync(store, units, clock, unitId, year, ct) is not { } loaded)
            return EmulationHttp.NotFound($"Đơn vị chưa có bảng điểm năm {year}.");
        var unit = await EmulationHttp.UnitAsync(units, unitId, year, clock, ct);
        var name = unit?.Name ?? unitId.ToString();
        return TypedResults.File(Build(loaded, name), ExportRanking.ContentType, $"Bảng điểm thi đua {year} - {name}.xlsx");
    }

    public static byte[] Build(QuerySheet.Loaded loaded, string unitName)
    {
        var (sheet, content, result) = (loaded.Sheet, loaded.Scale.Content, loaded.Result);
        var rows = new List<IReadOnlyList<XCell>>
        {
            new XCell[] { $"BẢNG ĐIỂM THI ĐUA NĂM {sheet.Year} – {unitName.ToUpperInvariant()}" },
            new XCell[] { "Mã", "Nội dung", "Loại", "Điểm tối đa", "Tự chấm", "Chấm", "Điều chỉnh", "Giá trị tính điểm", "Điểm" },
        };
        var subtotals = new List<string>();
        var scores = result.Conditions.ToDictionary(c => c.Code);

        void Lines(IEnumerable<Condition> conditions, string label, Func<string, string> total, decimal cached)
        {
            var from = rows.Count + 1;
            foreach (var c in conditions.Where(c => scores[c.Code].Applicable))
            {
                var s = scores[c.Code];
                rows.Add(
                [
                    c.Code, c.Title, Kind(c.Kind), c.MaxPoints, Value(sheet.Self.GetValueOrDefault(c.Code)?.Value), Value(sheet.Assessed.GetValueOrDefault(c.Code)?.Value),
                    Value(sheet.Adjusted.GetValueOrDefault(c.Code)?.Value), Value(s.Value), s.Points,
                ]);
            }
            var to = rows.Count;
            var range = to >= from ? $"I{from}:I{to}" : null;
            rows.Add(["", label, "", "", "", "", "", "", new XCell(cached, range is null ? "0" : total(range))]);
            subtotals.Add($"I{rows.Count}");
        }

        foreach (var section in content.Sections)
        {
            rows.Add([section.Code, section.Title, "", section.MaxPoints]);
            Lines(section.Conditions.Where(c => c.CountsTowardsMaximum), $"Cộng phần {section.Code}", range => $"SUM({range})", result.Sections[section.Code]);
        }
        var bonus = content.AllConditions.Select(x => x.Condition).Where(c => c.Kind == ConditionKind.Bonus).ToList();
        if (bonus.Count > 0)
        {
            rows.Add(["", $"Điểm thưởng (tối đa {content.BonusCap})"]);
            Lines(bonus, "Cộng điểm thưởng", range => $"MIN(SUM({range}),{content.BonusCap.ToString(System.Globalization.CultureInfo.InvariantCulture)})", result.BonusCounted);
        }
        var penalties = content.AllConditions.Select(x => x.Condition).Where(c => c.Kind == ConditionKind.Penalty).ToList();
        if (penalties.Count > 0)
        {
            rows.Add(["", "Điểm trừ"]);
            Lines(penalties, "Cộng điểm trừ", range => $"SUM({range})", -result.Penalty);
        }
        rows.Add(["", "TỔNG ĐIỂM", "", content.MaxPoints, "", "", "", "", new XCell(result.Total, string.Join("+", subtotals))]);
        rows.Add(["", "Xếp loại", "", "", "", "", "", "", result.Classification]);
        return Workbook.Build([("Bảng điểm", rows)]);
    }

    private static XCell Value(decimal? value) => value is { } v ? new XCell(v, null) : new XCell(null, null);

    private static string Kind(ConditionKind kind) => kind switch
    {
        ConditionKind.Manual => "Chấm trực tiếp",
        ConditionKind.Tiered => "Theo mức",
        ConditionKind.Ratio => "Theo tỷ lệ chỉ tiêu",
        ConditionKind.YesNo => "Đạt/không đạt",
        ConditionKind.Penalty => "Điểm trừ",
        ConditionKind.Bonus => "Điểm thưởng",
        _ => kind.ToString(),
    };
}
