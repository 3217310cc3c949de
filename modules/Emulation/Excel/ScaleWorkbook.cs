using System.Globalization;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Emulation.Excel;

/// <summary>
/// A scale as .xlsx so offices can author it in Excel: sheet "Điều kiện" has one row per condition (its section, criterion and content item
/// repeated on each row); sheet "Thông tin" has the scale's name, guideline, maxima, classifications and tie-breaks.
/// </summary>
internal static class ScaleWorkbook
{
    public static readonly string[] Headers =
    [
        "Mã phần", "Phần", "Điểm tối đa phần", "Mã tiêu chí", "Tiêu chí", "Mã nội dung", "Nội dung", "Mã điều kiện", "Điều kiện chấm", "Loại",
        "Điểm tối đa", "Các mức (số lần: điểm)", "Chỉ tiêu", "Điểm trừ mỗi lần", "Khối áp dụng", "Cấp áp dụng", "Cần minh chứng", "Tính tự động",
    ];

    private static readonly (ConditionKind Kind, string Label)[] Kinds =
    [
        (ConditionKind.Manual, "Chấm trực tiếp"), (ConditionKind.Tiered, "Theo mức"), (ConditionKind.Ratio, "Theo tỷ lệ chỉ tiêu"),
        (ConditionKind.YesNo, "Đạt/không đạt"), (ConditionKind.Penalty, "Điểm trừ"), (ConditionKind.Bonus, "Điểm thưởng"),
    ];

    public static string KindLabel(ConditionKind kind) => Kinds.First(k => k.Kind == kind).Label;

    private static XCell Optional(decimal? value) => new(value, null);

