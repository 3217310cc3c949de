using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DoanPlatform.Organisation.Contracts.Documents;

/// <summary>
/// The layout every workbook the union hands on shares (the yearly review, the rankings): its cell formats (indexes into cellXfs: titles,
/// a bold wrapped header, bordered data that wraps, dates, bold totals, the centred lines of a signature block), widths fitted to the
/// content, row heights for wrapped text, and the print setup (A4 landscape fitted to the page width, title rows, a page-number footer).
/// </summary>
public static class SheetLayout
{
    /// <summary>Plain text, no border.</summary>
    public const uint Default = 0;
    /// <summary>The first title row: 14 pt bold.</summary>
    public const uint Title = 1;
    /// <summary>The second title row: 12 pt bold.</summary>
    public const uint Subtitle = 2;
    /// <summary>A column header: bold, centred, wrapped, shaded, bordered.</summary>
    public const uint Header = 3;
    /// <summary>Bordered text, wrapped, top-aligned.</summary>
    public const uint Text = 4;
    /// <summary>Bordered long text, wrapped, top-aligned.</summary>
    public const uint LongText = 5;
    /// <summary>A whole number, #,##0.</summary>
    public const uint Integer = 6;
    /// <summary>A decimal, #,##0.00.</summary>
    public const uint Decimal = 7;
    /// <summary>A date, dd/mm/yyyy.</summary>
    public const uint Date = 8;
    /// <summary>A totals row's label: bold, bordered.</summary>
    public const uint TotalLabel = 9;
    /// <summary>A totals row's whole number.</summary>
    public const uint TotalInteger = 10;
    /// <summary>A totals row's decimal.</summary>
    public const uint TotalDecimal = 11;
    /// <summary>A date and time, dd/mm/yyyy hh:mm.</summary>
    public const uint DateTime = 12;
    /// <summary>Centred bold text, no border (signature block, "ĐOÀN TNCS HỒ CHÍ MINH").</summary>
    public const uint CentredBold = 13;
    /// <summary>Centred italic text, no border (place and date).</summary>
    public const uint CentredItalic = 14;
    /// <summary>Centred plain text, no border.</summary>
    public const uint Centred = 15;
    /// <summary>Italic text, no border (a note under a title).</summary>
    public const uint Note = 16;

    /// <summary>The row of the column headers: two title rows, a blank one, then the header.</summary>
    public const int HeaderRow = 4;

    /// <summary>The height of one line of 11 pt text, in points.</summary>
    public const double LineHeight = 15;

    private const double Space = 0.5;

    private const uint DateFormat = 164;
    private const uint DateTimeFormat = 165;
    private const uint IntegerFormat = 3; // #,##0
    private const uint DecimalFormat = 4; // #,##0.00

