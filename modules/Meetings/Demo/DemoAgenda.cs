using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Meetings.Demo;

/// <summary>What the demo briefings conclude and assign, month by month, in the words offices use (deadlines as they write them).</summary>
internal static class DemoAgenda
{
    public static readonly string[] Excuses =
    [
        "Trùng lịch công tác của cơ quan",
        "Bí thư đi công tác, không cử được người dự thay",
        "Tham gia lớp bồi dưỡng lý luận chính trị",
        "Bí thư nghỉ phép, Phó Bí thư trực đơn vị",
        "Tham gia tập huấn nghiệp vụ của Tỉnh đoàn",
        "Trực phòng, chống thiên tai tại địa phương",
        "Ốm đau, có giấy xin phép",
        "Đơn vị tổ chức đại hội chi đoàn cùng ngày",
    ];

    /// <summary>The month's tasks: text, deadline as written, target, and the sector it is for (all invited units when null or absent).</summary>
    public static List<(string Text, string Deadline, string? Target, Sector? Sector)> Tasks(int month, int year, bool quarterly)
    {
        (string, string, string?, Sector?) monthly = month switch
        {
            1 => ("Tổ chức các hoạt động chăm lo Tết cho đoàn viên, thanh thiếu nhi có hoàn cảnh khó khăn", $"trong tháng 2 năm {year}",
                "Mỗi cơ sở Đoàn trao ít nhất 10 suất quà", null),
            2 => ($"Xây dựng kế hoạch tổ chức Tháng Thanh niên năm {year}", $"trước ngày 28/2/{year}", null, null),
            3 => ("Báo cáo kết quả các hoạt động Tháng Thanh niên", $"trước ngày 31/3/{year}", null, null),
            4 => ("Đảm bảo đoàn viên tải App Thanh niên Việt Nam và tham gia thi trắc nghiệm Nghị quyết Đại hội Đoàn toàn quốc lần thứ XII",
                $"trước ngày 30/4/{year}", "100% đoàn viên tải App", null),
            5 => ("Xây dựng kế hoạch Chiến dịch Thanh niên tình nguyện hè", $"trước ngày 31/5/{year}", null, null),
            6 => ("Hoàn chỉnh báo cáo sơ kết công tác Đoàn và phong trào thanh niên 6 tháng đầu năm", $"tuần làm việc thứ 26/{year}", null, null),
            7 => ("Cài đặt App Quản lý đoàn viên và cập nhật dữ liệu đoàn viên", $"trong tháng 7 năm {year}", "100% đoàn viên có dữ liệu trên phần mềm", null),
            8 => ("Phối hợp tổ chức Chương trình Tiếp sức mùa thi và hỗ trợ tân sinh viên", $"trước ngày 31/8/{year}", null, Sector.Schools),
            9 => ("Rà soát, giới thiệu đoàn viên ưu tú cho chi bộ xem xét kết nạp Đảng", $"trước ngày 30/9/{year}",
                "Mỗi cơ sở Đoàn giới thiệu ít nhất 01 đoàn viên ưu tú", null),
            10 => ($"Hoàn thành tự chấm điểm thi đua công tác Đoàn năm {year} kèm minh chứng", $"trước ngày 15/11/{year}", null, null),
            11 => ($"Gửi báo cáo tổng kết công tác Đoàn và phong trào thanh thiếu nhi năm {year}", $"trước ngày 5/12/{year}", null, null),
            _ => ($"Xây dựng chương trình công tác Đoàn năm {year + 1}", $"trước ngày 15/1/{year + 1}", null, null),
        };
        var tasks = new List<(string, string, string?, Sector?)> { monthly };
        if (quarterly)
            tasks.Add(($"Báo cáo kết quả thực hiện chỉ tiêu phát triển đoàn viên quý {(month + 2) / 3}", $"trước ngày {LastDay(month + 2, year)}/{month + 2}/{year}",
                null, null));
        return tasks;
    }

    public static IReadOnlyList<ConclusionSection> Conclusions(int month, int year, string convener,
        IReadOnlyList<(string Text, string Deadline, string? Target, Sector? Sector)> tasks) =>
    [
        new("1", "Đánh giá chung",
        [
            $"Các cơ sở Đoàn trực thuộc {convener} đã chủ động triển khai chương trình công tác; nhiều đơn vị thực hiện tốt chế độ thông tin, báo cáo.",
            "Một số đơn vị còn chậm gửi báo cáo, chưa cập nhật kịp thời dữ liệu đoàn viên trên phần mềm quản lý đoàn viên.",
        ]),
        new("2", $"Nhiệm vụ trọng tâm tháng {month}/{year}",
        [
            Focus[month - 1],
            .. tasks.Select(t => $"{t.Text} ({t.Deadline}{(t.Target is { } target ? $"; chỉ tiêu: {target}" : "")})."),
        ]),
        new("3", "Ý kiến của Thường trực",
        [
            "Tăng cường công tác nắm bắt tình hình đoàn viên, thanh niên; kịp thời báo cáo Thường trực và cấp ủy đơn vị nếu có vấn đề phát sinh.",
            $"Bám sát Thang điểm thi đua công tác Đoàn và phong trào thanh niên năm {year} để chủ động thực hiện và lưu minh chứng.",
        ]),
    ];

    private static readonly string[] Focus =
    [
        "Tổ chức các hoạt động mừng Đảng, mừng Xuân; chăm lo Tết cho thanh thiếu nhi.",
        "Triển khai Tháng Thanh niên với chủ đề của Trung ương Đoàn; ra quân các công trình, phần việc thanh niên.",
        "Tổ chức kỷ niệm ngày thành lập Đoàn TNCS Hồ Chí Minh (26/3); tổng kết Tháng Thanh niên.",
        "Đẩy mạnh học tập Nghị quyết Đại hội Đoàn các cấp; hưởng ứng ngày sách và văn hóa đọc.",
        "Tổ chức các hoạt động kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5); chuẩn bị Chiến dịch tình nguyện hè.",
        "Ra quân Chiến dịch Thanh niên tình nguyện hè; sơ kết công tác 6 tháng đầu năm.",
        "Tổ chức các hoạt động đền ơn đáp nghĩa nhân ngày Thương binh – Liệt sĩ (27/7).",
        "Tổ chức Tiếp sức mùa thi; chuẩn bị các hoạt động Tết Trung thu cho thiếu nhi.",
        "Tổ chức Tết Trung thu cho thiếu nhi; phát triển đoàn viên mới đợt 2/9.",
        "Kỷ niệm ngày thành lập Hội LHTN Việt Nam (15/10); tự chấm điểm thi đua cuối năm.",
        "Hướng dẫn tổng kết công tác Đoàn; chuẩn bị kiểm tra, đánh giá chất lượng cơ sở Đoàn.",
        "Tổng kết công tác Đoàn và phong trào thanh thiếu nhi năm; xây dựng chương trình năm mới.",
    ];

    private static int LastDay(int month, int year) => DateTime.DaysInMonth(year, month);
}
