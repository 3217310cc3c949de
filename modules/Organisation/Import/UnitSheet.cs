using DoanPlatform.Organisation.Contracts;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DoanPlatform.Organisation.Import;

/// <summary>One data row of an import sheet, with its row number as the user sees it (header = row 1).</summary>
internal sealed record SheetRow(int Row, string Code, string Name, string ParentCode, string Level, string Sector, string ShortName);

internal sealed record SheetError(int Row, string Reason);

/// <summary>Reads the rows of a CSV (UTF-8, comma or semicolon) or .xlsx sheet; header names in English or Vietnamese.</summary>
internal static class UnitSheet
{
    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["code"] = "code", ["mã"] = "code", ["mã đơn vị"] = "code",
        ["name"] = "name", ["tên"] = "name", ["tên đơn vị"] = "name",
        ["parent code"] = "parent", ["parent_code"] = "parent", ["parent"] = "parent", ["mã đơn vị cấp trên"] = "parent", ["cấp trên"] = "parent",
        ["level"] = "level", ["cấp"] = "level",
        ["sector"] = "sector", ["khối"] = "sector",
        ["short name"] = "short", ["short_name"] = "short", ["tên viết tắt"] = "short",
    };

    public static (List<SheetRow> Rows, List<SheetError> Errors) Read(byte[] content, bool xlsx)
    {
        if (!xlsx)
            return ReadCsv(content);
        if (Uploads.ZipProblem(content, "xl/workbook.xml") is { } problem)
            return ([], [new SheetError(1, problem)]);
        List<(int Row, List<string> Cells)> cells;
        try
        {
            cells = ReadXlsx(content);
        }
        catch (Exception e) when (Uploads.IsUnreadable(e))
        {
            return ([], [new SheetError(1, "Tệp không phải sổ tính Excel (.xlsx) hợp lệ.")]);
        }
        return FromCells(cells);
    }

    public static bool LooksLikeXlsx(byte[] content) => content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;

    private static (List<SheetRow>, List<SheetError>) ReadCsv(byte[] content)
    {
        var errors = new List<SheetError>();
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var lines = new List<(int Row, string Text)>();
        var start = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
        var row = 0;
        while (start < content.Length)
        {
            var end = Array.IndexOf(content, (byte)'\n', start);
            if (end < 0)
                end = content.Length;
            row++;
            try
            {
                lines.Add((row, strict.GetString(content, start, end - start).TrimEnd('\r')));
            }
            catch (DecoderFallbackException)
            {
                errors.Add(new SheetError(row, "Dòng không phải văn bản UTF-8 hợp lệ (sai bảng mã); hãy lưu tệp dưới dạng CSV UTF-8."));
            }
            start = end + 1;
        }
        if (lines.Count == 0)
            return ([], errors.Count > 0 ? errors : [new SheetError(1, "Tệp trống.")]);
        var delimiter = lines[0].Text.Count(c => c == ';') > lines[0].Text.Count(c => c == ',') ? ';' : ',';
        var cells = lines.Where(l => l.Text.Length > 0).Select(l => (l.Row, Cells: SplitCsv(l.Text, delimiter))).ToList();
        var (rows, more) = FromCells(cells);
        errors.AddRange(more);
        return (rows, errors);
    }

    // Quoted fields may hold the delimiter and doubled quotes; a quoted field spanning lines is not supported.
    private static List<string> SplitCsv(string line, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    cell.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == delimiter)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
                cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }

    private static List<(int Row, List<string> Cells)> ReadXlsx(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no workbook part.");
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        var firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("The workbook has no sheet.");
        var part = (WorksheetPart)workbook.GetPartById(firstSheet.Id!.Value!);
        var result = new List<(int, List<string>)>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                while (cells.Count < column)
                    cells.Add("");
                var value = cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var index) && index < shared.Length
                    ? shared[index]
                    : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : cell.CellValue?.Text ?? "";
                cells.Add(value);
            }
            result.Add(((int)(row.RowIndex?.Value ?? (uint)(result.Count + 1)), cells));
        }
        return result;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
            return null;
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }

    private static (List<SheetRow>, List<SheetError>) FromCells(List<(int Row, List<string> Cells)> rows)
    {
        if (rows.Count == 0)
            return ([], [new SheetError(1, "Tệp không có dòng tiêu đề.")]);
        var header = rows[0].Cells.Select(h => Headers.GetValueOrDefault(Text.Clean(h))).ToList();
        var missing = new[] { "code", "name", "parent", "level" }.Where(h => !header.Contains(h)).ToList();
        if (missing.Count > 0)
            return ([], [new SheetError(rows[0].Row, $"Thiếu cột: {string.Join(", ", missing)} (cần: mã, tên, mã đơn vị cấp trên, cấp, khối).")]);
        string Cell(List<string> cells, string name)
        {
            var i = header.IndexOf(name);
            return i >= 0 && i < cells.Count ? Text.Clean(cells[i]) : "";
        }
        var result = rows.Skip(1).Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c)))
            .Select(r => new SheetRow(r.Row, Cell(r.Cells, "code"), Cell(r.Cells, "name"), Cell(r.Cells, "parent"), Cell(r.Cells, "level"),
                Cell(r.Cells, "sector"), Cell(r.Cells, "short")))
            .ToList();
        return (result, []);
    }
}