    private static string N(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    public static byte[] Export(ScaleContent scale)
    {
        var rows = new List<IReadOnlyList<XCell>> { Headers.Select(h => (XCell)h).ToList() };
        foreach (var section in scale.Sections)
            foreach (var criterion in section.Criteria)
                foreach (var item in criterion.Items)
                    foreach (var c in item.Conditions)
                        rows.Add(
                        [
                            section.Code, section.Title, section.MaxPoints, criterion.Code, criterion.Title, item.Code, item.Title, c.Code, c.Title, KindLabel(c.Kind),
                            c.MaxPoints, c.Tiers is { Count: > 0 } ? string.Join("; ", c.Tiers.Select(t => $"{N(t.From)}: {N(t.Points)}")) : null,
                            Optional(c.Target), Optional(c.PointsPerOccurrence),
                            c.Sectors is { Count: > 0 } ? string.Join(", ", c.Sectors) : null, c.Levels is { Count: > 0 } ? string.Join(", ", c.Levels) : null,
                            c.EvidenceRequired ? "Có" : "Không", c.Source?.ToString(),
                        ]);
        var info = new List<IReadOnlyList<XCell>>
        {
            new XCell[] { "Tên thang điểm", scale.Name },
            new XCell[] { "Căn cứ", scale.Guideline },
            new XCell[] { "Điểm tối đa", scale.MaxPoints },
            new XCell[] { "Điểm thưởng tối đa", scale.BonusCap },
            new XCell[] { "Khen thưởng đơn vị dẫn đầu cụm", scale.TopAward },
        };
        foreach (var rule in scale.Classes)
            info.Add(["Xếp loại", rule.Name, rule.MinTotal, rule.NoUnexcusedAbsence ? "Không vắng không phép" : null, string.Join(", ", rule.FullConditions ?? [])]);
        foreach (var tie in scale.TieBreaks ?? [])
            info.Add(["Tiêu chí phụ", tie.Kind.ToString(), tie.SectionCode]);
        return Workbook.Build([("Điều kiện", rows), ("Thông tin", info)]);
    }

    public static ScaleContent? Import(Stream stream, FieldErrors errors)
    {
        IReadOnlyList<(string Name, Dictionary<string, (string? Value, string? Formula)> Cells)> sheets;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        if (Uploads.ZipProblem(copy.ToArray(), "xl/workbook.xml") is { } problem)
        {
            errors.Require(false, "file", problem);
            return null;
        }
        try
        {
            copy.Position = 0;
            sheets = Workbook.Read(copy);
        }
        catch (Exception e) when (Uploads.IsUnreadable(e))
        {
            errors.Require(false, "file", "Tệp không phải sổ tính Excel (.xlsx) hợp lệ.");
            return null;
        }
        var conditions = sheets.FirstOrDefault(s => s.Name == "Điều kiện").Cells;
        var info = sheets.FirstOrDefault(s => s.Name == "Thông tin").Cells;
        if (conditions is null || info is null)
        {
            errors.Require(false, "file", "Sổ tính cần hai trang \"Điều kiện\" và \"Thông tin\".");
            return null;
        }
        string? Cell(Dictionary<string, (string? Value, string? Formula)> cells, int column, int row) =>
            Input.Clean(cells.GetValueOrDefault(Workbook.Ref(column, row)).Value);
        decimal? Number(Dictionary<string, (string? Value, string? Formula)> cells, int column, int row, string field)
        {
            var text = Cell(cells, column, row);
            if (text is null)
                return null;
            if (decimal.TryParse(text.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                return value;
            errors.Require(false, field, $"\"{text}\" không phải là số.");
            return null;
        }

        var sections = new List<(string Code, string Title, decimal Max, List<(string Code, string Title, List<(string Code, string Title, List<Condition> Conditions)> Items)> Criteria)>();
        var lastRow = conditions.Keys.Select(k => int.Parse(new string([.. k.SkipWhile(char.IsLetter)]), CultureInfo.InvariantCulture)).DefaultIfEmpty(1).Max();
        for (var row = 2; row <= lastRow; row++)
        {
            var field = $"rows[{row}]";
            var code = Cell(conditions, 7, row);
            if (code is null)
                continue;
            var kindText = Cell(conditions, 9, row);
            var kind = Kinds.FirstOrDefault(k => string.Equals(k.Label, kindText, StringComparison.OrdinalIgnoreCase) || string.Equals(k.Kind.ToString(), kindText, StringComparison.OrdinalIgnoreCase));
            if (kind.Label is null)
                errors.Require(false, field + ".kind", $"Dòng {row}: loại \"{kindText}\" không có; dùng một trong: {string.Join(", ", Kinds.Select(k => k.Label))}.");
            var tiers = new List<Tier>();
            foreach (var part in (Cell(conditions, 11, row) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pair = part.Split(':', StringSplitOptions.TrimEntries);
                if (pair.Length == 2 && decimal.TryParse(pair[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var from)
                    && decimal.TryParse(pair[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var points))
                    tiers.Add(new Tier(from, points));
                else
                    errors.Require(false, field + ".tiers", $"Dòng {row}: mức \"{part}\" phải có dạng số lần: điểm.");
            }
            List<T>? EnumList<T>(int column, string name) where T : struct, Enum
            {
                var text = Cell(conditions, column, row);
                if (text is null)
                    return null;
                var list = new List<T>();
                foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (Enum.TryParse<T>(part, true, out var value))
                        list.Add(value);
                    else
                        errors.Require(false, $"{field}.{name}", $"Dòng {row}: \"{part}\" không hợp lệ.");
                }
                return list;
            }
            ComputedSource? source = null;
            if (Cell(conditions, 17, row) is { } sourceText)
            {
                if (Enum.TryParse<ComputedSource>(sourceText, true, out var parsed))
                    source = parsed;
                else
                    errors.Require(false, field + ".source", $"Dòng {row}: nguồn tính tự động \"{sourceText}\" không có.");
            }
            var condition = new Condition(code, Cell(conditions, 8, row) ?? "", kind.Kind, Number(conditions, 10, row, field + ".maxPoints") ?? 0,
                tiers.Count > 0 ? tiers : null, Number(conditions, 12, row, field + ".target"), Number(conditions, 13, row, field + ".pointsPerOccurrence"),
                EnumList<Sector>(14, "sectors"), EnumList<UnitLevel>(15, "levels"), string.Equals(Cell(conditions, 16, row), "Có", StringComparison.OrdinalIgnoreCase),
                source);
            var sectionCode = Cell(conditions, 0, row) ?? "";
            var section = sections.FirstOrDefault(s => s.Code == sectionCode);
            if (section.Code is null)
            {
                section = (sectionCode, Cell(conditions, 1, row) ?? "", Number(conditions, 2, row, field + ".sectionMaxPoints") ?? 0, []);
                sections.Add(section);
            }
            var criterionCode = Cell(conditions, 3, row) ?? "";
            var criterion = section.Criteria.FirstOrDefault(c => c.Code == criterionCode);
            if (criterion.Code is null)
            {
                criterion = (criterionCode, Cell(conditions, 4, row) ?? "", []);
                section.Criteria.Add(criterion);
            }
            var itemCode = Cell(conditions, 5, row) ?? "";
            var item = criterion.Items.FirstOrDefault(i => i.Code == itemCode);
            if (item.Code is null)
            {
                item = (itemCode, Cell(conditions, 6, row) ?? "", []);
                criterion.Items.Add(item);
            }
            item.Conditions.Add(condition);
        }

        var infoRows = info.Keys.Select(k => int.Parse(new string([.. k.SkipWhile(char.IsLetter)]), CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        string? Info(string label) => infoRows.Where(r => Cell(info, 0, r) == label).Select(r => Cell(info, 1, r)).FirstOrDefault();
        decimal InfoNumber(string label, string field) =>
            decimal.TryParse(Info(label)?.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value
                : errors.Require(false, field, $"Trang \"Thông tin\" thiếu \"{label}\".") is var _ ? 0 : 0;
        var classes = infoRows.Where(r => Cell(info, 0, r) == "Xếp loại").Select(r => new ClassRule(Cell(info, 1, r) ?? "",
            Number(info, 2, r, $"classes[{r}].minTotal") ?? 0, Cell(info, 3, r) is not null,
            Cell(info, 4, r)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).ToList();
        var ties = new List<TieBreak>();
        foreach (var r in infoRows.Where(r => Cell(info, 0, r) == "Tiêu chí phụ"))
        {
            if (Enum.TryParse<TieBreakKind>(Cell(info, 1, r), true, out var tieKind))
                ties.Add(new TieBreak(tieKind, Cell(info, 2, r)));
            else
                errors.Require(false, "tieBreaks", $"Tiêu chí phụ \"{Cell(info, 1, r)}\" không có.");
        }
        return new ScaleContent(Info("Tên thang điểm") ?? "", Info("Căn cứ") ?? "", InfoNumber("Điểm tối đa", "maxPoints"), InfoNumber("Điểm thưởng tối đa", "bonusCap"),
            [.. sections.Select(s => new Section(s.Code, s.Title, s.Max, [.. s.Criteria.Select(c => new Criterion(c.Code, c.Title,
                [.. c.Items.Select(i => new ContentItem(i.Code, i.Title, i.Conditions))]))]))],
            classes, ties, Info("Khen thưởng đơn vị dẫn đầu cụm"));
    }
}
