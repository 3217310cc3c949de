using System.Globalization;
using System.Text.RegularExpressions;
using DoanPlatform.Meetings.Contracts;

namespace DoanPlatform.Meetings.Notices;

/// <summary>
/// Reads a notice's text line by line: first paragraphs (rejoining stray line breaks, dropping a web page's furniture), then
/// the opening sentence (date, place, convenor, chair), attendance, numbered conclusion sections and their tasks, references,
/// recipients and signature. It reads formal notices, minutes and the reports offices publish on their websites, and reads
/// back exactly the notices <see cref="NoticeDocument"/> writes. What it cannot find becomes a warning, never an exception.
/// </summary>
internal sealed partial class NoticeParser
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;
    private const string Date = @"(?:(?<d>\d{1,2})/(?<m>\d{1,2})/(?<y>\d{4})|(?:ngày\s+)?(?<d>\d{1,2})\s+tháng\s+(?<m>\d{1,2})\s+năm\s+(?<y>\d{4}))";
    private const string UnitStart = @"(?:Đoàn|Chi đoàn|Chi hội|Hội|Liên đội|[Đđ]/c|[Đđ]ồng chí)\s";
    private const string NumberMark = @"(?:\d+(?:\.\d+)+\.?|\d+[.)]|[IVX]+[.)])";
    private const string Numbered = NumberMark + @"\s+";

    private readonly List<string> paragraphs;
    private readonly List<string> warnings = [];

    private NoticeParser(string text) => paragraphs = Paragraphs(text);

    public static ParsedNotice Parse(string text) => new NoticeParser(text).Run();

    private ParsedNotice Run()
    {
        var opening = paragraphs.FindIndex(p => MeetingWord().IsMatch(p) && NoticeDates.StatesWhen(p));
        if (opening < 0)
            warnings.Add("Không thấy câu mở đầu nêu ngày họp và hội nghị.");
        var openingText = opening < 0 ? "" : paragraphs[opening];
        var header = string.Join('\n', paragraphs.Take(opening < 0 ? 5 : opening + 1));
        var body = opening < 0 ? paragraphs.Count : BodyStart(opening + 1);
        // The prose right after the opening still says what the meeting was ("Hội nghị nhằm tổng kết ...").
        var described = string.Join('\n', paragraphs.Take(opening < 0 ? 5 : Math.Min(body, opening + 3)));

        var chairWarnings = new List<string>();
        var chairs = NoticeChairs.Read(paragraphs, opening < 0 ? BodyStart(0) : body, chairWarnings);
        var (kind, kindWarning) = NoticeKinds.Read(described, chairs.Any(c => c.Cluster is not null));
        if (kindWarning is not null)
            warnings.Add(kindWarning);
        var period = Period(header);
        var (heldOn, heldUntil) = new NoticeDates(paragraphs, period, warnings).Read(openingText);
        if (heldOn is { } first && heldUntil is null && chairs.Any(c => c.Cluster is not null))
        {
            // Held cluster by cluster on consecutive days: from the first cluster's day to the last one's.
            var last = paragraphs.Take(body).Where(p => Cluster().IsMatch(p)).SelectMany(p => NoticeDates.DaysIn(p, first.Year)).DefaultIfEmpty(first).Max();
            heldUntil = last > first ? last : null;
        }
        var year = heldOn?.Year ?? (period is null ? null : Number(YearInPeriod().Match(period).Value));
        var place = Found(Place().Match(openingText), "place", "địa điểm");
        var convenor = paragraphs.Select(p => Convenor().Match(p)).FirstOrDefault(m => m.Success)?.Groups["convenor"].Value;
        if (convenor is null)
            warnings.Add("Không thấy đơn vị tổ chức hội nghị.");

        var (conclusions, tasks) = Conclusions(opening + 1, year);
        warnings.AddRange(chairWarnings);
        return new ParsedNotice(kind, period, heldOn, heldUntil, place, convenor, chairs, Attendance(), conclusions,
            tasks, References(), Recipients(), Signature(), warnings) { KindWarning = kindWarning };
    }

    // Where the conclusions begin: the first numbered heading, bullet or lead-in ("... sau:") after the opening.
    private int BodyStart(int from)
    {
        for (var at = from; at < paragraphs.Count; at++)
        {
            if (Structural().IsMatch(paragraphs[at]) || LeadIn().IsMatch(paragraphs[at]))
                return at;
        }
        return paragraphs.Count;
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
            if (NoticeClutter.IsRelatedHeading(line))
                break;
            if (line.Length == 0 || Separator().IsMatch(line) || NoticeClutter.IsWidget(line))
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
        // A web page repeats its headline (above the report, in a breadcrumb, under a photo): once is enough.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. paragraphs.Where(p => Structural().IsMatch(p) || seen.Add(p))];
    }

    private static string CleanLine(string line)
    {
        line = Bold().Replace(line, "$1");
        line = SignedMark().Replace(line, "");
        line = MisspeltBloc().Replace(line, "$1hối");
        line = line.Replace('\u2011', '-').Replace("\u200B", "", StringComparison.Ordinal).Replace("\u00AD", "", StringComparison.Ordinal);
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

    private string? Found(Match match, string group, string what)
    {
        if (match.Success)
            return match.Groups[group].Value.Trim();
        warnings.Add($"Không thấy {what} của hội nghị.");
        return null;
    }

    private ParsedAttendance Attendance()
    {
        int? invited = null, present = null, excused = null, unexcused = null;
        List<string> excusedUnits = [], unexcusedUnits = [];
        var counts = new List<ParsedCount>();
        foreach (var paragraph in paragraphs)
        {
            var text = Bullet().Replace(paragraph, "");
            counts.AddRange(OtherCounts(text).Where(c => !counts.Any(known => known.Number == c.Number && known.Kind == c.Kind)));
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
        foreach (var people in counts.Where(c => c.Kind == CountKind.People))
            warnings.Add($"Văn bản nêu {people.Text} (số người, không phải số đơn vị): không dùng làm điểm danh.");
        return new ParsedAttendance(invited, present, excused, unexcused, excusedUnits, unexcusedUnits) { OtherCounts = counts };
    }

    // People who attended ("65 đại biểu tham dự", "có mặt 42 đại biểu"), units inspected ("kiểm tra 21 đơn vị"), teams ("3 đoàn kiểm tra").
    private static IEnumerable<ParsedCount> OtherCounts(string paragraph)
    {
        foreach (var sentence in Sentence().Split(paragraph))
        {
            if (Attends().IsMatch(sentence))
            {
                foreach (Match people in People().Matches(sentence))
                    yield return new ParsedCount(Number(people.Groups["n"].Value), CountKind.People, people.Value);
            }
            foreach (Match inspected in Inspected().Matches(sentence))
                yield return new ParsedCount(Number(inspected.Groups["n"].Value), CountKind.InspectedUnits, inspected.Value);
            foreach (Match teams in Teams().Matches(sentence))
                yield return new ParsedCount(Number(teams.Groups["n"].Value), CountKind.InspectionTeams, teams.Value);
        }
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
        var names = byReason.Count > 1 || Reason().IsMatch(list) ? byReason.Select(name => name.Trim()).Where(name => name.Length > 0) : SplitNames(list);
        return [.. names.Select(name => Reason().Replace(PersonPrefix().Replace(name, ""), ""))];
    }

    internal static IEnumerable<string> SplitNames(string list) =>
        NoticeTasks.SplitTopLevel(list, ',').SelectMany(part => AndBeforeUnit().Split(part))
            .Select(name => name.Trim()).Where(name => name.Length > 0);

    // Sections start at numbered headings ("2. Nội dung kết luận:"); "* Heading:" lines are sub-sections (2.1, 2.2).
    // Bullets after a lead-in ("X thực hiện ... sau:") are X's tasks. A notice without numbered headings still
    // yields the items of a lead-in such as "đề nghị các cơ sở Đoàn thực hiện ... sau: a; b; c".
    // "2. Nội dung kết luận:" directly followed by numbered headings only groups them (as NoticeDocument writes
    // them, renumbered from 1), and a "Phân công thực hiện" section, when there is one, holds the notice's tasks:
    // the dated conclusions above it are not tasks a second time.
    private (List<ParsedSection> Sections, List<ParsedTask> Tasks) Conclusions(int start, int? year)
    {
        var sections = new List<(string? Number, string Heading, List<string> Items, bool Assignments)>();
        var (concludedWarnings, assignedWarnings) = (new List<string>(), new List<string>());
        var (concluded, assigned) = (new NoticeTasks(year, concludedWarnings), new NoticeTasks(year, assignedWarnings));
        var (tasks, everyAssignmentDated) = (concluded, true);
        List<string>? items = null;
        string? parent = null, lead = null;
        (string Number, string Heading)? group = null;
        var (subsections, fallback, inGroup, assignments) = (0, false, false, false);
        foreach (var paragraph in paragraphs.Skip(start))
        {
            if (RecipientsHeading().IsMatch(paragraph) || SignatureLine().IsMatch(paragraph)
                || (!Bullet().IsMatch(paragraph) && Closing().IsMatch(paragraph)))
                break;
            var isBullet = Bullet().IsMatch(paragraph);
            if (!isBullet && NoticeClutter.IsCaptionOrAuthor(paragraph))
                continue;
            var heading = Heading().Match(paragraph);
            var bare = inGroup || group is not null ? BareNumber().Match(paragraph) : Match.Empty;
            if ((heading.Success && (!IsNumberedItem(heading) || inGroup)) || bare.Success)
            {
                var number = (bare.Success ? bare.Groups["num"].Value : heading.Groups["num"].Value).TrimEnd('.', ')');
                var title = bare.Success ? "" : heading.Groups["heading"].Value.Trim();
                var rest = bare.Success ? "" : heading.Groups["rest"].Value;
                (parent, subsections, lead, fallback) = (number, 0, null, false);
                items = null;
                var topLevel = AttendanceHeading().IsMatch(title) || AssignmentsHeading().IsMatch(title);
                inGroup = (inGroup || group is not null) && !topLevel;
                group = null;
                assignments = AssignmentsHeading().IsMatch(title) && rest.Length == 0;
                tasks = assignments ? assigned : concluded;
                if (AttendanceHeading().IsMatch(title))
                    continue;
                if (!inGroup && rest.Length == 0 && !assignments && GroupHeading().IsMatch(title))
                {
                    group = (number, title);
                    continue;
                }
                sections.Add((number, title, items = [], assignments));
                if (rest.Length > 0)
                    AddItem(rest, isBullet: false);
                continue;
            }
            if (SubHeading().Match(paragraph) is { Success: true } sub && parent is not null)
            {
                subsections++;
                sections.Add(($"{parent}.{subsections}", sub.Groups["heading"].Value.Trim(), items = [], false));
                (lead, group) = (null, null);
                continue;
            }
            if (group is { } own && items is null)
            {
                // Items right under "2. Nội dung kết luận:": it is a section of its own after all.
                sections.Add((own.Number, own.Heading, items = [], false));
                group = null;
            }
            if (items is null && parent is null && !isBullet && LeadIn().Match(paragraph) is { Success: true } orphan
                && NoticeTasks.LeadAssignee(orphan.Groups["lead"].Value) is not null)
            {
                sections.Add((null, orphan.Groups["lead"].Value.Trim(), items = [], false));
                fallback = true;
            }
            else if (fallback && !isBullet)
                items = null;
            if (items is not null && !PresentCount().IsMatch(paragraph) && !Absence().IsMatch(Bullet().Replace(paragraph, "")))
                AddItem(paragraph, isBullet);
        }
        if (sections.Count == 0 && group is { } empty)
            sections.Add((empty.Number, empty.Heading, [], false));
        if (sections.Count == 0)
            warnings.Add("Không thấy nội dung kết luận (các mục đánh số 1., 2. ... hoặc \"... sau:\").");
        var hasAssignments = sections.Any(s => s.Assignments);
        warnings.AddRange(hasAssignments ? assignedWarnings : concludedWarnings);
        // An assignment that is not a dated task would be lost on import unless it stays among the conclusions.
        var kept = sections.Where(s => !s.Assignments || !everyAssignmentDated);
        return ([.. kept.Select(s => new ParsedSection(s.Number, s.Heading, s.Items))], hasAssignments ? assigned.All : concluded.All);

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
                    Task(item);
                }
                return;
            }
            if (!isBullet)
                lead = null;
            items!.Add(text);
            Task(text);
        }

        void Task(string item)
        {
            var before = tasks.All.Count;
            tasks.From(item, lead);
            if (assignments && (tasks.All.Count == before || tasks.All.Skip(before).Any(t => t.Deadline is null)))
                everyAssignmentDated = false;
        }
    }

    // "1. Tăng cường ... ." without a colon is an item of a numbered list, not a heading.
    private static bool IsNumberedItem(Match heading) =>
        !heading.Groups["rest"].Success && heading.Groups["heading"].Value.EndsWith('.');

    private List<ParsedReference> References() =>
        [.. paragraphs.SelectMany(p => ReferencePattern().Matches(p))
            .Select(m => new ParsedReference(m.Groups["state"].Success
                ? $"{m.Groups["n"].Value}/{m.Groups["state"].Value}"
                : $"{m.Groups["n"].Value}-{m.Groups["symbol"].Value}", ToDate(m)))
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

    [GeneratedRegex(@"^(?<num>\d+(?:\.\d+)*)\.?$", Options)]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"^(?:Nội dung\s+)?[Kk]ết luận(?:\s+(?:của|tại)\s+(?:Hội nghị|Thường trực|Ban Thường vụ)\b.*)?$", Options)]
    private static partial Regex GroupHeading();

    [GeneratedRegex(@"^Phân công(?:\s+(?:thực hiện|nhiệm vụ))?$", Options | RegexOptions.IgnoreCase)]
    private static partial Regex AssignmentsHeading();

    [GeneratedRegex(@"tham dự|dự họp|thành phần|điểm danh", Options | RegexOptions.IgnoreCase)]
    private static partial Regex AttendanceHeading();

    [GeneratedRegex(@"^(?<lead>.+?\bsau)\s*:\s*(?<rest>.*)$", Options)]
    private static partial Regex LeadIn();

    [GeneratedRegex(@"^Trên đây là\b|\b[Tt]hông báo kết luận của\b", Options)]
    private static partial Regex Closing();

    [GeneratedRegex(@"\b(?:hội nghị|giao ban|sơ kết|tổng kết|kiểm tra|họp)\b", Options | RegexOptions.IgnoreCase)]
    private static partial Regex MeetingWord();

    [GeneratedRegex(@"\b[Cc]ụm\b", Options)]
    private static partial Regex Cluster();

    [GeneratedRegex(Date, Options)]
    internal static partial Regex AnyDate();

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

    [GeneratedRegex(@"\btại\s+(?<place>.+?)(?=,\s*(?:Ban|Thường trực|[Đđ]/c|[Đđ]ồng chí|[Hh]ội nghị)\b|\s+do\s|;|\.\s|\.?$)", Options)]
    private static partial Regex Place();

    [GeneratedRegex(@"(?<convenor>(?:Ban Thường vụ|Ban Chấp hành|Thường trực)\s[^.;:()]*?)\s+(?:đã\s+)?(?:tổ chức|thống nhất kết luận)", Options)]
    private static partial Regex Convenor();

    private const string PeopleNoun = @"(?:đại biểu|đồng chí|đ/c|người|cán bộ|đoàn viên|hội viên|thanh niên|thiếu nhi|học sinh|sinh viên)\b";

    [GeneratedRegex(@"[Cc]ó mặt\s*:?\s*(?<present>\d+)(?:\s*/\s*(?<invited>\d+))?(?!\d|\s*" + PeopleNoun + ")", Options)]
    private static partial Regex PresentCount();

    [GeneratedRegex(@"(?<![\d.,])(?<n>\d+)\s+" + PeopleNoun, Options | RegexOptions.IgnoreCase)]
    private static partial Regex People();

    [GeneratedRegex(@"\b(?:tham dự|dự họp|có mặt|về dự)\b", Options | RegexOptions.IgnoreCase)]
    private static partial Regex Attends();

    [GeneratedRegex(@"\bkiểm tra\s+(?:(?:tại|đối với)\s+)?(?<n>\d+)\s+(?:đơn vị|cơ sở|[Cc]hi đoàn|[Đđ]oàn cơ sở|huyện|xã)", Options)]
    private static partial Regex Inspected();

    [GeneratedRegex(@"(?<n>\d+)\s+đoàn kiểm tra\b", Options)]
    private static partial Regex Teams();

    [GeneratedRegex(@"(?<=[.;!?])\s+", Options)]
    private static partial Regex Sentence();

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

    // "112-KH/TĐTN-TCKT", "12 – KH/ĐTN", "Hướng dẫn 05 HD/ĐTN" (a space for the dash after the document's type), the state's
    // "87/UBND-VX"; with its date when one follows. Not "Số: 12-TB/ĐTN", the notice's own number.
    private const string DocumentType = @"(?:Kế hoạch|Hướng dẫn|Thông báo|Quyết định|Chương trình|Công văn|Báo cáo|Nghị quyết|Chỉ thị|Tờ trình|Kết luận|Thông tri|Quy chế|Quy định)(?:\s+số)?\s+";
    private const string Symbol = @"(?<symbol>\p{Lu}\p{L}*(?:/\p{L}+(?:-\p{L}+)*)+)";

    [GeneratedRegex(@"(?<![\p{L}\d/])(?<!Số\s*:?\s*)(?:(?<n>\d{1,4})\s*[-–]\s*" + Symbol + @"|(?<=" + DocumentType + @")(?<n>\d{1,4})\s+" + Symbol
        + @"|(?<n>\d{1,4})/(?<state>\p{Lu}+(?:-\p{Lu}+)+)(?![\p{L}\d]))(?:\s*,?\s+ngày\s+" + Date + ")?", Options)]
    internal static partial Regex ReferencePattern();

    [GeneratedRegex(@"^Nơi nhận\s*:?\s*(?<rest>.*)$", Options)]
    private static partial Regex RecipientsHeading();

    [GeneratedRegex(@"^(?:TM|TL|KT|Q)\.\s*\S", Options)]
    private static partial Regex SignatureLine();
}
