using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Meetings.Notices;

namespace DoanPlatform.Meetings.Tests.Notices;

public sealed class NoticeParserTests
{
    private const string Opening = "Ngày 10/01/2024, tại Văn phòng Huyện đoàn, Ban Thường vụ Huyện đoàn tổ chức Hội nghị giao ban quý I/2024.";

    [Fact]
    public void Markdown_bold_a_misspelt_bloc_counts_with_leading_zeros_and_stray_breaks_are_read()
    {
        var notice = NoticeParser.Parse("""
            **THÔNG BÁO**
            Kết luận Hội nghị giao ban Cụm thi đua số 2 quý III/2023

            Ngày 05/10/2023, tại Hội trường Đoàn Khôi, Ban Thường vụ Đoàn Khôi tổ chức Hội nghị giao ban cụm thi đua số 2. Đồng chí Lê Văn An – Bí thư Đoàn Khôi và đồng chí Trần Thị Bình – Phó Bí thư Đoàn Khôi đồng chủ trì.
            **1. Tình hình tham dự:**
            - **Có mặt:** 12/15 đơn vị.
            - Vắng có phép: 03 đơn vị (gồm Đoàn trường Trung
            cấp Y tế, Chi đoàn Sở Tư pháp và Chi đoàn Điện lực).
            - Vắng không phép: 0 đơn vị.
            """);

        Assert.Equal(MeetingKind.ClusterBriefing, notice.Kind);
        Assert.Equal("Quý III/2023", notice.Period);
        Assert.Equal(new DateOnly(2023, 10, 5), notice.HeldOn);
        Assert.Equal("Hội trường Đoàn Khối", notice.Place);
        Assert.Equal("Ban Thường vụ Đoàn Khối", notice.Convenor);
        Assert.Equal([new ParsedChair("Lê Văn An", "Bí thư Đoàn Khối"), new ParsedChair("Trần Thị Bình", "Phó Bí thư Đoàn Khối")], notice.Chairs);
        Assert.Equal<(int?, int?, int?, int?)>((15, 12, 3, 0),
            (notice.Attendance.Invited, notice.Attendance.Present, notice.Attendance.Excused, notice.Attendance.Unexcused));
        Assert.Equal(["Đoàn trường Trung cấp Y tế", "Chi đoàn Sở Tư pháp", "Chi đoàn Điện lực"], notice.Attendance.ExcusedUnits);
        Assert.Empty(notice.Conclusions);
        Assert.Contains("Không thấy nội dung kết luận (các mục đánh số 1., 2. ... hoặc \"... sau:\").", notice.Warnings);
    }

