using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Meetings.Notices;

/// <summary>Prints a <see cref="ParsedNotice"/>: JSON with the issue's field names, or a summary in Vietnamese.</summary>
internal static class NoticeReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        TypeInfoResolver = NoticeJsonContext.Default,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Printed for people and scripts, not embedded in HTML: keep Vietnamese letters readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter<MeetingKind>(), new JsonStringEnumConverter<Sector>() },
    };

    public static string ToJson(ParsedNotice notice) => JsonSerializer.Serialize(notice, Json);

    public static string ToSummary(ParsedNotice notice)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');

        Line($"Loại hội nghị: {KindName(notice.Kind)}{(notice.KindWarning is not null && notice.Kind is not null ? " (còn hợp với loại khác: xem cảnh báo)" : "")}");
        Line($"Kỳ: {notice.Period ?? Unknown}");
        Line($"Ngày họp: {Date(notice.HeldOn)}{(notice.HeldUntil is { } until ? $" – {Date(until)}" : "")}");
        Line($"Địa điểm: {notice.Place ?? Unknown}");
        Line($"Đơn vị tổ chức: {notice.Convenor ?? Unknown}");
        Line($"Chủ trì: {(notice.Chairs.Count == 0 ? Unknown : string.Join("; ", notice.Chairs.Select(c => $"{(c.Cluster is null ? "" : c.Cluster + ": ")}{c.Name} – {c.Title}")))}");

        var a = notice.Attendance;
        Line($"Tham dự: có mặt {Count(a.Present)}/{Count(a.Invited)}; vắng có phép {Count(a.Excused)}; vắng không phép {Count(a.Unexcused)}");
        List("Vắng có phép", a.ExcusedUnits);
        List("Vắng không phép", a.UnexcusedUnits);
        List("Số liệu khác (không phải điểm danh)", [.. a.OtherCounts.Select(c => $"{c.Text} ({CountName(c.Kind)})")]);

        Line("Kết luận:");
        foreach (var section in notice.Conclusions)
        {
            Line($"  {(section.Section is null ? "" : section.Section + ". ")}{section.Heading}");
            foreach (var item in section.Items)
                Line($"    - {item}");
        }
        Line("Nhiệm vụ:");
        foreach (var task in notice.Tasks)
        {
            var who = task.Assignees.Count == 0 ? "các đơn vị được mời" : string.Join("; ", task.Assignees);
            Line($"  - {task.Text}");
            if (task.Sector is { } sector)
                who = $"các đơn vị khối {Features.DownloadNotice.SectorName(sector)}";
            Line($"    Giao: {who}. Hạn: {(task.Deadline is null ? "không nêu" : Date(task.Deadline))}{(task.Target is { } target ? $". Chỉ tiêu: {target}" : "")}");
        }
        List("Văn bản dẫn chiếu", [.. notice.References.Select(r => r.Date is null ? r.Number : $"{r.Number} ngày {Date(r.Date)}")]);
        List("Nơi nhận", notice.Recipients);
        Line($"Ký: {(notice.Signature is { } s ? $"{s.Authority} / {s.Title} / {s.Signer}" : Unknown)}");
        List("Cảnh báo", notice.Warnings);
        return text.ToString();

        void List(string title, IReadOnlyList<string> entries)
        {
            if (entries.Count == 0)
                return;
            Line($"{title}:");
            foreach (var entry in entries)
                Line($"  - {entry}");
        }
    }

    private const string Unknown = "(không rõ)";

    private static string Count(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? Unknown;

    private static string CountName(CountKind kind) => kind switch
    {
        CountKind.People => "số người",
        CountKind.InspectedUnits => "số đơn vị được kiểm tra",
        _ => "số đoàn kiểm tra",
    };

    private static string KindName(MeetingKind? kind) => kind switch
    {
        MeetingKind.Briefing => "Hội nghị giao ban",
        MeetingKind.Review => "Hội nghị sơ kết",
        MeetingKind.YearEnd => "Hội nghị tổng kết",
        MeetingKind.Inspection => "Hội nghị kiểm tra",
        MeetingKind.ClusterBriefing => "Hội nghị giao ban cụm thi đua",
        MeetingKind.Committee => "Hội nghị Ban Chấp hành / Ban Thường vụ",
        _ => Unknown,
    };
}

[JsonSerializable(typeof(ParsedNotice))]
internal sealed partial class NoticeJsonContext : JsonSerializerContext;
