using System.Globalization;
using System.Text;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Meetings.Notices;
using DoanPlatform.Meetings.ReadModels;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Meetings.Features;

/// <summary>
/// Turn an old notice into a recorded meeting of the convening unit, all or nothing: every absent unit it names must
/// match exactly one of the convening unit's direct units on the meeting date, and its counts must agree with the tree.
/// </summary>
internal static class ImportNotice
{
    public const string DefaultExcuse = "Theo thông báo kết luận";

    public enum Outcome { Imported, DryRun, Refused }

    /// <summary>The fields a caller's input is checked against (an HTTP form names the same fields).</summary>
    public const string FileField = "file", ConveningUnitField = "conveningUnitId";

    /// <summary>The key of the error about a manual match for the name <paramref name="written"/>.</summary>
    public static string MatchField(string written) => $"matches[{written}]";

    /// <summary>
    /// An import: <paramref name="ReadText"/> reads the notice (throwing <see cref="InvalidDataException"/> when it cannot), the convening
    /// unit is a code or an id, <paramref name="Matches"/> pairs names the notice writes with units chosen by hand.
    /// </summary>
    public sealed record Request(string FileName, Func<string> ReadText, string ConveningUnit, IReadOnlyDictionary<string, Guid> Matches, bool DryRun, bool Force);

    /// <summary>A unit the notice names as absent, and the unit it stands for (null when none could be told).</summary>
    public sealed record NamedUnit(string Written, AttendanceStatus Status, UnitSummary? Unit, bool Manual, string? Problem);

    /// <summary>
    /// What happened. <see cref="Invalid"/>: the input itself is wrong (file, unit, manual matches); <see cref="Refusals"/>: the notice cannot
    /// be written as it stands. <see cref="Events"/> are the events written (or, on a dry run or a refusal, that would be).
    /// </summary>
    public sealed record Result(
        Outcome Outcome, Guid? MeetingId, FieldErrors Invalid, IReadOnlyList<string> Refusals, IReadOnlyList<NamedUnit> Names,
        IReadOnlyList<string> Warnings, IReadOnlyList<string> Conflicts, UnitSummary? ConveningUnit, IReadOnlyList<UnitSummary> Candidates,
        IReadOnlyList<object> Events)
    {
        public IReadOnlyDictionary<string, Guid> Matched => Names.Where(n => n.Unit is not null).ToDictionary(n => n.Written, n => n.Unit!.Id);

        public IReadOnlyList<string> Unmatched => [.. Names.Where(n => n.Unit is null).Select(n => n.Written)];

        public IEnumerable<string> Errors => Invalid.Values.SelectMany(m => m).Concat(Refusals);

        /// <summary>Why the meeting's kind is uncertain (two kinds fit the notice, or none), also among <see cref="Warnings"/>.</summary>
        public string? KindWarning { get; init; }
    }

