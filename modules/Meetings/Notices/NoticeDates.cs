using System.Globalization;
using System.Text.RegularExpressions;

namespace DoanPlatform.Meetings.Notices;

/// <summary>
/// The meeting's days as the opening sentence writes them: "Sáng ngày 14/9", "Chiều 08/5/2024", "Từ ngày 03 đến 05/12/2022",
/// "ngày 21 – 23/9/2022". A day without a year takes the year of the page's date line (the day the report was posted, so the
/// meeting is on or before it), or of the notice's own date, or of its period, and says so; "vừa qua" gives no date at all.
/// </summary>
internal sealed partial class NoticeDates(IReadOnlyList<string> paragraphs, string? period, List<string> warnings)
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;
    private const string DayMonth = @"(?<d>\d{1,2})/(?<m>\d{1,2})(?!\d)(?:/(?<y>\d{4}))?(?![/\d])";

    /// <summary>Whether <paramref name="paragraph"/> states when the meeting was (a date outside references, or "vừa qua").</summary>
    public static bool StatesWhen(string paragraph)
    {
        var text = WithoutReferences(paragraph);
        return NoticeParser.AnyDate().IsMatch(text) || Range().IsMatch(text) || ProseDay().IsMatch(text) || Recently().IsMatch(text);
    }

    public (DateOnly? From, DateOnly? Until) Read(string opening)
    {
        var text = WithoutReferences(opening);
        if (Range().Match(text) is { Success: true } range)
        {
            int Value(string group) => Number(range.Groups[group].Value);
            var (d2, m2) = (Value("d2"), Value("m2"));
            int? year = range.Groups["y"].Success ? Value("y") : Year(d2, m2, RangeText(range));
            if (year is { } y)
            {
                var until = NoticeParser.MakeDate(y, m2, d2);
                var m1 = range.Groups["m1"].Success ? Value("m1") : m2;
                var from = NoticeParser.MakeDate(m1 > m2 ? y - 1 : y, m1, Value("d1"));
                if (from is not null && until is not null && from <= until)
                    return (from, until);
            }
            else
                return (null, null);
        }
        if (NoticeParser.ToDate(NoticeParser.AnyDate().Match(text)) is { } full)
            return (full, null);
        if (ProseDay().Match(text) is { Success: true } day)
        {
            var (d, m) = (Number(day.Groups["d"].Value), Number(day.Groups["m"].Value));
            if (Year(d, m, $"{day.Groups["d"].Value}/{day.Groups["m"].Value}") is { } y && NoticeParser.MakeDate(y, m, d) is { } date)
                return (date, null);
            return (null, null);
        }
        if (Recently().IsMatch(text))
        {
            warnings.Add(PostedOn() is { } posted
                ? $"Văn bản chỉ ghi \"vừa qua\", không ghi ngày họp (ngày {posted.Date:dd/MM/yyyy} ở đầu trang là ngày đăng bài, không phải ngày họp)."
                : "Văn bản chỉ ghi \"vừa qua\", không ghi ngày họp.");
            return (null, null);
        }
        if (opening.Length > 0)
            warnings.Add("Không đọc được ngày họp.");
        return (null, null);
    }

    /// <summary>Every day named in <paramref name="text"/> (a cluster's own day, say), in the year of <paramref name="year"/>.</summary>
    public static IEnumerable<DateOnly> DaysIn(string text, int year) =>
        ProseDay().Matches(WithoutReferences(text)).Concat(NoticeParser.AnyDate().Matches(WithoutReferences(text)))
            .Select(m => NoticeParser.MakeDate(m.Groups["y"].Success ? Number(m.Groups["y"].Value) : year, Number(m.Groups["m"].Value), Number(m.Groups["d"].Value)))
            .OfType<DateOnly>();

    private static string RangeText(Match range) => Spaces().Replace(range.Value.Trim(), " ").Replace("ngày ", "", StringComparison.Ordinal);

    // The year for a day written without one, and a warning that says where it came from; null (with a warning) when nothing says.
    private int? Year(int day, int month, string shown)
    {
        if (PostedOn() is { } posted)
        {
            var year = NoticeParser.MakeDate(posted.Date.Year, month, day) is { } same && same > posted.Date ? posted.Date.Year - 1 : posted.Date.Year;
            warnings.Add(year == posted.Date.Year
                ? $"Ngày họp {shown} không ghi năm: lấy năm {year} của {posted.What} ({posted.Date:dd/MM/yyyy})."
                : $"Ngày họp {shown} không ghi năm: lấy năm {year} (trước {posted.What} {posted.Date:dd/MM/yyyy}).");
            return year;
        }
        if (period is not null && PeriodYear().Match(period) is { Success: true } stated)
        {
            warnings.Add($"Ngày họp {shown} không ghi năm: lấy năm {stated.Value} của kỳ hội nghị ({period}).");
            return Number(stated.Value);
        }
        warnings.Add($"Ngày họp {shown} không ghi năm và văn bản không nêu năm nào: không đọc được ngày họp.");
        return null;
    }

    // The page's date line ("Thứ Sáu, 16/09/2022 09:15", "Ngày đăng: 16/09/2022") or the notice's own "Tân Hòa, ngày 12 tháng 3 năm 2024".
    private (DateOnly Date, string What)? PostedOn()
    {
        foreach (var paragraph in paragraphs)
        {
            if (DateLine().Match(paragraph) is { Success: true } line && NoticeParser.ToDate(line) is { } posted)
                return (posted, "ngày đăng bài");
            if (IssuedLine().Match(paragraph) is { Success: true } issued && NoticeParser.ToDate(issued) is { } on)
                return (on, "ngày ban hành thông báo");
        }
        return null;
    }

    private static string WithoutReferences(string text) => NoticeParser.ReferencePattern().Replace(text, "");

    private static int Number(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<!\d)(?<d1>\d{1,2})(?:/(?<m1>\d{1,2})(?:/\d{4})?)?\s*(?:-|–|đến(?:\s+ngày)?|và)\s*(?<d2>\d{1,2})/(?<m2>\d{1,2})(?!\d)(?:/(?<y>\d{4}))?(?![/\d])", Options)]
    private static partial Regex Range();

    [GeneratedRegex(@"(?:\b[Nn]gày|\b[Ss]áng|\b[Cc]hiều|\b[Tt]ối|\b[Tt]rưa)\s+(?:ngày\s+)?" + DayMonth, Options)]
    private static partial Regex ProseDay();

    [GeneratedRegex(@"\b(?:vừa qua|mới đây|vừa diễn ra)\b", Options | RegexOptions.IgnoreCase)]
    private static partial Regex Recently();

    [GeneratedRegex(@"^(?:(?:Thứ\s+\p{L}+|Chủ nhật)\s*,?\s*|(?:Ngày đăng|Đăng ngày|Cập nhật|Ngày cập nhật|Đăng lúc|Thời gian đăng)\s*:?\s*)?(?:ngày\s+)?(?<d>\d{1,2})/(?<m>\d{1,2})/(?<y>\d{4})(?:\s*[,|\-–]?\s*\d{1,2}[:h]\d{2}(?:\s*(?:\(?GMT[^)]*\)?|SA|CH|AM|PM))?)?$", Options | RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^[\p{L} .–-]{2,60},\s*ngày\s+(?<d>\d{1,2})\s+tháng\s+(?<m>\d{1,2})\s+năm\s+(?<y>\d{4})$", Options)]
    private static partial Regex IssuedLine();

    [GeneratedRegex(@"\d{4}$", Options)]
    private static partial Regex PeriodYear();

    [GeneratedRegex(@"\s+", Options)]
    private static partial Regex Spaces();
}
