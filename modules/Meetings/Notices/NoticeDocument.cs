using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DoanPlatform.Meetings.Notices;

/// <summary>Everything a Thông báo kết luận prints, already decided: the writer only lays it out.</summary>
internal sealed record NoticeContent(
    string UpperBody,
    string IssuingBody,
    string NumberSymbol,
    string Place,
    DateOnly IssuedOn,
    string Title,
    string Summary,
    string Opening,
    NoticeAttendance Attendance,
    IReadOnlyList<NoticeSection> Conclusions,
    IReadOnlyList<NoticeTask> Tasks,
    string Closing,
    IReadOnlyList<string> Recipients,
    NoticeSignature Signature);

internal sealed record NoticeAttendance(int Invited, int Present, IReadOnlyList<NoticeAbsence> Excused, IReadOnlyList<string> Unexcused);

/// <summary>An excused unit; the reason may be empty for notices imported from before reasons were recorded.</summary>
internal sealed record NoticeAbsence(string Unit, string Reason);

/// <summary>A numbered group of conclusions ("2.1", "Ý kiến chỉ đạo của cấp ủy"); both may be empty for a flat list.</summary>
internal sealed record NoticeSection(string Number, string Heading, IReadOnlyList<string> Items);

internal sealed record NoticeTask(string Text, string Assignees, DateOnly Deadline, string? Target = null);

/// <summary>Authority "TM. BAN THƯỜNG VỤ" / "TL. ..." / "KT. ...", title "BÍ THƯ", signer's name.</summary>
internal sealed record NoticeSignature(string Authority, string Title, string Signer);

/// <summary>Writes the notice as a .docx in the union's document format: A4, Times New Roman, header and signature tables.</summary>
internal static class NoticeDocument
{
    private const string Font = "Times New Roman";
    private const string Language = "vi-VN";
    private const int PageWidth = 11906, PageHeight = 16838;
    private const int MarginTop = 1134, MarginBottom = 1134, MarginLeft = 1701, MarginRight = 1134;
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;
    private const string FirstLineIndent = "567";

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo(Language);

    private static readonly Look Body = new(28);
    private static readonly Look BodyBold = Body with { Bold = true };
    private static readonly Look Header = new(26);
    private static readonly Look HeaderBold = Header with { Bold = true };
    private static readonly Look Recipient = new(22);
    private static readonly Look RecipientHeading = new(24, Bold: true, Italic: true);