    public static async Task<Result> RunAsync(IDocumentStore store, IUnitDirectory directory, Actor actor, Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(request);
        ParsedNotice notice;
        try
        {
            notice = NoticeParser.Parse(request.ReadText());
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Invalid(FileField, e.Message);
        }
        if (notice.HeldOn is not { } heldOn)
            return Invalid(FileField, "Thông báo không ghi ngày họp nên không xác định được cây đơn vị vào ngày nào.");
        var reference = request.ConveningUnit.Trim();
        var convening = Guid.TryParse(reference, out var conveningId)
            ? await directory.FindAsync(conveningId, heldOn, ct)
            : await directory.FindByCodeAsync(reference, heldOn, ct);
        if (convening is null)
            return Invalid(ConveningUnitField, Guid.TryParse(reference, out _)
                ? $"Đơn vị triệu tập chưa có hoặc không còn vào ngày họp {heldOn:dd/MM/yyyy}."
                : $"Không có đơn vị mã '{reference}' vào ngày họp {heldOn:dd/MM/yyyy}.");
        var children = await directory.ChildrenAsync(convening.Id, heldOn, ct);

        var invalid = new FieldErrors();
        // What the parser could not find or had to infer (a year, a kind) is the importer's to check first.
        var warnings = new List<string>(notice.Warnings);
        var names = MatchNames(notice.Attendance, children, request.Matches, convening, invalid, warnings);
        var conflicts = Reconcile(notice.Attendance, children.Count, convening.Name, heldOn);
        // An import run twice must not record the meeting twice; the meetings read model is current in the CLI (daemon caught up).
        var earlier = (await AttendanceQueries.MeetingsAsync(store.DataSource, convening.Id, heldOn.Year, ct))
            .FirstOrDefault(m => m.HeldOn == heldOn && m.Kind == notice.Kind?.ToString());
        if (earlier is not null)
            conflicts.Add($"{convening.Name} đã có hội nghị cùng loại ngày {heldOn:dd/MM/yyyy}: \"{earlier.Title}\" ({earlier.MeetingId}).");
        warnings.AddRange(conflicts);
        if (notice.Attendance is { Invited: null, Present: null })
            warnings.Add("Thông báo không nêu số đơn vị được mời, có mặt: không đối chiếu được với cây đơn vị.");

        var errors = new FieldErrors();
        var id = Guid.CreateVersion7();
        var convened = ConveneMeeting.Decide(id, new ConveneMeeting.Request(notice.Kind, convening.Id, Title(notice), notice.Period, heldOn,
            notice.HeldUntil, notice.Place, [.. notice.Chairs.Select(c => new Chair(c.Name, c.Title, c.Cluster))], null, null, null),
            [.. children.Select(c => c.Id)], errors);
        var meeting = Meeting.Initial.Evolve(convened);
        var absent = names.Where(n => n.Unit is not null).ToDictionary(n => n.Unit!.Id, n => n.Status);
        var attendance = MeetingDecisions.RecordAttendance(meeting, [.. meeting.InvitedUnits.Select(u => absent.GetValueOrDefault(u) switch
        {
            AttendanceStatus.ExcusedAbsence => new MeetingDecisions.AttendanceEntry(u, null, AttendanceStatus.ExcusedAbsence, DefaultExcuse),
            AttendanceStatus.UnexcusedAbsence => new MeetingDecisions.AttendanceEntry(u, null, AttendanceStatus.UnexcusedAbsence, null),
            _ => new MeetingDecisions.AttendanceEntry(u, null, AttendanceStatus.Present, null),
        })], errors);
        var meetingEvents = new List<object> { convened };
        meetingEvents.AddRange(attendance);
        var sections = Sections(notice.Conclusions, warnings);
        if (sections.Count > 0)
            meetingEvents.Add(MeetingDecisions.RecordConclusions(meeting, sections, errors));
        else
            warnings.Add("Thông báo không có nội dung kết luận đọc được.");
        var tasks = Tasks(notice, meeting, children, warnings);
        meetingEvents.AddRange(tasks.Select(t => new TaskLinked(id, t.TaskId)));

        var refusals = errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")).ToList();
        if (conflicts.Count > 0 && !request.Force)
            refusals.Add("Thông báo không khớp dữ liệu đã có (xem lưu ý); kiểm tra lại, hoặc xác nhận vẫn nhập (--force; trên màn hình: ô \"Vẫn nhập\").");
        var unmatched = names.Count(n => n.Unit is null);
        if (unmatched > 0)
            refusals.Add($"{unmatched} tên đơn vị không khớp đúng một đơn vị trực thuộc {convening.Name}; không ghi gì.");
        var all = meetingEvents.Concat(tasks).ToList();
        Result Answer(Outcome outcome, Guid? meetingId) =>
            new(outcome, meetingId, invalid, refusals, names, warnings, conflicts, convening, children, all) { KindWarning = notice.KindWarning };
        if (refusals.Count > 0 || invalid.Count > 0)
            return Answer(Outcome.Refused, null);
        if (request.DryRun)
            return Answer(Outcome.DryRun, null);

        await using var session = store.LightweightSession(actor);
        session.Reason = $"Nhập từ thông báo cũ: {request.FileName}";
        session.Events.StartStream<Meeting>(id, [.. meetingEvents]);
        foreach (var task in tasks)
            session.Events.StartStream<MeetingTask>(task.TaskId, task);
        await session.SaveChangesAsync(ct);
        return Answer(Outcome.Imported, id);
    }