    [Theory]
    [InlineData("Các cơ sở Đoàn nộp báo cáo trước ngày 15/3/2024.", "2024-03-15")]
    [InlineData("Các cơ sở Đoàn nộp báo cáo trước ngày 15/3.", "2024-03-15")]
    [InlineData("Hoàn thành việc rà soát đoàn viên trong tháng 2.", "2024-02-29")]
    [InlineData("Hoàn thành việc rà soát đoàn viên trong tháng 12/2024.", "2024-12-31")]
    [InlineData("Trình ký báo cáo trong tuần làm việc thứ 26/2023.", "2023-06-30")]
    [InlineData("Trình ký báo cáo trong tuần làm việc thứ 1/2025.", "2025-01-03")]
    public void Deadlines_resolve_to_a_date(string item, string deadline)
    {
        var notice = NoticeParser.Parse($"{Opening}\n2. Nội dung kết luận:\n- {item}");

        var task = Assert.Single(notice.Tasks);
        Assert.Equal(DateOnly.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture), task.Deadline);
        Assert.Equal(item, Assert.Single(Assert.Single(notice.Conclusions).Items));
    }

    [Fact]
    public void A_deadline_that_cannot_be_a_date_is_a_warning_not_an_exception()
    {
        var notice = NoticeParser.Parse($"{Opening}\n2. Nội dung kết luận:\n- Nộp báo cáo trước ngày 31/2/2024.\n- Trình ký trong tuần làm việc thứ 60/2024.");

        Assert.All(notice.Tasks, task => Assert.Null(task.Deadline));
        Assert.Contains("Không đọc được hạn \"trước ngày 31/2/2024\" (thiếu năm hoặc ngày không hợp lệ).", notice.Warnings);
        Assert.Contains("Không đọc được hạn \"tuần làm việc thứ 60/2024\" (thiếu năm hoặc ngày không hợp lệ).", notice.Warnings);
    }

    [Fact]
    public void Tasks_and_absences_as_generated_notices_write_them_are_read()
    {
        var notice = NoticeParser.Parse($"""
            Số: 12-TB/ĐTN
            {Opening}
            1. Tình hình tham dự:
            - Tổng số đơn vị có mặt: 13/15 đơn vị.
            - Vắng có phép: 2 đơn vị (gồm Đoàn Sở Tài chính – lý do: đi công tác, tập huấn; Chi đoàn Thanh tra – lý do: ốm).
            - Vắng không phép: 0 đơn vị.
            3. Phân công thực hiện:
            - Tổ chức ra quân Chiến dịch Hoa phượng đỏ (Đoàn khối trường học; chỉ tiêu: 100% đoàn viên tải App; thời hạn: trước ngày 30/04/2024).
            """);

        Assert.Equal(["Đoàn Sở Tài chính", "Chi đoàn Thanh tra"], notice.Attendance.ExcusedUnits);
        Assert.Empty(notice.References);
        var task = Assert.Single(notice.Tasks);
        Assert.Equal("Tổ chức ra quân Chiến dịch Hoa phượng đỏ", task.Text);
        Assert.Equal(["Đoàn khối trường học"], task.Assignees);
        Assert.Equal(new DateOnly(2024, 4, 30), task.Deadline);
    }

    [Fact]
    public void A_meeting_over_two_days_has_both_dates()
    {
        var notice = NoticeParser.Parse(
            "Trong hai ngày 12-13/7/2023, tại Hội trường Tỉnh đoàn, Ban Chấp hành Tỉnh đoàn tổ chức Hội nghị Ban Chấp hành lần thứ 5 năm 2023.");

        Assert.Equal(MeetingKind.Committee, notice.Kind);
        Assert.Equal((new DateOnly(2023, 7, 12), new DateOnly(2023, 7, 13)), (notice.HeldOn!.Value, notice.HeldUntil!.Value));
        Assert.Equal("Năm 2023", notice.Period);
        Assert.Equal("Ban Chấp hành Tỉnh đoàn", notice.Convenor);
    }

    [Fact]
    public void Text_that_is_no_notice_gives_warnings_for_every_missing_part_and_no_exception()
    {
        var notice = NoticeParser.Parse("Biên bản bàn giao tài sản.\nNgười giao: Nguyễn Văn A");

        Assert.Null(notice.Kind);
        Assert.Null(notice.HeldOn);
        Assert.Empty(notice.Tasks);
        Assert.Equal(
            ["Không thấy câu mở đầu nêu ngày họp và hội nghị.",
             "Không nhận ra loại hội nghị (giao ban, sơ kết, tổng kết, kiểm tra, Ban Chấp hành).",
             "Không thấy kỳ của hội nghị (quý, 6 tháng, tháng, năm).",
             "Không thấy địa điểm của hội nghị.",
             "Không thấy đơn vị tổ chức hội nghị.",
             "Không thấy nội dung kết luận (các mục đánh số 1., 2. ... hoặc \"... sau:\").",
             "Không thấy người chủ trì hội nghị.",
             "Điểm danh: không thấy tổng số được mời, số có mặt, số vắng có phép, số vắng không phép.",
             "Không thấy mục \"Nơi nhận\".",
             "Không thấy chữ ký (dòng TM./TL./KT., chức vụ, người ký)."],
            notice.Warnings);
    }

    [Fact]
    public void Json_uses_the_issue_field_names_and_iso_dates()
    {
        var notice = NoticeParser.Parse($"{Opening}\n2. Nội dung kết luận:\n- Các cơ sở Đoàn nộp báo cáo trước ngày 15/3/2024.");

        var json = NoticeReport.ToJson(notice);

        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(
            ["kind", "period", "heldOn", "heldUntil", "place", "convenor", "chairs", "attendance", "conclusions", "tasks", "references",
             "recipients", "signature", "warnings"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Briefing", document.RootElement.GetProperty("kind").GetString());
        Assert.Equal("2024-01-10", document.RootElement.GetProperty("heldOn").GetString());
        Assert.Equal("2024-03-15", document.RootElement.GetProperty("tasks")[0].GetProperty("deadline").GetString());
        Assert.Contains("\"period\": \"Quý I/2024\"", json, StringComparison.Ordinal);
    }
}
