using System.Globalization;
using System.Text.RegularExpressions;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Meetings.Notices;

/// <summary>
/// Turns conclusion items into tasks: who ("Giao X ...", a unit as the subject, the units of the lead-in above the
/// bullets, or one clause per sector in a closing parenthesis) and by when ("trước ngày 30/4/2023", "trong tháng 7"
/// of the notice's year, "tuần làm việc thứ 26/2023"). An item with neither is a conclusion only, not a task.
/// </summary>
internal sealed partial class NoticeTasks(int? year, List<string> warnings)
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;
    private const string Verb = "chọn lọc|chủ động|có phương án|khẩn trương|phối hợp|thực hiện|tổ chức|triển khai|tập trung|hoàn thành"
        + "|xây dựng|báo cáo|tham mưu|rà soát|đẩy mạnh|tiếp tục|phải|cần|nộp|gửi|đăng ký";

    public List<ParsedTask> All { get; } = [];

    public void From(string item, string? lead)
    {
        if (Assignment().Match(item) is { Success: true } assignment)
        {
            Assigned(item, assignment.Groups["rest"].Value);
            return;
        }
        if (Labelled(item) || PerSector(item))
            return;
        var subject = Subject().Match(item);
        List<string> assignees = subject.Success ? [subject.Groups["who"].Value] : lead is null ? [] : [lead];
        var deadline = Deadline(item);
        if (assignees.Count > 0 || deadline is not null)
            All.Add(new ParsedTask(item, assignees, deadline));
    }

    /// <summary>"X thực hiện ... sau" or "... đề nghị X thực hiện ... sau" → X.</summary>
    public static string? LeadAssignee(string lead) =>
        LeadSubject().Match(lead) is { Success: true } match ? match.Groups["who"].Value : null;

    /// <summary>Splits at <paramref name="separator"/> outside parentheses.</summary>
    public static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        var (depth, start) = (0, 0);
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == separator && depth <= 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    // "Giao A, B, C: text; D: text" → a task per clause; "Giao A <verb> ..." → one task for A.
    private void Assigned(string item, string rest)
    {
        if (!rest.Contains(':', StringComparison.Ordinal))
        {
            var who = Subject().Match(rest);
            if (!who.Success)
                warnings.Add($"Không tách được đơn vị được giao trong: \"{item}\".");
            All.Add(new ParsedTask(item, who.Success ? UnitNames(who.Groups["who"].Value) : [], Deadline(item)));
            return;
        }
        List<string> assignees = [];
        foreach (var clause in SplitTopLevel(rest, ';'))
        {
            var colon = clause.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
                assignees = UnitNames(clause[..colon]);
            var text = clause[(colon + 1)..].Trim().TrimEnd('.', ' ');
            if (text.Length > 0)
                All.Add(new ParsedTask(text, assignees, Deadline(text)));
        }
    }

    // "Text (Đoàn khối trường học; chỉ tiêu: 100% đoàn viên tải App; thời hạn: trước ngày 30/04/2023)." as NoticeDocument writes a
    // task: "các đơn vị dự hội nghị" is every invited unit, "các đơn vị khối trường học" a sector's, otherwise the units named.
    private bool Labelled(string item)
    {
        var tail = ClosingParenthesis().Match(item);
        if (!tail.Success || !tail.Groups["clauses"].Value.Contains("thời hạn:", StringComparison.Ordinal))
            return false;
        var clauses = SplitTopLevel(tail.Groups["clauses"].Value, ';').Select(clause => clause.Trim()).ToList();
        var deadline = clauses.Where(c => c.StartsWith("thời hạn:", StringComparison.Ordinal)).Select(Deadline).FirstOrDefault();
        var target = clauses.Where(c => c.StartsWith("chỉ tiêu:", StringComparison.Ordinal)).Select(c => c["chỉ tiêu:".Length..].Trim()).FirstOrDefault();
        var who = clauses.Where(c => c.Length > 0 && !c.StartsWith("thời hạn:", StringComparison.Ordinal)
            && !c.StartsWith("chỉ tiêu:", StringComparison.Ordinal)).ToList();
        Sector? sector = null;
        if (who.Count == 1 && EveryInvited().IsMatch(who[0]))
            who = [];
        else if (who.Count == 1 && SectorUnits().Match(who[0]) is { Success: true } units && SectorOf(units.Groups["sector"].Value) is { } named)
            (who, sector) = ([], named);
        else if (who.Count == 1 && UnitStart().IsMatch(who[0]) && who[0].Contains(", ", StringComparison.Ordinal))
            who = UnitNames(who[0]);
        All.Add(new ParsedTask(item[..tail.Index].Trim(), who, deadline, target, sector));
        return true;
    }

    private static Sector? SectorOf(string name) =>
        Enum.GetValues<Sector>().Where(sector => Features.DownloadNotice.SectorName(sector) == name).Select(sector => (Sector?)sector).FirstOrDefault();

    // "... 100% (Đoàn khối cơ quan, LLVT hoàn thành trong tháng 7; Đoàn khối trường học hoàn thành trong tháng 9)."
    private bool PerSector(string item)
    {
        var tail = ClosingParenthesis().Match(item);
        if (!tail.Success)
            return false;
        var clauses = SplitTopLevel(tail.Groups["clauses"].Value, ';')
            .Select(clause => (Who: Finisher().Match(clause.Trim()), Clause: clause)).ToList();
        if (clauses.Any(c => !c.Who.Success || !HasDeadline().IsMatch(c.Clause)))
            return false;
        var text = item[..tail.Index].Trim();
        foreach (var (who, clause) in clauses)
            All.Add(new ParsedTask(text, [who.Groups["who"].Value], Deadline(clause)));
        return true;
    }

    // "Đoàn xã Thuận Phú, Tân Lập, Đồng Tiến" → three units, the later ones taking the first one's "Đoàn xã".
    private static List<string> UnitNames(string list)
    {
        var names = NoticeParser.SplitNames(list).ToList();
        if (names.Count == 0)
            return [];
        var words = names[0].Split(' ');
        var properName = Enumerable.Reverse(words).TakeWhile(IsCapitalised).Count();
        var prefix = properName > 0 && properName < words.Length ? string.Join(' ', words[..^properName]) : null;
        return [.. names.Select((name, i) =>
            i > 0 && prefix is not null && name.Split(' ').All(IsCapitalised) && !UnitStart().IsMatch(name) ? $"{prefix} {name}" : name)];
    }

    private static bool IsCapitalised(string word) => word.Length > 0 && char.IsUpper(word[0]);

    /// <summary>A deadline as offices write it ("trước ngày 30/4/2023", "trong tháng 7", "tuần làm việc thứ 26/2023"), or null.</summary>
    public static DateOnly? ResolveDeadline(string text, int year) => new NoticeTasks(year, []).Deadline(text);

    private DateOnly? Deadline(string text)
    {
        if (ByDate().Match(text) is { Success: true } date)
            return Resolve(date, y => NoticeParser.MakeDate(y, Number(date, "m"), Number(date, "d")));
        if (WorkWeek().Match(text) is { Success: true } week)
            return Resolve(week, y => Number(week, "w") is var w && w >= 1 && w <= ISOWeek.GetWeeksInYear(y)
                ? DateOnly.FromDateTime(ISOWeek.ToDateTime(y, w, DayOfWeek.Friday))
                : null);
        if (InMonth().Match(text) is { Success: true } month)
            return Resolve(month, y => Number(month, "m") is var m && m is >= 1 and <= 12
                ? new DateOnly(y, m, DateTime.DaysInMonth(y, m))
                : null);
        return null;
    }

    private DateOnly? Resolve(Match match, Func<int, DateOnly?> date)
    {
        var resolved = match.Groups["y"].Success ? Number(match, "y") : year;
        var result = resolved is >= 1900 and <= 2200 ? date(resolved.Value) : null;
        if (result is null)
            warnings.Add($"Không đọc được hạn \"{match.Value}\" (thiếu năm hoặc ngày không hợp lệ).");
        return result;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Giao\s+(?<rest>.+)$", Options)]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^(?<who>(?:Đoàn|Chi đoàn|Hội|Văn phòng|bộ phận)\s.+?)\s+(?=(?:" + Verb + @")(?:\s|,|$))", Options)]
    private static partial Regex Subject();

    [GeneratedRegex(@"^(?:.*?[Đđ]ề nghị\s+)?(?<who>[^,:;]+?)\s+(?:thực hiện|triển khai)\b", Options)]
    private static partial Regex LeadSubject();

    [GeneratedRegex(@"\((?<clauses>[^()]+)\)\s*\.?\s*$", Options)]
    private static partial Regex ClosingParenthesis();

    [GeneratedRegex(@"^(?<who>.+?)\s+(?:hoàn thành|xong)\b", Options)]
    private static partial Regex Finisher();

    [GeneratedRegex(@"^(?:Đoàn|Chi đoàn|Chi hội|Hội|Liên đội)\s", Options)]
    private static partial Regex UnitStart();

    [GeneratedRegex(@"^(?:tất cả\s+)?các đơn vị (?:dự hội nghị|được mời)$", Options)]
    private static partial Regex EveryInvited();

    [GeneratedRegex(@"^các đơn vị khối (?<sector>.+)$", Options)]
    private static partial Regex SectorUnits();

    [GeneratedRegex(@"trước ngày|chậm nhất|hạn chót|tuần(?: làm việc)? thứ|trong tháng", Options)]
    private static partial Regex HasDeadline();

    [GeneratedRegex(@"(?:trước|chậm nhất(?:\s+là)?|hạn chót|hạn cuối)\s+(?:ngày\s+)?(?<d>\d{1,2})/(?<m>\d{1,2})(?:/(?<y>\d{4}))?", Options)]
    private static partial Regex ByDate();

    [GeneratedRegex(@"tuần(?:\s+làm việc)?\s+thứ\s+(?<w>\d{1,2})(?:\s*/\s*(?<y>\d{4}))?", Options)]
    private static partial Regex WorkWeek();

    [GeneratedRegex(@"trong tháng\s+(?<m>\d{1,2})(?:\s*(?:/|năm)\s*(?<y>\d{4}))?\b", Options)]
    private static partial Regex InMonth();
}
