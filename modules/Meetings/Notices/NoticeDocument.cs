using System.Globalization;
using DoanPlatform.Organisation.Contracts.Documents;
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

/// <summary>Writes the notice as a .docx in the union's document format (<see cref="OfficialDocument"/>): A4, Times New Roman, header and signature tables.</summary>
internal static class NoticeDocument
{
    public static void Write(NoticeContent content, Stream output) =>
        OfficialDocument.Write(output, content.Summary, content.IssuingBody,
        [
            OfficialDocument.Header(new DocumentHeading(content.UpperBody, content.IssuingBody, content.NumberSymbol, content.Place, content.IssuedOn)),
            .. OfficialDocument.Title(content.Title, content.Summary),
            .. Content(content),
            OfficialDocument.Blank(),
            OfficialDocument.Signature(content.Recipients,
                new DocumentSignature(content.Signature.Authority, content.Signature.Title, content.Signature.Signer)),
            OfficialDocument.Blank(),
        ]);

    /// <summary>"Vũng Tàu, ngày 05 tháng 4 năm 2023": days below 10 and months 1 and 2 take a leading zero (Nghị định 30/2020).</summary>
    internal static string PlaceAndDate(string place, DateOnly date) => OfficialDocument.PlaceAndDate(place, date);

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

    private static string Item(string text) => OfficialDocument.Item(text);

    private static Paragraph Heading(string text) => OfficialDocument.Heading(text);

    private static Paragraph Prose(string text) => OfficialDocument.Prose(text);

    private static IEnumerable<string> Lines(string text) => OfficialDocument.Lines(text);

    private static string Clean(string text) => OfficialDocument.Clean(text);
}
