using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DoanPlatform.Reporting.Excel;

/// <summary>The workbook's cell formats (indexes into cellXfs): titles, a bold wrapped header, bordered data (dates, times), bold totals.</summary>
internal static class Styles
{
    public const uint Default = 0;
    public const uint Title = 1;
    public const uint Subtitle = 2;
    public const uint Header = 3;
    public const uint Text = 4;
    public const uint LongText = 5;
    public const uint Integer = 6;
    public const uint Decimal = 7;
    public const uint Date = 8;
    public const uint TotalLabel = 9;
    public const uint TotalInteger = 10;
    public const uint TotalDecimal = 11;
    public const uint DateTime = 12;

    private const uint DateFormat = 164;
    private const uint DateTimeFormat = 165;
    private const uint IntegerFormat = 3; // #,##0
    private const uint DecimalFormat = 4; // #,##0.00

    public static Stylesheet Create()
    {
        static Font Font(double size, bool bold) =>
            bold ? new Font(new Bold(), new FontSize { Val = size }, new FontName { Val = "Times New Roman" })
                 : new Font(new FontSize { Val = size }, new FontName { Val = "Times New Roman" });
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

        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = DateFormat, FormatCode = "dd/mm/yyyy" },
                new NumberingFormat { NumberFormatId = DateTimeFormat, FormatCode = "dd/mm/yyyy hh:mm" })
            { Count = 2 },
            new Fonts(Font(11, false), Font(14, true), Font(12, true), Font(11, true)) { Count = 4 },
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
                Format(0, 1, alignment: Top()),
                Format(0, 1, alignment: Top(wrap: true)),
                Format(0, 1, IntegerFormat, alignment: Top()),
                Format(0, 1, DecimalFormat, alignment: Top()),
                Format(0, 1, DateFormat, alignment: new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Top }),
                Format(3, 1),
                Format(3, 1, IntegerFormat),
                Format(3, 1, DecimalFormat),
                Format(0, 1, DateTimeFormat, alignment: Top()))
            { Count = 13 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