    /// <summary>
    /// Each absent name with its unit: a unit chosen by hand (one of <paramref name="children"/>, not chosen for another name), else the one
    /// unit the name matches. A manual match the input got wrong is an error on its field; a name left unmatched is a warning.
    /// </summary>
    private static List<NamedUnit> MatchNames(ParsedAttendance attendance, IReadOnlyList<UnitSummary> children, IReadOnlyDictionary<string, Guid> manual,
        UnitSummary convening, FieldErrors invalid, List<string> warnings)
    {
        var written = attendance.ExcusedUnits.Select(n => (Name: n, Status: AttendanceStatus.ExcusedAbsence))
            .Concat(attendance.UnexcusedUnits.Select(n => (Name: n, Status: AttendanceStatus.UnexcusedAbsence))).ToList();
        foreach (var name in manual.Keys.Where(k => !written.Any(w => w.Name == k)))
            invalid.Require(false, MatchField(name), $"Thông báo không nêu tên đơn vị vắng \"{name}\".");
        var byId = children.ToDictionary(c => c.Id);
        var taken = new Dictionary<Guid, string>();
        foreach (var (name, id) in manual.Where(m => written.Any(w => w.Name == m.Key)))
        {
            if (!byId.ContainsKey(id))
                invalid.Require(false, MatchField(name), $"Chỉ chọn được một đơn vị trực thuộc {convening.Name} vào ngày họp.");
            else if (!taken.TryAdd(id, name))
                invalid.Require(false, MatchField(name), $"{byId[id].Name} đã được chọn cho tên \"{taken[id]}\".");
        }

        var names = new List<NamedUnit>();
        foreach (var (name, status) in written)
        {
            var duplicate = names.Any(n => n.Written == name);
            var isManual = !duplicate && manual.TryGetValue(name, out var chosen) && byId.ContainsKey(chosen) && taken[chosen] == name;
            UnitSummary? found;
            string? problem;
            if (duplicate)
                (found, problem) = (null, "nêu tên hai lần");
            else if (isManual)
                (found, problem) = (byId[manual[name]], null);
            else
                (found, problem) = Match(name, children);
            if (!isManual && found is not null && taken.TryGetValue(found.Id, out var other))
            {
                if (manual.ContainsKey(other))
                    invalid.Require(false, MatchField(other), $"{found.Name} đã ứng với tên \"{name}\" trong thông báo.");
                problem = $"trùng đơn vị với tên khác đã nêu ({found.Name})";
                found = null;
            }
            if (found is null)
                warnings.Add($"Không khớp \"{name}\": {problem}.");
            else
                taken[found.Id] = name;
            names.Add(new NamedUnit(name, status, found, isManual, problem));
        }
        return names;
    }

