using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DoanPlatform.Organisation.Contracts.Documents;

/// <summary>The top of a union document: the bodies on the left, the number under them, the place and date on the right.</summary>
/// <param name="UpperBody">The body above the issuer (e.g. "TỈNH ĐOÀN BÀ RỊA – VŨNG TÀU"), empty when there is none.</param>
/// <param name="IssuingBody">The issuing body (e.g. "BCH ĐOÀN KHỐI DÂN – CHÍNH – ĐẢNG").</param>
/// <param name="NumberSymbol">The number and symbol, e.g. "12-TB/ĐTN".</param>
/// <param name="Place">Where it is issued, e.g. "Vũng Tàu".</param>
/// <param name="IssuedOn">When it is issued.</param>
public sealed record DocumentHeading(string UpperBody, string IssuingBody, string NumberSymbol, string Place, DateOnly IssuedOn);

/// <summary>Who signs: authority ("TM. BAN THƯỜNG VỤ", "TL. …", "KT. …"), title ("BÍ THƯ", may be empty), the signer's name.</summary>
/// <param name="Authority">On whose behalf.</param>
/// <param name="Title">The signer's title.</param>
/// <param name="Signer">The signer's name.</param>
public sealed record DocumentSignature(string Authority, string Title, string Signer);

/// <summary>How a run of text looks: size in half-points, bold, italic, underlined.</summary>
/// <param name="HalfPoints">Font size in half-points (28 is 14 pt).</param>
/// <param name="Bold">Bold.</param>
/// <param name="Italic">Italic.</param>
/// <param name="Underline">Underlined.</param>
public readonly record struct TextLook(int HalfPoints, bool Bold = false, bool Italic = false, bool Underline = false);

/// <summary>
/// The layout every document the union hands to the upper level shares (Hướng dẫn thể thức văn bản của Đoàn): A4, top and bottom margins
/// 2 cm, left 3 cm, right 2 cm, Times New Roman in Vietnamese; the header table with the issuing body, "***" and the number on the left and
/// "ĐOÀN TNCS HỒ CHÍ MINH" with the place and date on the right; the centred title; the recipients ("Nơi nhận:") beside the signature.
/// The meeting notice and the inspection conclusion are both written with it.
/// </summary>
public static class OfficialDocument
{
    /// <summary>The document's language.</summary>
    public const string Language = "vi-VN";

    /// <summary>The font of every run.</summary>
    public const string Font = "Times New Roman";

    /// <summary>A4 in twentieths of a point.</summary>
    public const int PageWidth = 11906, PageHeight = 16838;

    /// <summary>Margins in twentieths of a point: 2 cm top and bottom, 3 cm left, 2 cm right.</summary>
    public const int MarginTop = 1134, MarginBottom = 1134, MarginLeft = 1701, MarginRight = 1134;

    /// <summary>The width between the margins, which tables fill.</summary>
    public const int TextWidth = PageWidth - MarginLeft - MarginRight;

    /// <summary>The left column of the header table: the bodies, "***" and the number.</summary>
    public const int HeaderLeftWidth = 4500;

    /// <summary>The left column of the signature table: the recipients.</summary>
    public const int RecipientsWidth = 4300;

    // A cell's default left and right margins (0.19 cm each).
    private const int CellPadding = 2 * 108;
    private const string FirstLineIndent = "567";
    private const char NoBreakSpace = '\u00A0';

    /// <summary>14 pt, the body text.</summary>
    public static readonly TextLook Body = new(28);

    /// <summary>14 pt bold: headings, title, signature.</summary>
    public static readonly TextLook BodyBold = Body with { Bold = true };

    /// <summary>13 pt: the header table and table cells.</summary>
    public static readonly TextLook Small = new(26);

    /// <summary>13 pt bold.</summary>
    public static readonly TextLook SmallBold = Small with { Bold = true };

    private static readonly TextLook Recipient = new(22);
    private static readonly TextLook RecipientHeading = new(24, Bold: true, Italic: true);
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo(Language);

    // Words that name a kind of place: the words after the last of them in a unit's name are its place ("… TỈNH BÀ RỊA – VŨNG TÀU").
    private static readonly string[] PlaceKinds =
        ["TỈNH ĐOÀN", "THÀNH ĐOÀN", "HUYỆN ĐOÀN", "QUẬN ĐOÀN", "THỊ ĐOÀN", "THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "ĐẶC KHU", "TỈNH", "HUYỆN", "QUẬN", "XÃ", "PHƯỜNG"];

    /// <summary>
    /// Writes a whole document onto <paramref name="output"/> (any writable stream: the package is built in memory, since
    /// System.IO.Packaging needs a seekable one): styles, compatibility with Word 2013+, the body, then A4 portrait with the margins.
    /// </summary>
    /// <param name="output">Where the .docx goes.</param>
    /// <param name="title">The package's title property.</param>
    /// <param name="creator">The package's creator property (the issuing body).</param>
    /// <param name="content">The body's tables and paragraphs, in order.</param>
    public static void Write(Stream output, string title, string creator, IEnumerable<OpenXmlElement> content)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = Clean(title);
            document.PackageProperties.Creator = Clean(creator);
            document.PackageProperties.Language = Language;

            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Defaults();
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new Compatibility(new CompatibilitySetting
            {
                Name = CompatSettingNameValues.CompatibilityMode,
                Uri = "http://schemas.microsoft.com/office/word",
                Val = "15",
            }));

