using System.Globalization;
using System.Text.RegularExpressions;
using DoanPlatform.Meetings.Contracts;

namespace DoanPlatform.Meetings.Notices;

/// <summary>
/// Reads a notice's text line by line: first paragraphs (rejoining stray line breaks), then the opening sentence
/// (date, place, convenor, chair), attendance, numbered conclusion sections and their tasks, references,
/// recipients and signature. What it cannot find becomes a warning, never an exception.
/// </summary>
internal sealed partial class NoticeParser
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;
    private const string Date = @"(?:(?<d>\d{1,2})/(?<m>\d{1,2})/(?<y>\d{4})|ngày\s+(?<d>\d{1,2})\s+tháng\s+(?<m>\d{1,2})\s+năm\s+(?<y>\d{4}))";
    private const string UnitStart = @"(?:Đoàn|Chi đoàn|Chi hội|Hội|Liên đội|[Đđ]/c|[Đđ]ồng chí)\s";
    private const string NumberMark = @"(?:\d+(?:\.\d+)+\.?|\d+[.)]|[IVX]+[.)])";
    private const string Numbered = NumberMark + @"\s+";

    private readonly List<string> paragraphs;
    private readonly List<string> warnings = [];

    private NoticeParser(string text) => paragraphs = Paragraphs(text);

    public static ParsedNotice Parse(string text) => new NoticeParser(text).Run();

    private ParsedNotice Run()
    {
        var opening = paragraphs.FindIndex(p => MeetingWord().IsMatch(p) && AnyDate().IsMatch(p));
        if (opening < 0)
            warnings.Add("Không thấy câu mở đầu nêu ngày họp và hội nghị.");
        var openingText = opening < 0 ? "" : paragraphs[opening];
        var header = string.Join('\n', paragraphs.Take(opening < 0 ? 5 : opening + 1));

        var kind = Kind(header);
        if (kind is null)
            warnings.Add("Không nhận ra loại hội nghị (giao ban, sơ kết, tổng kết, kiểm tra, Ban Chấp hành).");
        var period = Period(header);
        var (heldOn, heldUntil) = HeldOn(openingText);
        var year = heldOn?.Year ?? (period is null ? null : Number(YearInPeriod().Match(period).Value));
        var place = Found(Place().Match(openingText), "place", "địa điểm");
        var convenor = paragraphs.Select(p => Convenor().Match(p)).FirstOrDefault(m => m.Success)?.Groups["convenor"].Value;
        if (convenor is null)
            warnings.Add("Không thấy đơn vị tổ chức hội nghị.");

        var tasks = new NoticeTasks(year, warnings);
        var conclusions = Conclusions(opening + 1, tasks);
        return new ParsedNotice(kind, period, heldOn, heldUntil, place, convenor, Chairs(), Attendance(), conclusions,
            tasks.All, References(), Recipients(), Signature(), warnings);
    }

    // Paragraphs: one per line, except that a line continues the previous paragraph when a parenthesis is still
    // open, when the previous line ends with a comma or the line starts in lower case (a stray break), or when it
    // is a parenthesis completing an unfinished sentence (even after a blank line).
    internal static List<string> Paragraphs(string text)
    {
        var paragraphs = new List<string>();
        var afterBlank = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = CleanLine(raw);
            if (line.Length == 0 || Separator().IsMatch(line))
            {
                afterBlank = true;
                continue;
            }
            if (paragraphs.Count > 0 && Continues(paragraphs[^1], line, afterBlank))
                paragraphs[^1] += " " + line;
            else
                paragraphs.Add(line);
            afterBlank = false;
        }
        return paragraphs;
    }

    private static string CleanLine(string line)
    {
        line = Bold().Replace(line, "$1");
        line = SignedMark().Replace(line, "");
        line = MisspeltBloc().Replace(line, "$1hối");
        return Spaces().Replace(line, " ").Trim();
    }

    private static bool Continues(string paragraph, string line, bool afterBlank)
    {
        if (Structural().IsMatch(line))
            return false;
        if (paragraph.Count(c => c == '(') > paragraph.Count(c => c == ')'))
            return true;
        if (line[0] == '(')
            return !".:;!?…".Contains(paragraph[^1], StringComparison.Ordinal);
        return !afterBlank && (paragraph[^1] == ',' || char.IsLower(line[0]));
    }

    private static MeetingKind? Kind(string header)
    {
        var match = KindPhrase().Match(header);
        if (!match.Success)
            return null;
        var phrase = match.Groups["kind"].Value.ToLowerInvariant();
        if (phrase.StartsWith("giao ban", StringComparison.Ordinal))
            return phrase.Contains("cụm", StringComparison.Ordinal) ? MeetingKind.ClusterBriefing : MeetingKind.Briefing;
        return phrase switch
        {
            "sơ kết" => MeetingKind.Review,
            "tổng kết" => MeetingKind.YearEnd,
            "kiểm tra" => MeetingKind.Inspection,
            _ => MeetingKind.Committee,
        };
    }

    private string? Period(string header)
    {
        if (Quarter().Match(header) is { Success: true } quarter)
        {
            var q = quarter.Groups["q"].Value;
            var roman = q switch { "1" => "I", "2" => "II", "3" => "III", "4" => "IV", _ => q };
            return $"Quý {roman}/{quarter.Groups["y"].Value}";
        }
        if (HalfYear().Match(header) is { Success: true } half)
            return $"6 tháng {half.Groups["half"].Value} năm {half.Groups["y"].Value}";
        if (Month().Match(header) is { Success: true } month)
            return $"Tháng {month.Groups["m"].Value}/{month.Groups["y"].Value}";
        if (Year().Match(header) is { Success: true } year)
            return $"Năm {year.Groups["y"].Value}";
        warnings.Add("Không thấy kỳ của hội nghị (quý, 6 tháng, tháng, năm).");
        return null;
    }

    private (DateOnly? From, DateOnly? Until) HeldOn(string opening)
    {
        if (DateRange().Match(opening) is { Success: true } range)
        {
            int Value(string group) => Number(range.Groups[group].Value);
            var year = Value("y");
            var until = MakeDate(year, Value("m2"), Value("d2"));
            var from = MakeDate(year, range.Groups["m1"].Success ? Value("m1") : Value("m2"), Value("d1"));
            if (from is not null && until is not null)
                return (from, until);
        }
        var date = ToDate(AnyDate().Match(opening));
        if (date is null && opening.Length > 0)
            warnings.Add("Không đọc được ngày họp.");
        return (date, null);
    }

    private string? Found(Match match, string group, string what)
    {
        if (match.Success)
            return match.Groups[group].Value.Trim();
        warnings.Add($"Không thấy {what} của hội nghị.");
        return null;
    }

    private List<ParsedChair> Chairs()
    {
        var at = paragraphs.FindIndex(p => ChairVerb().IsMatch(p));
        if (at < 0)
        {
            warnings.Add("Không thấy người chủ trì hội nghị.");
            return [];
        }
        var source = paragraphs[at];
        if (ChairCaption().IsMatch(source) && at > 0)
        {
            source = paragraphs[at - 1];
            warnings.Add("Người chủ trì suy ra từ chú thích ảnh \"Chủ trì Hội nghị\" đi sau tên đồng chí đó.");
        }
        else
        {
            var verb = ChairVerb().Match(source);
            source = source[..(verb.Index + verb.Length)];
        }
        var chairs = Person().Matches(Abbreviation().Replace(source, ""))
            .Select(m => new ParsedChair(m.Groups["name"].Value, m.Groups["title"].Value.Trim(' ', ',')))
            .ToList();
        if (chairs.Count == 0)
            warnings.Add("Có chữ \"chủ trì\" nhưng không tách được tên và chức vụ người chủ trì.");
        return chairs;
    }

    private ParsedAttendance Attendance()
    {
        int? invited = null, present = null, excused = null, unexcused = null;
        List<string> excusedUnits = [], unexcusedUnits = [];
        foreach (var paragraph in paragraphs)
        {
            var text = Bullet().Replace(paragraph, "");
            if (PresentCount().Match(text) is { Success: true } count)
            {
                present = Number(count.Groups["present"].Value);
                invited = count.Groups["invited"].Success ? Number(count.Groups["invited"].Value) : invited;
            }
            else if (present is null && AttendedCount().Match(text) is { Success: true } attended)
                present = Number(attended.Groups["present"].Value);
            else if (Absence().Match(text) is { Success: true } absence)
            {
                var names = AbsentNames(absence.Groups["list"].Value);
                int? stated = absence.Groups["n"].Success ? Number(absence.Groups["n"].Value) : null;
                var kind = absence.Groups["kind"].Value;
                if (kind.StartsWith("có", StringComparison.Ordinal))
                    (excused, excusedUnits) = (stated ?? names.Count, names);
                else
                    (unexcused, unexcusedUnits) = (stated ?? names.Count, names);
                if (names.Count > 0 && stated is not null && stated != names.Count)
                    warnings.Add($"Vắng {kind}: nêu {stated} nhưng kể tên {names.Count}.");
            }
        }
        var missing = new[] { ("tổng số được mời", invited), ("số có mặt", present), ("số vắng có phép", excused), ("số vắng không phép", unexcused) }
            .Where(x => x.Item2 is null).Select(x => x.Item1).ToList();
        if (missing.Count > 0)
            warnings.Add($"Điểm danh: không thấy {string.Join(", ", missing)}.");
        return new ParsedAttendance(invited, present, excused, unexcused, excusedUnits, unexcusedUnits);
    }

    // "(gồm A, B, C và D)." or "đ/c X (title)." → the names, split at top-level commas and at "và" before a unit;
    // "(gồm A – lý do: r, s; B – lý do: t)" → split at semicolons, reasons dropped.
    private static List<string> AbsentNames(string list)
    {
        list = list.Trim().TrimEnd('.', ';').Trim();
        if (list.StartsWith('(') && list.EndsWith(')'))
            list = list[1..^1];
        list = Including().Replace(list, "");
        var byReason = NoticeTasks.SplitTopLevel(list, ';');
        var names = byReason.Count > 1 ? byReason.Select(name => name.Trim()).Where(name => name.Length > 0) : SplitNames(list);
        return [.. names.Select(name => Reason().Replace(PersonPrefix().Replace(name, ""), ""))];
    }

    internal static IEnumerable<string> SplitNames(string list) =>
        NoticeTasks.SplitTopLevel(list, ',').SelectMany(part => AndBeforeUnit().Split(part))
            .Select(name => name.Trim()).Where(name => name.Length > 0);

    // Sections start at numbered headings ("2. Nội dung kết luận:"); "* Heading:" lines are sub-sections (2.1, 2.2).
    // Bullets after a lead-in ("X thực hiện ... sau:") are X's tasks. A notice without numbered headings still
    // yields the items of a lead-in such as "đề nghị các cơ sở Đoàn thực hiện ... sau: a; b; c".
    private List<ParsedSection> Conclusions(int start, NoticeTasks tasks)
    {
        var sections = new List<(string? Number, string Heading, List<string> Items)>();
        List<string>? items = null;
        string? parent = null, lead = null;
        var (subsections, fallback) = (0, false);
        foreach (var paragraph in paragraphs.Skip(start))
        {
            if (RecipientsHeading().IsMatch(paragraph) || SignatureLine().IsMatch(paragraph)
                || (!Bullet().IsMatch(paragraph) && Closing().IsMatch(paragraph)))
                break;
            if (Heading().Match(paragraph) is { Success: true } heading && !IsNumberedItem(heading))
            {
                (parent, subsections, lead, fallback) = (heading.Groups["num"].Value.TrimEnd('.', ')'), 0, null, false);
                items = null;
                if (AttendanceHeading().IsMatch(heading.Groups["heading"].Value))
                    continue;
                sections.Add((parent, heading.Groups["heading"].Value.Trim(), items = []));
                if (heading.Groups["rest"].Value.Length > 0)
                    AddItem(heading.Groups["rest"].Value, isBullet: false);
                continue;
            }
            if (SubHeading().Match(paragraph) is { Success: true } sub && parent is not null)
            {
                subsections++;
                sections.Add(($"{parent}.{subsections}", sub.Groups["heading"].Value.Trim(), items = []));
                lead = null;
                continue;
            }
            var isBullet = Bullet().IsMatch(paragraph);
            if (items is null && parent is null && !isBullet && LeadIn().Match(paragraph) is { Success: true } orphan
                && NoticeTasks.LeadAssignee(orphan.Groups["lead"].Value) is not null)
            {
                sections.Add((null, orphan.Groups["lead"].Value.Trim(), items = []));
                fallback = true;
            }
            else if (fallback && !isBullet)
                items = null;
            if (items is not null && !PresentCount().IsMatch(paragraph) && !Absence().IsMatch(Bullet().Replace(paragraph, "")))
                AddItem(paragraph, isBullet);
        }
        if (sections.Count == 0)
            warnings.Add("Không thấy nội dung kết luận (các mục đánh số 1., 2. ... hoặc \"... sau:\").");
        return [.. sections.Select(s => new ParsedSection(s.Number, s.Heading, s.Items))];

        void AddItem(string paragraph, bool isBullet)
        {
            var text = Bullet().Replace(paragraph, "");
            if (!isBullet && LeadIn().Match(text) is { Success: true } leadIn)
            {
                lead = NoticeTasks.LeadAssignee(leadIn.Groups["lead"].Value);
                foreach (var part in NoticeTasks.SplitTopLevel(leadIn.Groups["rest"].Value, ';'))
                {
                    var item = part.Trim().TrimEnd(',', '…', '.', ' ');
                    if (item.Length == 0)
                        continue;
                    items!.Add(item);
                    tasks.From(item, lead);
                }
                return;
            }
            if (!isBullet)
                lead = null;
            items!.Add(text);
            tasks.From(text, lead);
        }
    }

    // "1. Tăng cường ... ." without a colon is an item of a numbered list, not a heading.
    private static bool IsNumberedItem(Match heading) =>
        !heading.Groups["rest"].Success && heading.Groups["heading"].Value.EndsWith('.');

    private List<ParsedReference> References() =>
        [.. paragraphs.SelectMany(p => Reference().Matches(p))
            .Select(m => new ParsedReference($"{m.Groups["n"].Value}-{m.Groups["symbol"].Value}", ToDate(m)))
            .GroupBy(r => r.Number).Select(g => g.FirstOrDefault(r => r.Date is not null) ?? g.First())];

    private List<string> Recipients()
    {
        var at = paragraphs.FindIndex(p => RecipientsHeading().IsMatch(p));
        if (at < 0)
        {
            warnings.Add("Không thấy mục \"Nơi nhận\".");
            return [];
        }
        var first = RecipientsHeading().Match(paragraphs[at]).Groups["rest"].Value;
        return [.. new[] { first }.Concat(paragraphs.Skip(at + 1).TakeWhile(p => Bullet().IsMatch(p) && !SignatureLine().IsMatch(p)))
            .Select(p => Bullet().Replace(p, "").TrimEnd(';', '.', ',', ' '))
            .Where(p => p.Length > 0)];
    }

    private ParsedSignature? Signature()
    {
        var at = paragraphs.FindIndex(p => SignatureLine().IsMatch(p));
        var rest = at < 0 ? [] : paragraphs.Skip(at + 1).Where(p => !Bullet().IsMatch(p) && !RecipientsHeading().IsMatch(p)).Take(2).ToList();
        if (rest.Count < 2)
        {
            warnings.Add("Không thấy chữ ký (dòng TM./TL./KT., chức vụ, người ký).");
            return null;
        }
        return new ParsedSignature(paragraphs[at], rest[0], rest[1]);
    }

    internal static DateOnly? ToDate(Match match)
    {
        if (!match.Success || !match.Groups["y"].Success)
            return null;
        int Value(string group) => Number(match.Groups[group].Value);
        return MakeDate(Value("y"), Value("m"), Value("d"));
    }

    internal static DateOnly? MakeDate(int year, int month, int day) =>
        year is >= 1900 and <= 2200 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    private static int Number(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\*\*(.+?)\*\*", Options)]
    private static partial Regex Bold();

    [GeneratedRegex(@"\((?:đã ký|Đã ký|ĐÃ KÝ)[^)]*\)", Options)]
    private static partial Regex SignedMark();

    [GeneratedRegex(@"\b(Đoàn\s+[Kk])hôi\b", Options)]
    private static partial Regex MisspeltBloc();

    [GeneratedRegex(@"\s+", Options)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[-_=*.~]{3,}$", Options)]
    private static partial Regex Separator();

    [GeneratedRegex(@"^(?:[-+•–*]|[a-zđ]\)\s|" + Numbered + @"|Nơi nhận|(?:TM|TL|KT|Q)\.\s)", Options)]
    private static partial Regex Structural();

    [GeneratedRegex(@"^(?:[-+•–*]|[a-zđ]\))\s*", Options)]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(?<num>" + NumberMark + @")\s+(?<heading>[^:]+?)\s*(?::\s*(?<rest>.*))?$", Options)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\*+\s*(?<heading>[^:*]+):\s*\**$", Options)]
    private static partial Regex SubHeading();

    [GeneratedRegex(@"tham dự|dự họp|thành phần|điểm danh", Options | RegexOptions.IgnoreCase)]
    private static partial Regex AttendanceHeading();

    [GeneratedRegex(@"^(?<lead>.+?\bsau)\s*:\s*(?<rest>.*)$", Options)]
    private static partial Regex LeadIn();

    [GeneratedRegex(@"^Trên đây là\b|\b[Tt]hông báo kết luận của\b", Options)]
    private static partial Regex Closing();

    [GeneratedRegex(@"[Hh]ội nghị", Options)]
    private static partial Regex MeetingWord();

    [GeneratedRegex(Date, Options)]
    private static partial Regex AnyDate();

    [GeneratedRegex(@"(?<d1>\d{1,2})(?:/(?<m1>\d{1,2})(?:/\d{4})?)?\s*(?:-|–|đến(?:\s+ngày)?|và)\s*(?<d2>\d{1,2})/(?<m2>\d{1,2})/(?<y>\d{4})", Options)]
    private static partial Regex DateRange();

    [GeneratedRegex(@"hội nghị\s+(?<kind>giao ban(?:\s+(?:các\s+)?cụm)?|sơ kết|tổng kết|kiểm tra|ban chấp hành|ban thường vụ|BCH|BTV)", Options | RegexOptions.IgnoreCase)]
    private static partial Regex KindPhrase();

    [GeneratedRegex(@"[Qq]uý\s+(?<q>IV|I{1,3}|[1-4])\b(?:\s*,?\s*năm\s+|\s*/\s*)(?<y>\d{4})", Options)]
    private static partial Regex Quarter();

    [GeneratedRegex(@"6 tháng (?<half>đầu|cuối) năm[^.\n]{0,80}?\b(?<y>\d{4})\b", Options)]
    private static partial Regex HalfYear();

    [GeneratedRegex(@"(?<!ngày\s+\d{1,2}\s+)\b[Tt]háng\s+(?<m>\d{1,2})\s*(?:/|năm)\s*(?<y>\d{4})\b", Options)]
    private static partial Regex Month();

    [GeneratedRegex(@"(?<!tháng\s+\d{1,2}\s+)\b[Nn]ăm\s+(?<y>\d{4})\b", Options)]
    private static partial Regex Year();

    [GeneratedRegex(@"\d{4}$", Options)]
    private static partial Regex YearInPeriod();

    [GeneratedRegex(@"\btại\s+(?<place>.+?)(?=,\s*(?:Ban|Thường trực|[Đđ]/c|[Đđ]ồng chí)\b|\.\s|\.?$)", Options)]
    private static partial Regex Place();

    [GeneratedRegex(@"(?<convenor>(?:Ban Thường vụ|Ban Chấp hành|Thường trực)\s[^.;:()]*?)\s+(?:đã\s+)?(?:tổ chức|thống nhất kết luận)", Options)]
    private static partial Regex Convenor();

    [GeneratedRegex(@"[Cc]hủ trì", Options)]
    private static partial Regex ChairVerb();

    [GeneratedRegex(@"^[Cc]hủ trì(?:\s+[Hh]ội nghị)?\.?$", Options)]
    private static partial Regex ChairCaption();

    // "(BT)", "(HĐ)": abbreviations explained in passing, dropped from titles.
    [GeneratedRegex(@"\s*\([A-ZĐ]{1,5}\)", Options)]
    private static partial Regex Abbreviation();

    [GeneratedRegex(@"(?:[Đđ]ồng chí|[Đđ]/c)\s+(?<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4})\s*(?:[–-]\s*(?<title>[^;()]+?)|\((?<title>[^()]+)\))(?=\s+(?:và\s+)?(?:[Đđ]ồng chí|[Đđ]/c)\s|\s+(?:đã\s+)?(?:đồng\s+)?[Cc]hủ trì|\s+phát biểu|\s*;|\s*$)", Options)]
    private static partial Regex Person();

    [GeneratedRegex(@"[Cc]ó mặt\s*:?\s*(?<present>\d+)(?:\s*/\s*(?<invited>\d+))?", Options)]
    private static partial Regex PresentCount();

    [GeneratedRegex(@"(?<present>\d+)\s+(?:đơn vị|[Cc]hi đoàn|[Đđ]oàn cơ sở|cơ sở [Đđ]oàn)\b[^.;]*?\s(?:cùng\s+)?(?:tham dự|dự họp|có mặt)", Options)]
    private static partial Regex AttendedCount();

    [GeneratedRegex(@"^Vắng\s*(?:(?<n>\d+)\s*(?:đơn vị|đ/c|đồng chí)\s*)?(?<kind>có phép|có lý do|không phép|không lý do)\s*:?\s*(?:(?<n>\d+)\s*(?:đơn vị|đ/c|đồng chí)\b)?\s*(?<list>.*)$", Options)]
    private static partial Regex Absence();

    [GeneratedRegex(@"^(?:gồm|là)\s*:?\s*", Options)]
    private static partial Regex Including();

    [GeneratedRegex(@"\s*[–-]\s*lý do\s*:.*$", Options)]
    private static partial Regex Reason();

    [GeneratedRegex(@"^(?:[Đđ]/c|[Đđ]ồng chí)\s+", Options)]
    private static partial Regex PersonPrefix();

    [GeneratedRegex(@"\s+và\s+(?=" + UnitStart + ")", Options)]
    private static partial Regex AndBeforeUnit();

    // Not "Số: 12-TB/ĐTN", the notice's own number.
    [GeneratedRegex(@"(?<![\p{L}\d/])(?<!Số\s*:?\s*)(?<n>\d{1,4})\s*-\s*(?<symbol>\p{Lu}\p{L}*(?:/\p{L}+(?:-\p{L}+)*)+)(?:\s+ngày\s+" + Date + ")?", Options)]
    private static partial Regex Reference();

    [GeneratedRegex(@"^Nơi nhận\s*:?\s*(?<rest>.*)$", Options)]
    private static partial Regex RecipientsHeading();

    [GeneratedRegex(@"^(?:TM|TL|KT|Q)\.\s*\S", Options)]
    private static partial Regex SignatureLine();
}