    /// <summary>The result as the operator reads it, in Vietnamese.</summary>
    public static string Describe(Result result, string fileName)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        Line(result.Outcome switch
        {
            Outcome.Imported => $"Đã nhập {fileName} thành hội nghị {result.MeetingId}.",
            Outcome.DryRun => $"Chạy thử {fileName}: sẽ ghi các nội dung dưới đây (chưa ghi gì).",
            _ => $"Không nhập {fileName}: không ghi gì vào cơ sở dữ liệu.",
        });
        if (result.Events.OfType<MeetingConvened>().FirstOrDefault() is { } convened && result.ConveningUnit is { } unit)
        {
            Line($"Hội nghị: {convened.Title}, ngày {convened.HeldOn:dd/MM/yyyy}{(convened.HeldUntil is { } until ? $" – {until:dd/MM/yyyy}" : "")}, tại {convened.Venue}; "
                + $"chủ trì: {string.Join("; ", convened.Chairs.Select(c => c.Cluster is null ? c.Name : $"{c.Cluster}: {c.Name}"))}.");
            Line($"Đơn vị triệu tập: {unit.Name} ({unit.Code}); được mời: {convened.InvitedUnits.Count} đơn vị trực thuộc.");
        }
        if (result.Outcome != Outcome.Refused)
        {
            var attendance = result.Events.OfType<AttendanceRecorded>().ToList();
            var invited = result.Events.OfType<MeetingConvened>().Single().InvitedUnits.Count;
            string Name(Guid? id) => result.Candidates.FirstOrDefault(c => c.Id == id)?.Name ?? $"{id}";
            Line($"Điểm danh: {attendance.Count(a => a.Status == AttendanceStatus.Present)}/{invited} có mặt, " +
                $"{attendance.Count(a => a.Status == AttendanceStatus.ExcusedAbsence)} vắng có phép, {attendance.Count(a => a.Status == AttendanceStatus.UnexcusedAbsence)} vắng không phép.");
            foreach (var a in attendance.Where(a => a.Status != AttendanceStatus.Present))
            {
                var written = result.Matched.FirstOrDefault(m => m.Value == a.UnitId).Key;
                Line($"  - {(a.Status == AttendanceStatus.ExcusedAbsence ? "Vắng có phép" : "Vắng không phép")}: {Name(a.UnitId)}" +
                    (written is null || written == Name(a.UnitId) ? "" : $" (thông báo ghi: \"{written}\")"));
            }
            if (result.Events.OfType<ConclusionsRecorded>().FirstOrDefault() is { } conclusions)
                Line($"Kết luận: {conclusions.Sections.Count} phần, {conclusions.Sections.Sum(s => s.Items.Count)} ý.");
            var tasks = result.Events.OfType<TaskAssigned>().ToList();
            Line($"Nhiệm vụ theo dõi: {tasks.Count}.");
            foreach (var t in tasks)
                Line($"  - Hạn {t.Deadline:dd/MM/yyyy}, giao {(t.Scope == AssigneeScope.AllInvited ? "tất cả đơn vị được mời" : string.Join(", ", t.Units.Select(u => Name(u))))}: {Short(t.Text)}");
        }
        if (result.Unmatched.Count > 0)
        {
            Line($"Tên không khớp đơn vị nào ({result.Unmatched.Count}):");
            foreach (var name in result.Unmatched)
                Line($"  - {name}");
        }
        if (result.Warnings.Count > 0)
        {
            Line("Lưu ý:");
            foreach (var warning in result.Warnings)
                Line($"  - {warning}");
        }
        foreach (var error in result.Errors)
            Line($"Lỗi: {error}");
        return text.ToString();
    }

    private static Result Invalid(string field, string error) =>
        new(Outcome.Refused, null, new FieldErrors().Require(false, field, error), [], [], [], [], null, [], []);

    private static string Title(ParsedNotice notice) => $"{KindName(notice.Kind)} {notice.Period}".Trim();

    public static string KindName(MeetingKind? kind) => kind switch
    {
        MeetingKind.Briefing => "Hội nghị giao ban",
        MeetingKind.Review => "Hội nghị sơ kết",
        MeetingKind.YearEnd => "Hội nghị tổng kết",
        MeetingKind.Inspection => "Hội nghị kiểm tra",
        MeetingKind.ClusterBriefing => "Hội nghị giao ban cụm thi đua",
        MeetingKind.Committee => "Hội nghị Ban Chấp hành",
        _ => "Hội nghị",
    };

    /// <summary>Stated counts against the tree: invited = direct units, present + named absentees = direct units, stated absentee counts = names.</summary>
    private static List<string> Reconcile(ParsedAttendance stated, int children, string convenor, DateOnly heldOn)
    {
        var problems = new List<string>();
        var named = stated.ExcusedUnits.Count + stated.UnexcusedUnits.Count;
        if (stated.Invited is { } invited && invited != children)
            problems.Add($"Thông báo ghi {invited} đơn vị được mời, nhưng {convenor} có {children} đơn vị trực thuộc vào ngày {heldOn:dd/MM/yyyy}.");
        if (stated.Present is { } present && present + named != children)
            problems.Add($"Thông báo ghi {present} đơn vị có mặt và nêu tên {named} đơn vị vắng ({present + named}), không khớp {children} đơn vị trực thuộc.");
        if (stated.Excused is { } excused && excused != stated.ExcusedUnits.Count)
            problems.Add($"Thông báo ghi {excused} đơn vị vắng có phép nhưng nêu tên {stated.ExcusedUnits.Count}.");
        if (stated.Unexcused is { } unexcused && unexcused != stated.UnexcusedUnits.Count)
            problems.Add($"Thông báo ghi {unexcused} đơn vị vắng không phép nhưng nêu tên {stated.UnexcusedUnits.Count}.");
        return problems;
    }

    /// <summary>Sections with items; a bare heading such as "2." over 2.1, 2.2 has none and is left out.</summary>
    private static List<ConclusionSection> Sections(IReadOnlyList<ParsedSection> parsed, List<string> warnings)
    {
        var sections = new List<ConclusionSection>();
        for (var i = 0; i < parsed.Count; i++)
        {
            if (parsed[i].Items.Count == 0)
            {
                warnings.Add($"Bỏ tiêu đề không có mục nào: \"{$"{parsed[i].Section} {parsed[i].Heading}".Trim()}\".");
                continue;
            }
            sections.Add(new ConclusionSection(parsed[i].Section ?? (sections.Count + 1).ToString(CultureInfo.InvariantCulture), parsed[i].Heading, parsed[i].Items));
        }
        return sections;
    }

    private static List<TaskAssigned> Tasks(ParsedNotice notice, Meeting meeting, IReadOnlyList<UnitSummary> children, List<string> warnings)
    {
        var tasks = new List<TaskAssigned>();
        var undated = notice.Tasks.Count(t => t.Deadline is null);
        if (undated > 0)
            warnings.Add($"{undated} nhiệm vụ không có thời hạn: chỉ ghi trong kết luận, không tạo nhiệm vụ theo dõi.");
        foreach (var task in notice.Tasks.Where(t => t.Deadline is not null))
        {
            var units = task.Assignees.Select(a => (Name: a, Match(a, children).Unit)).ToList();
            if (units.FirstOrDefault(u => u.Unit is null) is { Name: { } missing })
            {
                warnings.Add($"Bỏ nhiệm vụ \"{Short(task.Text)}\": \"{missing}\" không khớp một đơn vị được mời.");
                continue;
            }
            var references = notice.References.Where(r => Compact(task.Text).Contains(Compact(r.Number), StringComparison.Ordinal))
                .Select(r => new DocumentRef(r.Number, r.Date)).ToList();
            var errors = new FieldErrors();
            var scope = task.Sector is not null ? AssigneeScope.Sector : units.Count == 0 ? AssigneeScope.AllInvited : AssigneeScope.Units;
            var assigned = AssignTask.Decide(meeting, Guid.CreateVersion7(), new AssignTask.Request(null, task.Text,
                scope, task.Sector, [.. units.Select(u => u.Unit!.Id)], task.Deadline, null, task.Target,
                references), children.ToDictionary(c => c.Id, c => c.Sector), errors);
            if (errors.Count > 0)
                warnings.Add($"Bỏ nhiệm vụ \"{Short(task.Text)}\": {string.Join(" ", errors.Values.SelectMany(v => v))}");
            else
                tasks.Add(assigned);
        }
        return tasks;
    }

    private static string Short(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 60), "…");

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>
    /// The one unit a written name stands for: the whole name first, then with "Đoàn "/"Chi đoàn " dropped on both sides,
    /// compared without diacritics or case. None or several: no match, with the reason.
    /// </summary>
    public static (UnitSummary? Unit, string? Problem) Match(string written, IReadOnlyList<UnitSummary> units)
    {
        var key = Fold(written);
        var exact = units.Where(u => Fold(u.Name) == key || Fold(u.ShortName) == key).ToList();
        if (exact.Count == 1)
            return (exact[0], null);
        var candidates = exact.Count > 1 ? exact : [.. units.Where(u => Bare(Fold(u.Name)) == Bare(key) || Bare(Fold(u.ShortName)) == Bare(key))];
        return candidates.Count switch
        {
            1 => (candidates[0], null),
            0 => (null, "không có đơn vị trực thuộc nào mang tên này"),
            _ => (null, $"khớp nhiều đơn vị ({string.Join("; ", candidates.Select(c => c.Name))})"),
        };
    }

    /// <summary>Diacritics removed (đ too), case folded, dashes and spaces made uniform.</summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            folded.Append(c switch
            {
                'đ' or 'Đ' => "d",
                '–' or '—' or '‑' or '−' or '-' => " - ",
                _ when char.IsWhiteSpace(c) => " ",
                _ => char.ToLowerInvariant(c).ToString(),
            });
        }
        return string.Join(' ', folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Bare(string folded) =>
        folded.StartsWith("chi doan ", StringComparison.Ordinal) ? folded[9..]
        : folded.StartsWith("doan ", StringComparison.Ordinal) ? folded[5..]
        : folded;
}
