using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DoanPlatform.Organisation.Contracts.Documents;

namespace DoanPlatform.Emulation.Excel;

/// <summary>A cell to write: text, a decimal, or a formula with the value we computed cached in it.</summary>
internal sealed record XCell(object? Value, string? Formula = null)
{
    public static implicit operator XCell(string? text) => new(text, null);

    public static implicit operator XCell(decimal number) => new(number, null);
}

/// <summary>A column of a laid-out sheet: header, width in characters, whole numbers or not.</summary>
internal sealed record XColumn(string Header, double Width, bool Integer = false);

/// <summary>A sheet in the union's workbook layout (<see cref="SheetLayout"/>): two title rows, the header on row 4, the data under it.</summary>
internal sealed record LaidOutSheet(string Name, string Title, string Subtitle, IReadOnlyList<XColumn> Columns, IReadOnlyList<IReadOnlyList<XCell>> Rows);

/// <summary>Minimal .xlsx writing and reading over the Open XML SDK: inline strings, invariant numbers, formulas with cached values.</summary>
internal static class Workbook
{
    public static string Column(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
            name = (char)('A' + (i - 1) % 26) + name;
        return name;
    }

    public static string Ref(int column, int row) => $"{Column(column)}{row}";

    /// <summary>A valid sheet name: at most 31 characters, none of []:*?/\, unique in the workbook; Vietnamese kept intact.</summary>
    public static string SheetName(string name, ISet<string> taken)
    {
        var clean = new string([.. name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '-' : c)]).Trim();
        clean = clean.Length == 0 ? "Sheet" : clean[..Math.Min(31, clean.Length)];
        var candidate = clean;
        for (var i = 2; !taken.Add(candidate); i++)
            candidate = $"{clean[..Math.Min(27, clean.Length)]} ({i})";
        return candidate;
    }

    public static byte[] Build(IReadOnlyList<(string Name, IReadOnlyList<IReadOnlyList<XCell>> Rows)> sheets)
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
            var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint id = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < rows.Count; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < rows[r].Count; c++)
                    {
                        if (ToCell(rows[r][c], Ref(c, r + 1)) is { } cell)
                            row.Append(cell);
                    }
                    data.Append(row);
                }
                part.Worksheet = new Worksheet(data);
                sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id++, Name = SheetName(name, taken) });
            }
            workbookPart.Workbook.Save();
        }
        return memory.ToArray();
    }

    /// <summary>
    /// Sheets in the layout the yearly review has (<see cref="SheetLayout"/>): title rows, widths, a wrapped header as tall as its text on
    /// row 4 frozen above the data and repeated on every printed page, a filter, bordered cells, rows as tall as their wrapped text, A4
    /// landscape fitted to the page width.
    /// </summary>
    public static byte[] Build(IReadOnlyList<LaidOutSheet> sheets)
    {
        const int header = SheetLayout.HeaderRow;
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = SheetLayout.Create();
            workbookPart.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
            var names = new DefinedNames();
            var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var columns = sheet.Columns;
                var last = Column(Math.Max(0, columns.Count - 1));
                var data = new SheetData(
                    new Row(Text("A1", sheet.Title, SheetLayout.Title)) { RowIndex = 1, Height = 20, CustomHeight = true },
                    new Row(Text("A2", sheet.Subtitle, SheetLayout.Subtitle)) { RowIndex = 2, Height = 18, CustomHeight = true },
                    new Row(columns.Select((c, i) => Text(Ref(i, header), c.Header, SheetLayout.Header)))
                    {
                        RowIndex = header, Height = SheetLayout.HeaderHeight(columns.Select(c => (c.Header, c.Width))), CustomHeight = true,
                    });
                for (var r = 0; r < sheet.Rows.Count; r++)
                {
                    var number = header + 1 + r;
                    var cells = sheet.Rows[r];
                    var row = new Row { RowIndex = (uint)number };
                    var lines = 1;
                    for (var c = 0; c < cells.Count && c < columns.Count; c++)
                    {
                        var style = cells[c].Value is string ? SheetLayout.Text : columns[c].Integer ? SheetLayout.Integer : SheetLayout.Decimal;
                        if (cells[c].Value is string text)
                            lines = Math.Max(lines, SheetLayout.Lines(text, columns[c].Width));
                        var cell = ToCell(cells[c], Ref(c, number)) ?? new Cell { CellReference = Ref(c, number) };
                        cell.StyleIndex = style;
                        row.Append(cell);
                    }
                    if (SheetLayout.RowHeight(lines) is { } height)
                        (row.Height, row.CustomHeight) = (height, true);
                    data.Append(row);
                }
                var lastRow = header + Math.Max(0, sheet.Rows.Count);
                var part = workbookPart.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(
                    new SheetProperties(new PageSetupProperties { FitToPage = true }),
                    SheetLayout.FrozenHeader(selected: id == 1),
                    SheetLayout.Widths(columns.Select(c => c.Width)),
                    data,
                    new AutoFilter { Reference = $"A{header}:{last}{lastRow}" },
                    SheetLayout.Margins(),
                    SheetLayout.A4LandscapeFittedToWidth(),
                    SheetLayout.PageNumbers());
                var name = SheetName(sheet.Name, taken);
                sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id, Name = name });
                names.Append(SheetLayout.SheetNames(name, id - 1, $"$A${header}:${last}${lastRow}"));
                id++;
            }
            workbookPart.Workbook.Append(names);
            workbookPart.Workbook.Save();
        }
        return memory.ToArray();
    }

    private static Cell Text(string reference, string text, uint style) => new()
    {
        CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
    };

    private static Cell? ToCell(XCell x, string reference)
    {
        if (x.Value is null && x.Formula is null)
            return null;
        var cell = new Cell { CellReference = reference };
        if (x.Formula is not null)
            cell.CellFormula = new CellFormula(x.Formula);
        switch (x.Value)
        {
            case decimal d:
                cell.DataType = CellValues.Number;
                cell.CellValue = new CellValue(d.ToString(CultureInfo.InvariantCulture));
                break;
            case int i:
                cell.DataType = CellValues.Number;
                cell.CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture));
                break;
            case null:
                break;
            default:
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(x.Value.ToString() ?? "") { Space = SpaceProcessingModeValues.Preserve });
                break;
        }
        return cell;
    }

    /// <summary>Reads every sheet back as name → rows of (text or number as text, formula) by cell reference.</summary>
    public static IReadOnlyList<(string Name, Dictionary<string, (string? Value, string? Formula)> Cells)> Read(Stream stream)
    {
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbookPart = document.WorkbookPart ?? throw new InvalidDataException("Tệp không phải sổ tính Excel (.xlsx).");
        var shared = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var result = new List<(string, Dictionary<string, (string?, string?)>)>();
        foreach (var sheet in workbookPart.Workbook.Descendants<Sheet>())
        {
            var part = (WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!);
            var cells = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
            foreach (var cell in part.Worksheet.Descendants<Cell>())
            {
                string? value = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText
                    : cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var index) && index < shared.Count ? shared[index]
                    : cell.CellValue?.Text;
                cells[cell.CellReference?.Value ?? ""] = (value, cell.CellFormula?.Text);
            }
            result.Add((sheet.Name?.Value ?? "", cells));
        }
        return result;
    }
}
