using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using DoanPlatform.Organisation.Contracts.Documents;

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

    /// <summary>
    /// Starts the next sheet (the previous one must be completed): title rows, header row, frozen below it. A cover adds the union's name
    /// at the top right and a note (e.g. the date of export) on the third row.
    /// </summary>
    public SheetWriter AddSheet(string name, string title, string subtitle, IReadOnlyList<Column> columns, SheetCover? cover = null)
    {
        if (_sheets.Count > 0 && !_sheets[^1].Completed)
            throw new InvalidOperationException($"Sheet '{_sheets[^1].Name}' is still being written.");
        var entry = _zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count + 1}.xml", CompressionLevel.Fastest);
        var sheet = new SheetWriter(entry.Open(), SheetName(name, _names), title, subtitle, columns, cover, selected: _sheets.Count == 0);
        _sheets.Add(sheet);
        return sheet;
    }

    /// <summary>Writes the workbook, styles, relationships and content types, and closes the zip (the stream stays open).</summary>
    public void Complete()
    {
        if (_sheets.Count == 0 || !_sheets[^1].Completed)
            throw new InvalidOperationException("Every sheet must be completed, and there must be one.");
        WriteElement("xl/styles.xml", SheetLayout.Create());
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
            names.Append(SheetLayout.SheetNames(_sheets[i].Name, (uint)i, _sheets[i].FilterRange.Absolute));
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
internal sealed record Column(string Header, double Width, ColumnKind Kind = ColumnKind.Text)
{
    /// <summary>A column as wide as its content (<see cref="SheetLayout.FitWidth"/>): the values it will hold, or a sample of them.</summary>
    public static Column Fit(string header, IEnumerable<string?> values, ColumnKind kind = ColumnKind.Text, double min = 6, double max = 50) =>
        new(header, SheetLayout.FitWidth(header, values, min, max), kind);
}

/// <summary>The extra lines of a sheet that opens a workbook: the union's name at the top right, a note on the third row.</summary>
internal sealed record SheetCover(string Corner, string Note);

/// <summary>
/// The signature block under a sheet's data: on the left who drew it up, on the right the place and date, on whose behalf, the title
/// and, after room to sign, the signer (empty to sign by hand).
/// </summary>
internal sealed record SheetSignature(string Preparer, string PlaceAndDate, string Authority, string Title, string Signer);

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
/// data rows, then totals rows; an auto-filter over header and data; A4 landscape, fitted to the page width. A row's cells are held until
/// the row ends, so the row can take the height its wrapped text needs (no spreadsheet program sizes rows of a file when it opens it).
/// </summary>
internal sealed class SheetWriter : IDisposable
{
    public const int HeaderRow = SheetLayout.HeaderRow;
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
    private readonly List<(int Column, object? Value, uint Style)> _pending = [];
    private readonly List<CellRange> _merges = [];
    private string _rowNumber = "";
    private double? _rowHeight;
    private int _column = -1;
    private int? _lastDataRow;

    public SheetWriter(Stream stream, string name, string title, string subtitle, IReadOnlyList<Column> columns, SheetCover? cover, bool selected)
    {
        (_stream, Name, _columns) = (stream, name, columns);
        _letters = [.. Enumerable.Range(0, columns.Count).Select(Letters)];
        _writer = OpenXmlWriter.Create(stream, XlsxStreamWriter.NoBom);
        _writer.WriteStartDocument(true);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        _writer.WriteElement(SheetLayout.FrozenHeader(selected));
        _writer.WriteElement(SheetLayout.Widths(columns.Select(c => c.Width)));
        _writer.WriteStartElement(new SheetData());

        StartRow(1, height: 20);
        Write(title, SheetLayout.Title);
        if (cover is not null && columns.Count > 1)
        {
            var corner = CornerColumns();
            Put(corner.FirstColumn, cover.Corner, SheetLayout.CentredBold);
            _merges.Add(corner with { FirstRow = 1, LastRow = 1 });
        }
        EndRow();
        StartRow(2, height: 18);
        Write(subtitle, SheetLayout.Subtitle);
        EndRow();
        if (cover is not null)
        {
            StartRow(3);
            Write(cover.Note, SheetLayout.Note);
            EndRow();
        }
        StartRow(HeaderRow, SheetLayout.HeaderHeight(columns.Select(c => (c.Header, c.Width))));
        foreach (var column in columns)
            Write(column.Header, SheetLayout.Header);
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

    public void Text(string? value) => Write(value, _columns[_column + 1].Kind == ColumnKind.LongText ? SheetLayout.LongText : SheetLayout.Text);

    public void Number(decimal? value) => Write(value, _columns[_column + 1].Kind == ColumnKind.Integer ? SheetLayout.Integer : SheetLayout.Decimal);

    public void Number(int? value) => Number((decimal?)value);

    public void Date(DateOnly? value) => Write(value is { } d ? d.DayNumber - ExcelEpoch.DayNumber : null, SheetLayout.Date);

    /// <summary>A wall-clock time, as Excel's day number with the time of day as its fraction (to the second).</summary>
    public void DateTime(DateTime? value) =>
        Write(value is { } t ? DateOnly.FromDateTime(t).DayNumber - ExcelEpoch.DayNumber + Math.Round((int)t.TimeOfDay.TotalSeconds / 86400m, 10) : null, SheetLayout.DateTime);

    /// <summary>Ends the row: writes it with the height its tallest wrapped cell needs, then its cells.</summary>
    public void EndRow()
    {
        var lines = 1;
        foreach (var (column, value, style) in _pending)
        {
            if (value is string text && style is SheetLayout.Text or SheetLayout.LongText)
                lines = Math.Max(lines, SheetLayout.Lines(Clean(text), _columns[column].Width));
        }
        var height = _rowHeight ?? SheetLayout.RowHeight(lines);
        if (height is { } points)
            _writer.WriteStartElement(_row, [new("r", null!, _rowNumber), new("ht", null!, points.ToString(CultureInfo.InvariantCulture)),
                new("customHeight", null!, "1")]);
        else
            _writer.WriteStartElement(_row, [new OpenXmlAttribute("r", null!, _rowNumber)]);
        foreach (var (column, value, style) in _pending)
            WriteCell(column, value, style);
        _writer.WriteEndElement();
        _pending.Clear();
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
                Write(label, SheetLayout.TotalLabel);
            else if (cells.FirstOrDefault(c => c.Column == column) is { Formula: not null } cell)
                Write(cell, cell.Integer ? SheetLayout.TotalInteger : SheetLayout.TotalDecimal);
            else
                Write(null, SheetLayout.TotalLabel);
        }
        EndRow();
    }

    /// <summary>A line of plain text under the data (e.g. that there is none).</summary>
    public void Note(string text)
    {
        _lastDataRow ??= RowNumber;
        StartRow(RowNumber + 2);
        Write(text, SheetLayout.Default);
        EndRow();
    }

    /// <summary>
    /// The signature block after the data and totals: who drew the sheet up on the left, the place and date, the authority, the title, room to
    /// sign and the signer's name on the right, each line centred over the columns at the right edge (those that hold "ĐOÀN TNCS HỒ CHÍ MINH").
    /// </summary>
    public void Signature(SheetSignature signature)
    {
        _lastDataRow ??= RowNumber;
        var right = CornerColumns();
        var left = new CellRange(0, 0, Math.Min(2, Math.Max(0, right.FirstColumn - 1)), 0);
        (string? Left, uint LeftStyle, string? Right, uint RightStyle)[] lines =
        [
            (null, SheetLayout.Centred, signature.PlaceAndDate, SheetLayout.CentredItalic),
            (signature.Preparer, SheetLayout.CentredBold, signature.Authority, SheetLayout.CentredBold),
            (null, SheetLayout.Centred, signature.Title, SheetLayout.CentredBold),
            (null, SheetLayout.Centred, null, SheetLayout.Centred),
            (null, SheetLayout.Centred, null, SheetLayout.Centred),
            (null, SheetLayout.Centred, null, SheetLayout.Centred),
            (null, SheetLayout.Centred, signature.Signer, SheetLayout.CentredBold),
        ];
        var first = RowNumber + 2;
        foreach (var (line, (leftText, leftStyle, rightText, rightStyle)) in lines.Index())
        {
            StartRow(first + line);
            if (leftText is { Length: > 0 } && left.LastColumn < right.FirstColumn)
            {
                Put(left.FirstColumn, leftText, leftStyle);
                _merges.Add(left with { FirstRow = RowNumber, LastRow = RowNumber });
            }
            if (rightText is { Length: > 0 })
            {
                Put(right.FirstColumn, rightText, rightStyle);
                _merges.Add(right with { FirstRow = RowNumber, LastRow = RowNumber });
            }
            EndRow();
        }
    }

    public void Complete()
    {
        _lastDataRow ??= RowNumber;
        _writer.WriteEndElement(); // sheetData
        _writer.WriteElement(new AutoFilter { Reference = FilterRange.ToString() });
        if (_merges.Count > 0)
            _writer.WriteElement(new MergeCells(_merges.Where(m => m.LastColumn > m.FirstColumn).Select(m => new MergeCell { Reference = m.ToString() })));
        _writer.WriteElement(SheetLayout.Margins());
        _writer.WriteElement(SheetLayout.A4LandscapeFittedToWidth());
        _writer.WriteElement(SheetLayout.PageNumbers());
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

    /// <summary>The columns at the right edge a corner line is centred over: about a quarter of the sheet, at least 20 characters wide.</summary>
    private CellRange CornerColumns()
    {
        var first = _columns.Count - 1;
        for (var width = _columns[first].Width; first > 0 && (width < 24 || _columns.Count - first < Math.Min(3, _columns.Count - 1)); width += _columns[first].Width)
            first--;
        return new CellRange(first, 0, _columns.Count - 1, 0);
    }

    private void StartRow(int number, double? height = null)
    {
        RowNumber = number;
        _rowNumber = number.ToString(CultureInfo.InvariantCulture);
        _rowHeight = height;
        _pending.Clear();
        _column = -1;
    }

    private void Write(object? value, uint style) => _pending.Add((++_column, value, style));

    private void Put(int column, string text, uint style)
    {
        _column = column - 1;
        Write(text, style);
    }

    private void WriteCell(int column, object? value, uint style)
    {
        var reference = _letters[column] + _rowNumber;
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