    public static void Write(NoticeContent content, Stream output)
    {
        // System.IO.Packaging needs a seekable, readable stream; an HTTP response body is neither.
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = Clean(content.Summary);
            document.PackageProperties.Creator = Clean(content.IssuingBody);
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
            body.Append(HeaderTable(content));
            body.Append(TitleBlock(content));
            body.Append(Content(content));
            body.Append(Line("", Body, JustificationValues.Left));
            body.Append(SignatureTable(content));
            body.Append(Line("", Body, JustificationValues.Left));
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
    internal static string PlaceAndDate(string place, DateOnly date)
    {
        var month = date.Month.ToString(date.Month <= 2 ? "00" : "0", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{Clean(place)}, ngày {date.Day:00} tháng {month} năm {date.Year}");
    }

    private static Table HeaderTable(NoticeContent content)
    {
        var left = new List<Paragraph>();
        if (Clean(content.UpperBody).Length > 0)
            left.Add(Centred(Upper(content.UpperBody), Header));
        left.Add(Centred(Upper(content.IssuingBody), HeaderBold));
        left.Add(Centred("***", Header));
        var right = new List<Paragraph> { Centred("ĐOÀN TNCS HỒ CHÍ MINH", HeaderBold with { Underline = true }) };

        const int leftWidth = 4500;
        return Borderless(
            [leftWidth, TextWidth - leftWidth],
            [left, right],
            [[Centred("Số: " + Clean(content.NumberSymbol), Header)],
             [Centred(PlaceAndDate(content.Place, content.IssuedOn), Header with { Italic = true })]]);
    }

    private static IEnumerable<Paragraph> TitleBlock(NoticeContent content)
    {
        yield return Line(Upper(content.Title), BodyBold, JustificationValues.Center, before: 360);
        foreach (var line in Lines(content.Summary))
            yield return Line(line, BodyBold, JustificationValues.Center);
        yield return Line("-----", Body, JustificationValues.Center, after: 120);
    }

    private static IEnumerable<Paragraph> Content(NoticeContent content)
    {
        foreach (var line in Lines(content.Opening))
            yield return Prose(line);

        var attendance = content.Attendance;
        yield return Heading("1. Tình hình tham dự:");
        yield return Prose(string.Create(CultureInfo.InvariantCulture,
            $"- Tổng số đơn vị có mặt: {attendance.Present}/{attendance.Invited} đơn vị."));
        yield return Prose(string.Create(CultureInfo.InvariantCulture,
            $"- Vắng có phép: {attendance.Excused.Count} đơn vị{Units(attendance.Excused.Select(a => (a.Unit, a.Reason)))}."));
        yield return Prose(string.Create(CultureInfo.InvariantCulture,
            $"- Vắng không phép: {attendance.Unexcused.Count} đơn vị{Units(attendance.Unexcused.Select(u => (u, "")))}."));

        var number = 1;
        var sections = content.Conclusions.Where(s => s.Items.Count > 0 || Clean(s.Heading).Length > 0).ToList();
        if (sections.Count > 0)
        {
            yield return Heading(string.Create(CultureInfo.InvariantCulture, $"{++number}. Nội dung kết luận:"));
            foreach (var section in sections)
            {
                var heading = string.Join(". ", new[] { Clean(section.Number).TrimEnd('.'), Clean(section.Heading) }.Where(p => p.Length > 0));
                if (heading.Length > 0)
                    yield return Heading(heading);
                foreach (var item in section.Items.Select(Item).Where(i => i.Length > 0))
                    yield return Prose("- " + item);
            }
        }

        if (content.Tasks.Count > 0)
        {
            yield return Heading(string.Create(CultureInfo.InvariantCulture, $"{++number}. Phân công thực hiện:"));
            foreach (var task in content.Tasks)
                yield return Prose(Task(task));
        }

        foreach (var line in Lines(content.Closing))
            yield return Prose(line);
    }

    private static Table SignatureTable(NoticeContent content)
    {
        var recipients = content.Recipients.Select(Item).Select(r => r.TrimEnd(';', '.', ',').TrimEnd()).Where(r => r.Length > 0).ToList();
        if (!recipients.Any(r => r.StartsWith("Lưu", StringComparison.OrdinalIgnoreCase)))
            recipients.Add("Lưu VP");
        var left = new List<Paragraph> { Line("Nơi nhận:", RecipientHeading, JustificationValues.Left) };
        left.AddRange(recipients.Select((r, i) => Line($"- {r}{(i == recipients.Count - 1 ? "." : ";")}", Recipient, JustificationValues.Left)));

        var signature = content.Signature;
        var right = new List<Paragraph>
        {
            Centred(Upper(signature.Authority), BodyBold),
            Centred(Upper(signature.Title), BodyBold),
        };
        right.AddRange(Enumerable.Range(0, 4).Select(_ => Centred("", Body)));
        right.Add(Centred(signature.Signer, BodyBold));

        const int leftWidth = 4300;
        return Borderless([leftWidth, TextWidth - leftWidth], [left, right]);
    }

    /// <summary>" (gồm A, B và C)" as the samples write it; with reasons, "(gồm A – lý do: r; B – lý do: s)".</summary>
    private static string Units(IEnumerable<(string Unit, string Reason)> units)
    {
        var list = units.Select(u => (Unit: Clean(u.Unit), Reason: Clean(u.Reason))).Where(u => u.Unit.Length > 0).ToList();
        if (list.Count == 0)
            return "";
        if (list.Any(u => u.Reason.Length > 0))
            return " (gồm " + string.Join("; ", list.Select(u => u.Reason.Length > 0 ? $"{u.Unit} – lý do: {u.Reason}" : u.Unit)) + ")";
        var names = list.Select(u => u.Unit).ToList();
        return " (gồm " + (names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " và " + names[^1]) + ")";
    }

    /// <summary>"- text (assignees; chỉ tiêu: target; thời hạn: trước ngày 30/04/2023)."</summary>
    private static string Task(NoticeTask task)
    {
        var details = new List<string>();
        if (Clean(task.Assignees).Length > 0)
            details.Add(Clean(task.Assignees));
        if (Clean(task.Target ?? "").Length > 0)
            details.Add("chỉ tiêu: " + Clean(task.Target!));
        details.Add("thời hạn: trước ngày " + task.Deadline.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        return $"- {Item(task.Text).TrimEnd('.', ';')} ({string.Join("; ", details)}).";
    }

    private static string Item(string text) => Clean(text).TrimStart('-', '+', '•', ' ');

    private static Paragraph Heading(string text) => Line(text, BodyBold, JustificationValues.Both, indent: true, before: 60);

    private static Paragraph Prose(string text) => Line(text, Body, JustificationValues.Both, indent: true, before: 60);

    private static Paragraph Centred(string text, Look look) => Line(text, look, JustificationValues.Center);

    private static Paragraph Line(string text, Look look, JustificationValues align, bool indent = false, int before = 0, int after = 0)
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
            paragraph.Append(new Run(new RunProperties(Format(look)), new Text(clean) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    private static IEnumerable<OpenXmlElement> Format(Look look)
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
        cell.Append(paragraphs.Count > 0 ? paragraphs : [Line("", Body, JustificationValues.Left)]);
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

    private static string Upper(string text) => Clean(text).ToUpper(Vietnamese);

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(Clean).Where(l => l.Length > 0);

    /// <summary>NFC, one space for any run of white space or control characters, trimmed.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = clean.Length > 0;
                continue;
            }
            if (pendingSpace)
                clean.Append(' ');
            pendingSpace = false;
            clean.Append(c);
        }
        return clean.ToString();
    }

    private readonly record struct Look(int HalfPoints, bool Bold = false, bool Italic = false, bool Underline = false);
}