            var body = new Body();
            body.Append(content);
            body.Append(new SectionProperties(
                new PageSize { Width = PageWidth, Height = PageHeight, Orient = PageOrientationValues.Portrait },
                new PageMargin
                {
                    Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight,
                    Header = 720, Footer = 720, Gutter = 0,
                }));
            main.Document = new Document(body);
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>"Vũng Tàu, ngày 05 tháng 4 năm 2023": days below 10 and months 1 and 2 take a leading zero (Nghị định 30/2020).</summary>
    public static string PlaceAndDate(string place, DateOnly date)
    {
        var month = date.Month.ToString(date.Month <= 2 ? "00" : "0", CultureInfo.InvariantCulture);
        var line = string.Create(CultureInfo.InvariantCulture, $"{Clean(place)}, ngày {date.Day:00} tháng {month} năm {date.Year}");
        return line.TrimStart(',', ' ');
    }

    /// <summary>
    /// The header table: upper body, issuing body (bold) and "***" over the number on the left; "ĐOÀN TNCS HỒ CHÍ MINH" (bold, underlined)
    /// over the place and date (italic) on the right. A line that would wrap keeps the words of its place together.
    /// </summary>
    public static Table Header(DocumentHeading heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var width = HeaderLeftWidth - CellPadding;
        var left = new List<Paragraph>();
        if (Clean(heading.UpperBody).Length > 0)
            left.Add(Centred(KeepPlaceTogether(Upper(heading.UpperBody), heading.Place, Small, width), Small));
        left.Add(Centred(KeepPlaceTogether(Upper(heading.IssuingBody), heading.Place, SmallBold, width), SmallBold));
        left.Add(Centred("***", Small));
        var right = new List<Paragraph> { Centred("ĐOÀN TNCS HỒ CHÍ MINH", SmallBold with { Underline = true }) };

        return Borderless(
            [HeaderLeftWidth, TextWidth - HeaderLeftWidth],
            [left, right],
            [[Centred("Số: " + Clean(heading.NumberSymbol), Small)],
             [Centred(PlaceAndDate(heading.Place, heading.IssuedOn), Small with { Italic = true })]]);
    }

    /// <summary>The title (upper case, bold, centred), its summary lines (bold, centred) and the short rule under them.</summary>
    public static IEnumerable<Paragraph> Title(string title, string summary)
    {
        yield return Line(Upper(title), BodyBold, JustificationValues.Center, before: 360);
        foreach (var line in Lines(summary))
            yield return Line(line, BodyBold, JustificationValues.Center);
        yield return Line("-----", Body, JustificationValues.Center, after: 120);
    }

    /// <summary>
    /// The closing table: "Nơi nhận:" and the recipients on the left (one per line, ";" between, "." after the last, "Lưu VP" added when
    /// no filing line is there); the authority, title, room to sign and the signer's name on the right.
    /// </summary>
    public static Table Signature(IEnumerable<string> recipients, DocumentSignature signature)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(signature);
        var lines = recipients.Select(Item).Select(r => r.TrimEnd(';', '.', ',').TrimEnd()).Where(r => r.Length > 0).ToList();
        if (!lines.Any(r => r.StartsWith("Lưu", StringComparison.OrdinalIgnoreCase)))
            lines.Add("Lưu VP");
        var left = new List<Paragraph> { Line("Nơi nhận:", RecipientHeading, JustificationValues.Left) };
        left.AddRange(lines.Select((r, i) => Line($"- {r}{(i == lines.Count - 1 ? "." : ";")}", Recipient, JustificationValues.Left)));

        var right = new List<Paragraph> { Centred(Upper(signature.Authority), BodyBold) };
        if (Clean(signature.Title).Length > 0)
            right.Add(Centred(Upper(signature.Title), BodyBold));
        right.AddRange(Enumerable.Range(0, 4).Select(_ => Centred("", Body)));
        right.Add(Centred(signature.Signer, BodyBold));

