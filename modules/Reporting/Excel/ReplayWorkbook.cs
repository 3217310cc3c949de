using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DoanPlatform.Reporting.Contracts;
using DoanPlatform.Reporting.ReadModels;

namespace DoanPlatform.Reporting.Excel;

/// <summary>
/// A unit's history as .xlsx: one sheet "Lịch sử", a title row naming the unit, a frozen header with an autofilter, dates as
/// real dates shown dd/MM/yyyy. The rows go through <see cref="OpenXmlWriter"/>, so a long history never sits in memory as a DOM.
/// </summary>
internal static class ReplayWorkbook
{
    public const string SheetName = "Lịch sử";

    private static readonly string[] Headers = ["Ngày hiệu lực", "Thời điểm ghi", "Người thực hiện", "Quyết định", "Nội dung thay đổi", "Lý do"];
    private static readonly double[] Widths = [14, 18, 26, 20, 90, 40];
    private const int HeaderRow = 2;

    // Cell formats, in the stylesheet's order.
    private const uint DateStyle = 1, TimeStyle = 2, HeaderStyle = 3, TitleStyle = 4, TextStyle = 5;

    public static void Write(UnitReplay replay, Stream output)
    {
        ArgumentNullException.ThrowIfNull(replay);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        var lastRow = HeaderRow + replay.Entries.Count;
        var filter = $"A{HeaderRow}:F{lastRow}";

        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = HeaderRow, TopLeftCell = $"A{HeaderRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{HeaderRow + 1}", SequenceOfReferences = new() { InnerText = $"A{HeaderRow + 1}" } })
            { WorkbookViewId = 0 }));
            writer.WriteElement(new DocumentFormat.OpenXml.Spreadsheet.Columns(Widths.Select((width, i) => new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true })));
            writer.WriteStartElement(new SheetData());

            WriteRow(writer, 1, [TextCell("A1", Title(replay), TitleStyle)]);
            WriteRow(writer, HeaderRow, Headers.Select((h, i) => TextCell(Reference(i, HeaderRow), h, HeaderStyle)));
            var row = (uint)HeaderRow;
            foreach (var entry in replay.Entries)
            {
                row++;
                WriteRow(writer, row,
                [
                    entry.EffectiveDate is { } effective ? DateCell(Reference(0, row), effective.ToDateTime(TimeOnly.MinValue), DateStyle) : null,
                    DateCell(Reference(1, row), entry.RecordedAt.ToOffset(UnitTimelineProjection.Vietnam).DateTime, TimeStyle),
                    TextCell(Reference(2, row), entry.Actor, TextStyle),
                    entry.Decision is { } decision ? TextCell(Reference(3, row), decision, TextStyle) : null,
                    TextCell(Reference(4, row), entry.Text, TextStyle),
                    entry.Reason is { } reason ? TextCell(Reference(5, row), reason, TextStyle) : null,
                ]);
            }

            writer.WriteEndElement();
            writer.WriteElement(new AutoFilter { Reference = filter });
            writer.WriteElement(new MergeCells(new MergeCell { Reference = "A1:F1" }) { Count = 1 });
            writer.WriteEndElement();
        }

        workbookPart.Workbook = new Workbook(
            new Sheets(new Sheet { Name = SheetName, SheetId = 1, Id = workbookPart.GetIdOfPart(sheetPart) }),
            new DefinedNames(new DefinedName($"'{SheetName}'!$A${HeaderRow}:$F${lastRow}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true }));
    }

    /// <summary>"Lịch sử Chi đoàn … (mã X) năm 2024.xlsx": Vietnamese kept, only characters no file system accepts replaced.</summary>
    public static string FileName(UnitReplay replay)
    {
        ArgumentNullException.ThrowIfNull(replay);
        var name = $"Lịch sử {replay.Name} ({replay.Code}){(replay.Year is { } year ? $" năm {year}" : "")}";
        return new string([.. name.Select(c => "/\\:*?\"<>|".Contains(c, StringComparison.Ordinal) || char.IsControl(c) ? '-' : c)]) + ".xlsx";
    }

    private static string Title(UnitReplay replay) =>
        $"LỊCH SỬ THAY ĐỔI: {replay.Name} (mã {replay.Code}) – {(replay.Year is { } year ? $"năm {year}" : "toàn bộ")}";

    private static void WriteRow(OpenXmlWriter writer, uint index, IEnumerable<Cell?> cells)
    {
        writer.WriteStartElement(new Row { RowIndex = index });
        foreach (var cell in cells.OfType<Cell>())
            writer.WriteElement(cell);
        writer.WriteEndElement();
    }

    private static Cell TextCell(string reference, string text, uint style) => new(new InlineString(new Text(Printable(text))))
    {
        CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style,
    };

    private static Cell DateCell(string reference, DateTime value, uint style) => new(new CellValue(value.ToOADate().ToString(CultureInfo.InvariantCulture)))
    {
        CellReference = reference, StyleIndex = style,
    };

    private static string Reference(int column, uint row) => $"{(char)('A' + column)}{row}";

    // XML 1.0 forbids most control characters, and a cell holds at most 32,767 characters.
    private static string Printable(string text)
    {
        var clean = new StringBuilder(Math.Min(text.Length, 32767));
        foreach (var c in text.Where(c => !char.IsControl(c) || c is '\n' or '\t').Take(32767))
            clean.Append(c);
        return clean.ToString();
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "dd/mm/yyyy hh:mm" })
        { Count = 2 },
        new Fonts(new Font(), new Font(new Bold()), new Font(new Bold(), new FontSize { Val = 14 })) { Count = 3 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat(Top()) { NumberFormatId = 164, ApplyNumberFormat = true, ApplyAlignment = true },
            new CellFormat(Top()) { NumberFormatId = 165, ApplyNumberFormat = true, ApplyAlignment = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center }) { FontId = 1, ApplyFont = true, ApplyAlignment = true },
            new CellFormat { FontId = 2, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true })
        { Count = 6 });

    private static Alignment Top() => new() { Vertical = VerticalAlignmentValues.Top };
}