    /// <summary>The workbook's styles part.</summary>
    public static Stylesheet Create()
    {
        static Font Font(double size, bool bold, bool italic = false)
        {
            var font = new Font();
            if (bold)
                font.Append(new Bold());
            if (italic)
                font.Append(new Italic());
            font.Append(new FontSize { Val = size }, new FontName { Val = "Times New Roman" });
            return font;
        }
        static BorderPropertiesType Thin<T>() where T : BorderPropertiesType, new() => new T { Style = BorderStyleValues.Thin, Color = new Color { Auto = true } };
        static CellFormat Format(uint font, uint border, uint numberFormat = 0, uint fill = 0, Alignment? alignment = null)
        {
            var format = new CellFormat
            {
                FontId = font, BorderId = border, FillId = fill, NumberFormatId = numberFormat, FormatId = 0,
                ApplyFont = font != 0, ApplyBorder = border != 0, ApplyFill = fill != 0, ApplyNumberFormat = numberFormat != 0, ApplyAlignment = alignment is not null,
            };
            if (alignment is not null)
                format.Append(alignment);
            return format;
        }
        static Alignment Top(bool wrap = false) => new() { Vertical = VerticalAlignmentValues.Top, WrapText = wrap };
        static Alignment Centre() => new() { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Top };

        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = DateFormat, FormatCode = "dd/mm/yyyy" },
                new NumberingFormat { NumberFormatId = DateTimeFormat, FormatCode = "dd/mm/yyyy hh:mm" })
            { Count = 2 },
            new Fonts(Font(11, false), Font(14, true), Font(12, true), Font(11, true), Font(11, false, italic: true)) { Count = 5 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
            { Count = 3 },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(Thin<LeftBorder>(), Thin<RightBorder>(), Thin<TopBorder>(), Thin<BottomBorder>(), new DiagonalBorder()))
            { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                Format(0, 0),
                Format(1, 0),
                Format(2, 0),
                Format(3, 1, fill: 2, alignment: new Alignment
                {
                    Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true,
                }),
                Format(0, 1, alignment: Top(wrap: true)),
                Format(0, 1, alignment: Top(wrap: true)),
                Format(0, 1, IntegerFormat, alignment: Top()),
                Format(0, 1, DecimalFormat, alignment: Top()),
                Format(0, 1, DateFormat, alignment: new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Top }),
                Format(3, 1),
                Format(3, 1, IntegerFormat),
                Format(3, 1, DecimalFormat),
                Format(0, 1, DateTimeFormat, alignment: Top()),
                Format(3, 0, alignment: Centre()),
                Format(4, 0, alignment: Centre()),
                Format(0, 0, alignment: Centre()),
                Format(4, 0))
            { Count = 17 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    /// <summary>
    /// A column's width (in Excel's character units) fitted to its content: wide enough for the longest value and for the header's longest
    /// word (the header wraps between words), never under <paramref name="min"/>, never over <paramref name="max"/> (longer values wrap).
    /// </summary>
    public static double FitWidth(string header, IEnumerable<string?> values, double min = 6, double max = 50)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(values);
        var longestWord = header.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => Measure(w) * 1.1).DefaultIfEmpty(0).Max();
        var longestValue = values.Select(v => (v ?? "").Split('\n').Select(Measure).DefaultIfEmpty(0).Max()).DefaultIfEmpty(0).Max();
        return Math.Round(Math.Clamp(Math.Max(longestWord, longestValue) + 2, min, max), 1);
    }

    /// <summary>How many lines <paramref name="text"/> takes in a column <paramref name="width"/> characters wide, wrapping between words.</summary>
    public static int Lines(string? text, double width)
    {
        if (string.IsNullOrEmpty(text))
            return 1;
        var room = Math.Max(1, width - 1);
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            lines++;
            var used = 0.0;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var length = Measure(word);
                if (used > 0 && used + Space + length > room)
                {
                    lines++;
                    used = 0;
                }
                used = used == 0 ? length : used + Space + length;
                // A word longer than the column breaks where Excel breaks it.
                while (used > room)
                {
                    lines++;
                    used -= room;
                }
            }
        }
        return lines;
    }

    /// <summary>The height (points) of a row whose tallest cell takes <paramref name="lines"/> lines; null for one line (the default height).</summary>
    public static double? RowHeight(int lines, double lineHeight = LineHeight) => lines <= 1 ? null : Math.Ceiling(lines * lineHeight + 3);

    /// <summary>The header row's height: room for the column header that wraps into the most lines.</summary>
    public static double HeaderHeight(IEnumerable<(string Header, double Width)> columns) =>
        RowHeight(columns.Select(c => Lines(c.Header, c.Width * 0.92)).DefaultIfEmpty(1).Max()) ?? LineHeight + 3;

    /// <summary>The panes frozen under the header row, the first data cell selected.</summary>
    public static SheetViews FrozenHeader(bool selected)
    {
        var first = $"A{HeaderRow + 1}";
        return new SheetViews(new SheetView(
            new Pane { VerticalSplit = HeaderRow, TopLeftCell = first, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = first, SequenceOfReferences = new ListValue<StringValue>([new(first)]) })
        { WorkbookViewId = 0, TabSelected = selected });
    }

    /// <summary>The columns, each with its width in characters.</summary>
    public static Columns Widths(IEnumerable<double> widths) =>
        new(widths.Select((width, i) => new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true }));

    /// <summary>The workbook's names for a sheet: its hidden filter range (absolute, e.g. <c>$A$4:$W$9</c>) and its print titles (the header row).</summary>
    public static IEnumerable<DefinedName> SheetNames(string sheet, uint index, string filterRange)
    {
        var quoted = $"'{sheet.Replace("'", "''", StringComparison.Ordinal)}'";
        yield return new DefinedName($"{quoted}!{filterRange}") { Name = "_xlnm._FilterDatabase", LocalSheetId = index, Hidden = true };
        yield return new DefinedName($"{quoted}!${HeaderRow}:${HeaderRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = index };
    }

    /// <summary>Margins of a printed sheet, in inches.</summary>
    public static PageMargins Margins() => new() { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 };

    /// <summary>A4 landscape, fitted to one page wide and as many pages tall as it takes.</summary>
    public static PageSetup A4LandscapeFittedToWidth() => new() { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 };

    /// <summary>The footer "page / pages", centred.</summary>
    public static HeaderFooter PageNumbers() => new(new OddFooter("&C&P/&N"));

    /// <summary>Text width in Excel's unit (the default font's digit): capitals wider, i, l, t, spaces and punctuation narrower.</summary>
    private static double Measure(string text)
    {
        var width = 0.0;
        foreach (var c in text)
            width += c switch
            {
                'i' or 'l' or 'j' or 't' or 'f' or 'r' or 'I' or 'í' or 'ì' or 'ỉ' or 'ĩ' or 'ị' or '.' or ',' or ':' or ';' or '(' or ')' or ' ' => 0.6,
                'm' or 'w' or 'M' or 'W' => 1.5,
                _ when char.IsUpper(c) => 1.3,
                _ => 1.0,
            };
        return width;
    }
}
