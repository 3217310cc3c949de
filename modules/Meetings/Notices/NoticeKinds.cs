using System.Text.RegularExpressions;
using DoanPlatform.Meetings.Contracts;

namespace DoanPlatform.Meetings.Notices;

/// <summary>
/// The meeting's kind from what the title and the opening prose say the meeting was. Several may fit ("Cụm Đoàn số 2 tổng kết"
/// is a cluster's meeting and a year-end review): the most specific wins and the others are named in a warning.
/// </summary>
internal static partial class NoticeKinds
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    public const string NotFound = "Không nhận ra loại hội nghị (giao ban, sơ kết, tổng kết, kiểm tra, Ban Chấp hành).";

    // Most specific first: who meets (an inspection, a cluster, the committee) says more than what is on the agenda.
    private static readonly MeetingKind[] BySpecificity =
        [MeetingKind.Inspection, MeetingKind.ClusterBriefing, MeetingKind.Committee, MeetingKind.YearEnd, MeetingKind.Review, MeetingKind.Briefing];

    /// <summary>The kind <paramref name="text"/> describes, and a warning when none or more than one fits.</summary>
    public static (MeetingKind? Kind, string? Warning) Read(string text, bool chairsPerCluster)
    {
        var fits = new HashSet<MeetingKind>();
        if (Inspection().IsMatch(text))
            fits.Add(MeetingKind.Inspection);
        if (chairsPerCluster || Cluster().IsMatch(text))
            fits.Add(MeetingKind.ClusterBriefing);
        if (Committee().IsMatch(text))
            fits.Add(MeetingKind.Committee);
        if (YearEnd().IsMatch(text))
            fits.Add(MeetingKind.YearEnd);
        if (Review().IsMatch(text))
            fits.Add(MeetingKind.Review);
        if (Briefing().IsMatch(text))
            fits.Add(MeetingKind.Briefing);
        var ordered = BySpecificity.Where(fits.Contains).ToList();
        if (ordered.Count == 0)
            return (null, NotFound);
        // Every cluster meeting, committee session or review is also "a briefing" in the loose sense: that is no second kind.
        var others = ordered.Skip(1).Where(k => k != MeetingKind.Briefing).ToList();
        if (others.Count == 0)
            return (ordered[0], null);
        return (ordered[0], $"Văn bản có dấu hiệu của {others.Count + 1} loại hội nghị: {Name(ordered[0])} và {string.Join(", ", others.Select(Name))}; "
            + $"chọn {Name(ordered[0])} (cụ thể hơn).");
    }

    private static string Name(MeetingKind kind) => kind switch
    {
        MeetingKind.Inspection => "kiểm tra",
        MeetingKind.ClusterBriefing => "giao ban cụm thi đua",
        MeetingKind.Committee => "hội nghị Ban Chấp hành / Ban Thường vụ",
        MeetingKind.YearEnd => "tổng kết",
        MeetingKind.Review => "sơ kết",
        _ => "giao ban",
    };

    [GeneratedRegex(@"hội nghị\s+kiểm tra|kiểm tra\s*,\s*giám sát|(?:tổ chức|tiến hành)\s+(?:các\s+)?(?:hội nghị\s+)?kiểm tra", Options)]
    private static partial Regex Inspection();

    [GeneratedRegex(@"giao ban(?:\s+\p{L}+){0,3}?\s+(?:các\s+)?cụm\b|hội nghị\s+(?:giao ban\s+)?cụm\b"
        + @"|\bcụm\s+(?:thi đua|đoàn)?\s*(?:số\s*)?\d+\s+(?:\([^)]*\)\s*)?(?:đã\s+|vừa\s+)?(?:tổ chức|tổng kết|sơ kết|giao ban|họp)", Options)]
    private static partial Regex Cluster();

    [GeneratedRegex(@"hội nghị\s+(?:lần thứ\s+\S+\s+)?(?:của\s+)?(?:Ban Chấp hành|Ban Thường vụ|BCH|BTV)\b", Options)]
    private static partial Regex Committee();

    [GeneratedRegex(@"(?<!báo cáo\s)\btổng kết\b", Options)]
    private static partial Regex YearEnd();

    [GeneratedRegex(@"(?<!báo cáo\s)\bsơ kết\b", Options)]
    private static partial Regex Review();

    [GeneratedRegex(@"\bgiao ban\b", Options)]
    private static partial Regex Briefing();
}