        return Borderless([RecipientsWidth, TextWidth - RecipientsWidth], [left, right]);
    }

    /// <summary>
    /// A bordered table the width of the text: a bold centred header row, repeated on every page, then one row per line; 13 pt text.
    /// Each width is a share of the text width (the shares need not add up to anything in particular).
    /// </summary>
    public static Table Grid(IReadOnlyList<int> shares, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var total = shares.Sum();
        var widths = shares.Select(s => TextWidth * s / total).ToArray();
        widths[^1] += TextWidth - widths.Sum();
        static BorderType Thin<T>() where T : BorderType, new() => new T { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" };
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableBorders(Thin<TopBorder>(), Thin<LeftBorder>(), Thin<BottomBorder>(), Thin<RightBorder>(),
                    Thin<InsideHorizontalBorder>(), Thin<InsideVerticalBorder>()),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        var top = new TableRow(new TableRowProperties(new CantSplit(), new TableHeader()));
        top.Append(header.Select((h, i) => Cell(widths[i], [Centred(h, SmallBold)])));
        table.Append(top);
        foreach (var row in rows)
        {
            var line = new TableRow(new TableRowProperties(new CantSplit()));
            line.Append(row.Select((text, i) => Cell(widths[i], [.. CellLines(text)])));
            table.Append(line);
        }
        return table;
    }

    /// <summary>A bold heading line of the body, justified and indented.</summary>
    public static Paragraph Heading(string text) => Line(text, BodyBold, JustificationValues.Both, indent: true, before: 60);

    /// <summary>A line of prose, justified and indented.</summary>
    public static Paragraph Prose(string text) => Line(text, Body, JustificationValues.Both, indent: true, before: 60);

    /// <summary>A centred line.</summary>
    public static Paragraph Centred(string text, TextLook look) => Line(text, look, JustificationValues.Center);

    /// <summary>An empty line of body text.</summary>
    public static Paragraph Blank() => Line("", Body, JustificationValues.Left);

    /// <summary>One paragraph of <paramref name="text"/> (cleaned: NFC, white space collapsed), line spacing 1.1.</summary>
    public static Paragraph Line(string text, TextLook look, JustificationValues align, bool indent = false, int before = 0, int after = 0)
    {
        var properties = new ParagraphProperties(new SpacingBetweenLines
        {
            Before = before.ToString(CultureInfo.InvariantCulture),
            After = after.ToString(CultureInfo.InvariantCulture),
            Line = "264",
            LineRule = LineSpacingRuleValues.Auto,
        });
        if (indent)
            properties.Append(new Indentation { FirstLine = FirstLineIndent });
        properties.Append(new Justification { Val = align });
        properties.Append(new ParagraphMarkRunProperties(Format(look)));

        var paragraph = new Paragraph(properties);
        var clean = Clean(text);
        if (clean.Length > 0)
            paragraph.Append(new Run(new RunProperties(Format(look)), new DocumentFormat.OpenXml.Wordprocessing.Text(clean) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    /// <summary>Upper case as Vietnamese writes it, cleaned.</summary>
    public static string Upper(string text) => Clean(text).ToUpper(Vietnamese);

    /// <summary>The non-empty lines of <paramref name="text"/>, each cleaned.</summary>
    public static IEnumerable<string> Lines(string text) => (text ?? "").Split('\n').Select(Clean).Where(l => l.Length > 0);

    /// <summary>A list item's text: cleaned, without the bullet it may have been typed with.</summary>
    public static string Item(string text) => Clean(text).TrimStart('-', '+', '•', ' ');

    /// <summary>NFC, one space for any run of white space or control characters (a no-break space stays), trimmed.</summary>
    public static string Clean(string text)
    {
        var clean = new StringBuilder((text ?? "").Length);
        var pendingSpace = false;
        foreach (var c in (text ?? "").Normalize(NormalizationForm.FormC))
        {
            if (c != NoBreakSpace && (char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                pendingSpace = clean.Length > 0;
                continue;
            }
            if (pendingSpace)
                clean.Append(' ');
            pendingSpace = false;
            clean.Append(c);
        }
        return clean.ToString().Trim(NoBreakSpace);
    }

    /// <summary>
    /// <paramref name="line"/> with no-break spaces between the words of its place when it is too wide for <paramref name="width"/> (in
    /// twentieths of a point) and would wrap: the place is <paramref name="place"/> where the line names it, and the words after the line's
    /// last kind of place ("TỈNH", "THÀNH PHỐ", "XÃ", …). So a line breaks before "BÀ RỊA – VŨNG TÀU", never inside it.
    /// </summary>
    public static string KeepPlaceTogether(string line, string place, TextLook look, int width)
    {
        var text = Clean(line);
        if (EstimatedWidth(text, look) <= width)
            return text;
        var upper = text.ToUpper(Vietnamese);
        var spans = new List<(int Start, int Length)>();
        var named = Clean(place).ToUpper(Vietnamese);
        for (var at = named.Contains(' ', StringComparison.Ordinal) ? upper.IndexOf(named, StringComparison.Ordinal) : -1; at >= 0;
             at = upper.IndexOf(named, at + named.Length, StringComparison.Ordinal))
        {
            if (IsWordAt(upper, at, named.Length))
                spans.Add((at, named.Length));
        }
        var after = PlaceKinds.Select(kind => (Kind: kind, At: LastWordAt(upper, kind))).Where(k => k.At >= 0)
            .Select(k => k.At + k.Kind.Length + 1).DefaultIfEmpty(-1).Max();
        if (after > 0 && after < text.Length)
            spans.Add((after, text.Length - after));

        var glued = text.ToCharArray();
        foreach (var (start, length) in spans)
            for (var i = start; i < start + length; i++)
                if (glued[i] == ' ')
                    glued[i] = NoBreakSpace;
        return new string(glued);
    }

    /// <summary>A rough width of <paramref name="text"/> in Times New Roman, in twentieths of a point (capitals ~0.7 em, small letters ~0.48 em).</summary>
    internal static int EstimatedWidth(string text, TextLook look)
    {
        var em = look.HalfPoints * 10.0;
        var width = 0.0;
        foreach (var c in text)
            width += em * (c switch
            {
                ' ' or NoBreakSpace => 0.25,
                'I' or 'Í' or 'Ì' or 'Ỉ' or 'Ĩ' or 'Ị' or 'J' or 'i' or 'l' or 'j' or 't' or 'f' or 'r' or '.' or ',' or ':' or ';' => 0.3,
                '–' or '-' or '*' => 0.5,
                'M' or 'W' or 'm' or 'w' => 0.9,
                _ when char.IsUpper(c) => look.Bold ? 0.74 : 0.7,
                _ => look.Bold ? 0.5 : 0.46,
            });
        return (int)Math.Ceiling(width);
    }

    private static bool IsWordAt(string text, int at, int length) =>
        (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (at + length == text.Length || !char.IsLetterOrDigit(text[at + length]));

    private static int LastWordAt(string text, string word)
    {
        for (var at = text.LastIndexOf(word, StringComparison.Ordinal); at >= 0; at = at == 0 ? -1 : text.LastIndexOf(word, at - 1, StringComparison.Ordinal))
        {
            if (IsWordAt(text, at, word.Length))
                return at;
        }
        return -1;
    }

    private static IEnumerable<Paragraph> CellLines(string text)
    {
        var lines = Lines(text).ToList();
        return lines.Count == 0 ? [Line("", Small, JustificationValues.Left)] : lines.Select(l => Line(l, Small, JustificationValues.Left));
    }

    private static IEnumerable<OpenXmlElement> Format(TextLook look)
    {
        yield return new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font };
        if (look.Bold)
        {
            yield return new Bold();
            yield return new BoldComplexScript();
        }
        if (look.Italic)
        {
            yield return new Italic();
            yield return new ItalicComplexScript();
        }
        yield return new FontSize { Val = look.HalfPoints.ToString(CultureInfo.InvariantCulture) };
        yield return new FontSizeComplexScript { Val = look.HalfPoints.ToString(CultureInfo.InvariantCulture) };
        if (look.Underline)
            yield return new Underline { Val = UnderlineValues.Single };
        yield return new Languages { Val = Language, EastAsia = Language };
    }

    /// <summary>A table without borders; each row is one list of paragraphs per column.</summary>
    private static Table Borderless(int[] widths, params List<Paragraph>[][] rows)
    {
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Nil },
                    new LeftBorder { Val = BorderValues.Nil },
                    new BottomBorder { Val = BorderValues.Nil },
                    new RightBorder { Val = BorderValues.Nil },
                    new InsideHorizontalBorder { Val = BorderValues.Nil },
                    new InsideVerticalBorder { Val = BorderValues.Nil }),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        foreach (var row in rows)
            table.Append(new TableRow(row.Select((paragraphs, column) => Cell(widths[column], paragraphs))));
        return table;
    }

    private static TableCell Cell(int width, List<Paragraph> paragraphs)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth
        {
            Width = width.ToString(CultureInfo.InvariantCulture),
            Type = TableWidthUnitValues.Dxa,
        }));
        // A cell must hold at least one paragraph.
        cell.Append(paragraphs.Count > 0 ? paragraphs : [Blank()]);
        return cell;
    }

    private static Styles Defaults() => new(new DocDefaults(
        new RunPropertiesDefault(new RunPropertiesBaseStyle(
            new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
            new FontSize { Val = "28" },
            new FontSizeComplexScript { Val = "28" },
            new Languages { Val = Language, EastAsia = Language })),
        new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
            new SpacingBetweenLines { Before = "0", After = "0" }))));
}
