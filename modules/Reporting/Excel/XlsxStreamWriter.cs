using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DoanPlatform.Reporting.Excel;

/// <summary>
/// Writes an .xlsx front to back onto any writable stream, non-seekable ones included (an HTTP response): the package is a zip in
/// create mode and every XML part goes through <see cref="OpenXmlWriter"/>, so memory stays flat however many rows a sheet has.
/// (The SDK's own <c>SpreadsheetDocument</c> needs a readable, seekable package and keeps every part in memory until it closes.)
/// Strings are inline: no shared-string table to hold in memory.
/// </summary>
internal sealed class XlsxStreamWriter(Stream output) : IDisposable
{
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    internal static readonly Encoding NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly ZipArchive _zip = new(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8);
    private readonly List<SheetWriter> _sheets = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts the next sheet (the previous one must be completed): title rows, header row, frozen below it.</summary>
    public SheetWriter AddSheet(string name, string title, string subtitle, IReadOnlyList<Column> columns)
    {
        if (_sheets.Count > 0 && !_sheets[^1].Completed)
            throw new InvalidOperationException($"Sheet '{_sheets[^1].Name}' is still being written.");
        var entry = _zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count + 1}.xml", CompressionLevel.Fastest);
        var sheet = new SheetWriter(entry.Open(), SheetName(name, _names), title, subtitle, columns, selected: _sheets.Count == 0);
        _sheets.Add(sheet);
        return sheet;
    }

    /// <summary>Writes the workbook, styles, relationships and content types, and closes the zip (the stream stays open).</summary>
    public void Complete()
    {
        if (_sheets.Count == 0 || !_sheets[^1].Completed)
            throw new InvalidOperationException("Every sheet must be completed, and there must be one.");
        WriteElement("xl/styles.xml", Styles.Create());
        WriteElement("xl/workbook.xml", BuildWorkbook());
        WriteText("xl/_rels/workbook.xml.rels", Relationships(
            _sheets.Select((_, i) => ($"rId{i + 1}", "worksheet", $"worksheets/sheet{i + 1}.xml"))
                .Append(($"rId{_sheets.Count + 1}", "styles", "styles.xml"))));
        WriteText("_rels/.rels", Relationships([("rId1", "officeDocument", "xl/workbook.xml")]));
        var types = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""")
            .Append("""<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>""")
            .Append("""<Default Extension="xml" ContentType="application/xml"/>""")
            .Append("""<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""")
            .Append("""<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
        for (var i = 1; i <= _sheets.Count; i++)
            types.Append(CultureInfo.InvariantCulture,
                $"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        WriteText("[Content_Types].xml", types.Append("</Types>").ToString());
        _zip.Dispose();
    }

    public void Dispose()
    {
        foreach (var sheet in _sheets)
            sheet.Dispose();
        _zip.Dispose();
    }

    /// <summary>The sheets with, per sheet, the hidden filter range and the print titles (the header row on every printed page).</summary>
    private Workbook BuildWorkbook()
    {
        var workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0 }));
        workbook.AddNamespaceDeclaration("r", RelNs);
        workbook.Append(new Sheets(_sheets.Select((s, i) => new Sheet { Name = s.Name, SheetId = (uint)(i + 1), Id = $"rId{i + 1}" })));
        var names = new DefinedNames();
        for (var i = 0; i < _sheets.Count; i++)
        {
            var s = _sheets[i];
            var quoted = $"'{s.Name.Replace("'", "''", StringComparison.Ordinal)}'";
            names.Append(new DefinedName($"{quoted}!{s.FilterRange.Absolute}") { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
            names.Append(new DefinedName($"{quoted}!${SheetWriter.HeaderRow}:${SheetWriter.HeaderRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
        }
        workbook.Append(names);
        return workbook;
    }

    private void WriteElement(string path, OpenXmlElement element)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(stream, NoBom);
        writer.WriteStartDocument(true);
        writer.WriteElement(element);
    }

    private void WriteText(string path, string xml)
    {
        using var stream = new StreamWriter(_zip.CreateEntry(path, CompressionLevel.Fastest).Open(), NoBom);
        stream.Write(xml);
    }

    private static string Relationships(IEnumerable<(string Id, string Type, string Target)> relationships)
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
        foreach (var (id, type, target) in relationships)
            xml.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="{id}" Type="{RelNs}/{type}" Target="{SecurityElement.Escape(target)}"/>""");
        return xml.Append("</Relationships>").ToString();
    }

    /// <summary>A valid sheet name: at most 31 characters, none of []:*?/\, not starting or ending with ', unique; Vietnamese kept intact.</summary>
    public static string SheetName(string name, ISet<string> taken)
    {
        var clean = new string([.. name.Normalize(NormalizationForm.FormC).Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '-' : c)]).Trim().Trim('\'');
        clean = clean.Length == 0 ? "Trang" : clean[..Math.Min(31, clean.Length)].TrimEnd();
        var candidate = clean;
        for (var i = 2; !taken.Add(candidate); i++)
            candidate = $"{clean[..Math.Min(26, clean.Length)].TrimEnd()} ({i})";
        return candidate;
    }
}

/// <summary>How a column's cells look: text (long text wraps), whole numbers, decimals, dates shown dd/MM/yyyy, times dd/MM/yyyy hh:mm.</summary>
internal enum ColumnKind { Text, LongText, Integer, Decimal, Date, DateTime }

/// <summary>A column: its header, width in characters, kind.</summary>
internal sealed record Column(string Header, double Width, ColumnKind Kind = ColumnKind.Text);

/// <summary>A cell of a totals row: a formula and the value we computed, cached in the cell so a reader that does not recalculate shows ours.</summary>
internal readonly record struct TotalCell(int Column, string Formula, decimal Cached, bool Integer = true);

/// <summary>A cell range in A1 notation.</summary>
internal readonly record struct CellRange(int FirstColumn, int FirstRow, int LastColumn, int LastRow)
{
    public override string ToString() => $"{SheetWriter.Letters(FirstColumn)}{FirstRow}:{SheetWriter.Letters(LastColumn)}{LastRow}";

    public string Absolute => $"${SheetWriter.Letters(FirstColumn)}${FirstRow}:${SheetWriter.Letters(LastColumn)}${LastRow}";
}

/// <summary>
/// One worksheet, written row by row: two title rows (issuing unit, what and which year), the header on row 4, frozen panes below it,
/// data rows, then totals rows; an auto-filter over header and data; A4 landscape, fitted to the page width.
/// </summary>
internal sealed class SheetWriter : IDisposable
{
    public const int HeaderRow = 4;
    public const int FirstDataRow = HeaderRow + 1;

    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);
    private readonly Stream _stream;
    private readonly OpenXmlWriter _writer;
    private readonly IReadOnlyList<Column> _columns;
    private readonly string[] _letters;
    private readonly Row _row = new();
    private readonly Cell _cell = new();
    private readonly CellValue _value = new();
    private readonly CellFormula _formula = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();
    private string _rowNumber = "";
    private int _column = -1;
    private int? _lastDataRow;

    public SheetWriter(Stream stream, string name, string title, string subtitle, IReadOnlyList<Column> columns, bool selected)
    {
        (_stream, Name, _columns) = (stream, name, columns);
        _letters = [.. Enumerable.Range(0, columns.Count).Select(Letters)];
        _writer = OpenXmlWriter.Create(stream, XlsxStreamWriter.NoBom);
        _writer.WriteStartDocument(true);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        _writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = HeaderRow, TopLeftCell = $"A{FirstDataRow}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{FirstDataRow}", SequenceOfReferences = new ListValue<StringValue>([new($"A{FirstDataRow}")]) })
        { WorkbookViewId = 0, TabSelected = selected }));
        _writer.WriteElement(new Columns(columns.Select((c, i) => new DocumentFormat.OpenXml.Spreadsheet.Column
        {
            Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.Width, CustomWidth = true,
        })));
        _writer.WriteStartElement(new SheetData());

        StartRow(1);
        Write(title, Styles.Title);
        EndRow();
        StartRow(2);
        Write(subtitle, Styles.Subtitle);
        EndRow();
        StartRow(HeaderRow);
        foreach (var column in columns)
            Write(column.Header, Styles.Header);
        EndRow();
        RowNumber = HeaderRow;
    }

    public string Name { get; }

    public bool Completed { get; private set; }

    /// <summary>The last row written.</summary>
    public int RowNumber { get; private set; }

    public int DataRows => (_lastDataRow ?? RowNumber) - HeaderRow;

    /// <summary>The auto-filter's range: header and data rows, every column.</summary>
    public CellRange FilterRange => new(0, HeaderRow, _columns.Count - 1, _lastDataRow ?? RowNumber);

    /// <summary>The data cells of one column (call after the last data row).</summary>
    public CellRange Data(int column) => new(column, FirstDataRow, column, Math.Max(FirstDataRow, _lastDataRow ?? RowNumber));

    public static string Letters(int column)
    {
        var name = "";
        for (var i = column + 1; i > 0; i = (i - 1) / 26)
            name = (char)('A' + (i - 1) % 26) + name;
        return name;
    }

    public void StartRow()
    {
        if (_lastDataRow is not null)
            throw new InvalidOperationException("Data rows come before totals rows.");
        StartRow(RowNumber + 1);
    }

    public void Text(string? value) => Write(value, _columns[_column + 1].Kind == ColumnKind.LongText ? Styles.LongText : Styles.Text);

    public void Number(decimal? value) => Write(value, _columns[_column + 1].Kind == ColumnKind.Integer ? Styles.Integer : Styles.Decimal);

    public void Number(int? value) => Number((decimal?)value);

    public void Date(DateOnly? value) => Write(value is { } d ? d.DayNumber - ExcelEpoch.DayNumber : null, Styles.Date);

    /// <summary>A wall-clock time, as Excel's day number with the time of day as its fraction (to the second).</summary>
    public void DateTime(DateTime? value) =>
        Write(value is { } t ? DateOnly.FromDateTime(t).DayNumber - ExcelEpoch.DayNumber + Math.Round((int)t.TimeOfDay.TotalSeconds / 86400m, 10) : null, Styles.DateTime);

    public void EndRow()
    {
        _writer.WriteEndElement();
        _column = -1;
    }

    /// <summary>A totals row after the data: a label, then formulas (with our value cached) in the given columns.</summary>
    public void TotalRow(string label, int labelColumn, params TotalCell[] cells)
    {
        _lastDataRow ??= RowNumber;
        StartRow(RowNumber + 1);
        foreach (var column in Enumerable.Range(0, _columns.Count))
        {
            if (column == labelColumn)
                Write(label, Styles.TotalLabel);
            else if (cells.FirstOrDefault(c => c.Column == column) is { Formula: not null } cell)
                Write(cell, cell.Integer ? Styles.TotalInteger : Styles.TotalDecimal);
            else
                Write(null, Styles.TotalLabel);
        }
        EndRow();
    }

    /// <summary>A line of plain text under the data (e.g. that there is none).</summary>
    public void Note(string text)
    {
        _lastDataRow ??= RowNumber;
        StartRow(RowNumber + 2);
        Write(text, Styles.Default);
        EndRow();
    }

    public void Complete()
    {
        _lastDataRow ??= RowNumber;
        _writer.WriteEndElement(); // sheetData
        _writer.WriteElement(new AutoFilter { Reference = FilterRange.ToString() });
        _writer.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        _writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        _writer.WriteElement(new HeaderFooter(new OddFooter("&C&P/&N")));
        _writer.WriteEndElement(); // worksheet
        _writer.Close();
        _stream.Dispose();
        Completed = true;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }

    private void StartRow(int number)
    {
        RowNumber = number;
        _rowNumber = number.ToString(CultureInfo.InvariantCulture);
        _writer.WriteStartElement(_row, [new OpenXmlAttribute("r", null!, _rowNumber)]);
    }

    private void Write(object? value, uint style)
    {
        _column++;
        var reference = _letters[_column] + _rowNumber;
        var styleText = style.ToString(CultureInfo.InvariantCulture);
        switch (value)
        {
            case null:
                _writer.WriteStartElement(_cell, [new("r", null!, reference), new("s", null!, styleText)]);
                break;
            case string text:
                _writer.WriteStartElement(_cell, [new("r", null!, reference), new("s", null!, styleText), new("t", null!, "inlineStr")]);
                _writer.WriteStartElement(_inline);
                var clean = Clean(text);
                if (clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1])))
                    _writer.WriteStartElement(_text, [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")]);
                else
                    _writer.WriteStartElement(_text);
                _writer.WriteString(clean);
                _writer.WriteEndElement();
                _writer.WriteEndElement();
                break;
            case TotalCell total:
                _writer.WriteStartElement(_cell, [new("r", null!, reference), new("s", null!, styleText)]);
                _writer.WriteStartElement(_formula);
                _writer.WriteString(total.Formula);
                _writer.WriteEndElement();
                WriteValue(total.Cached.ToString(CultureInfo.InvariantCulture));
                break;
            case decimal number:
                _writer.WriteStartElement(_cell, [new("r", null!, reference), new("s", null!, styleText)]);
                WriteValue(number.ToString(CultureInfo.InvariantCulture));
                break;
            case int number:
                _writer.WriteStartElement(_cell, [new("r", null!, reference), new("s", null!, styleText)]);
                WriteValue(number.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                throw new ArgumentException($"Cannot write a {value.GetType().Name} to a cell.", nameof(value));
        }
        _writer.WriteEndElement();
    }

    private void WriteValue(string text)
    {
        _writer.WriteStartElement(_value);
        _writer.WriteString(text);
        _writer.WriteEndElement();
    }

    /// <summary>Text as a cell can hold it: no characters XML forbids, at most Excel's 32,767.</summary>
    private static string Clean(string text)
    {
        if (text.Length > 32767)
            text = text[..32767];
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (!pair && !XmlConvert.IsXmlChar(text[i]))
                (clean ??= new StringBuilder(text[..i])).Append(' ');
            else
                clean?.Append(pair ? text.AsSpan(i, 2) : text.AsSpan(i, 1));
            if (pair)
                i++;
        }
        return clean?.ToString() ?? text;
    }
}
