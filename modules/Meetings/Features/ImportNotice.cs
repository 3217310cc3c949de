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

    /// <summary>What happened; <see cref="Events"/> are the events written (or, on a dry run, that would be).</summary>
    public sealed record Result(
        Outcome Outcome, Guid? MeetingId, IReadOnlyList<string> Errors, IReadOnlyDictionary<string, Guid> Matched, IReadOnlyList<string> Unmatched,
        IReadOnlyList<string> Warnings, UnitSummary? ConveningUnit, IReadOnlyDictionary<Guid, string> UnitNames, IReadOnlyList<object> Events);

    public static Task<Result> RunAsync(IDocumentStore store, IUnitDirectory directory, Actor actor, string path, string conveningUnitCode,
        bool dryRun, CancellationToken ct) => RunAsync(store, directory, actor, path, conveningUnitCode, dryRun, force: false, ct);

    public static async Task<Result> RunAsync(IDocumentStore store, IUnitDirectory directory, Actor actor, string path, string conveningUnitCode,
        bool dryRun, bool force, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(directory);
        ParsedNotice notice;
        try
        {
            notice = NoticeParser.Parse(NoticeText.Read(path));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Refused(e.Message);
        }
        if (notice.HeldOn is not { } heldOn)
            return Refused("Thông báo không ghi ngày họp nên không xác định được cây đơn vị vào ngày nào.");
        var code = conveningUnitCode.Trim();
        var convening = await directory.FindByCodeAsync(code, heldOn, ct);
        if (convening is null)
            return Refused($"Không có đơn vị mã '{code}' vào ngày họp {heldOn:dd/MM/yyyy}.");
        var children = await directory.ChildrenAsync(convening.Id, heldOn, ct);

        var warnings = new List<string>();
        var matched = new Dictionary<string, Guid>();
        var unmatched = new List<string>();
        foreach (var name in notice.Attendance.ExcusedUnits.Concat(notice.Attendance.UnexcusedUnits))
        {
            var (unit, problem) = Match(name, children);
            if (unit is not null && matched.ContainsValue(unit.Id))
            {
                problem = $"trùng đơn vị với tên khác đã nêu ({unit.Name})";
                unit = null;
            }
            if (unit is null || !matched.TryAdd(name, unit.Id))
            {
                unmatched.Add(name);
                warnings.Add($"Không khớp \"{name}\": {problem ?? "nêu tên hai lần"}.");
            }
        }
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
            notice.HeldUntil, notice.Place, [.. notice.Chairs.Select(c => new Chair(c.Name, c.Title))], null, null, null),
            [.. children.Select(c => c.Id)], errors);
        var meeting = Meeting.Initial.Evolve(convened);
        var excused = notice.Attendance.ExcusedUnits.Where(matched.ContainsKey).Select(n => matched[n]).ToHashSet();
        var unexcused = notice.Attendance.UnexcusedUnits.Where(matched.ContainsKey).Select(n => matched[n]).ToHashSet();
        var attendance = MeetingDecisions.RecordAttendance(meeting, [.. meeting.InvitedUnits.Select(u =>
            excused.Contains(u) ? new MeetingDecisions.AttendanceEntry(u, null, AttendanceStatus.ExcusedAbsence, DefaultExcuse)
            : unexcused.Contains(u) ? new MeetingDecisions.AttendanceEntry(u, null, AttendanceStatus.UnexcusedAbsence, null)
            : new MeetingDecisions.AttendanceEntry(u, null, AttendanceStatus.Present, null))], errors);
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
        if (conflicts.Count > 0 && !force)
            refusals.Add("Thông báo không khớp dữ liệu đã có (xem lưu ý); kiểm tra lại, hoặc dùng --force để vẫn nhập.");
        if (unmatched.Count > 0)
            refusals.Add($"{unmatched.Count} tên đơn vị không khớp đúng một đơn vị trực thuộc {convening.Name}; không ghi gì.");
        var names = children.ToDictionary(c => c.Id, c => c.Name);
        var all = meetingEvents.Concat(tasks).ToList();
        if (refusals.Count > 0)
            return new Result(Outcome.Refused, null, refusals, matched, unmatched, warnings, convening, names, all);
        if (dryRun)
            return new Result(Outcome.DryRun, null, [], matched, unmatched, warnings, convening, names, all);

        await using var session = store.LightweightSession(actor);
        session.Reason = $"Nhập từ thông báo cũ: {Path.GetFileName(path)}";
        session.Events.StartStream<Meeting>(id, [.. meetingEvents]);
        foreach (var task in tasks)
            session.Events.StartStream<MeetingTask>(task.TaskId, task);
        await session.SaveChangesAsync(ct);
        return new Result(Outcome.Imported, id, [], matched, unmatched, warnings, convening, names, all);
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
            Line($"Hội nghị: {convened.Title}, ngày {convened.HeldOn:dd/MM/yyyy}, tại {convened.Venue}; chủ trì: {string.Join("; ", convened.Chairs.Select(c => c.Name))}.");
            Line($"Đơn vị triệu tập: {unit.Name} ({unit.Code}); được mời: {convened.InvitedUnits.Count} đơn vị trực thuộc.");
        }
        if (result.Outcome != Outcome.Refused)
        {
            var attendance = result.Events.OfType<AttendanceRecorded>().ToList();
            var invited = result.Events.OfType<MeetingConvened>().Single().InvitedUnits.Count;
            string Name(Guid? id) => id is { } u && result.UnitNames.TryGetValue(u, out var n) ? n : $"{id}";
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

    private static Result Refused(string error) =>
        new(Outcome.Refused, null, [error], new Dictionary<string, Guid>(), [], [], null, new Dictionary<Guid, string>(), []);

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
            var assigned = AssignTask.Decide(meeting, Guid.CreateVersion7(), new AssignTask.Request(null, task.Text,
                units.Count == 0 ? AssigneeScope.AllInvited : AssigneeScope.Units, null, [.. units.Select(u => u.Unit!.Id)], task.Deadline, null, null,
                references), new Dictionary<Guid, Sector>(), errors);
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
