using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Meetings.Notices;

namespace DoanPlatform.Meetings.Tests.Notices;

public sealed class NoticeSampleTests
{
    internal static readonly string[] Q2ExcusedUnits =
    [
        "Đoàn Cơ quan Liên đoàn Lao động",
        "Đoàn Sở Kế hoạch và Đầu tư",
        "Đoàn Sở Ngoại vụ",
        "Đoàn Sở Nông nghiệp và Phát triển nông thôn",
        "Đoàn Sở Tài chính",
        "Đoàn trường Cao đẳng Kỹ thuật Nguyễn Trường Tộ",
        "Đoàn trường Trung cấp Kỹ thuật Nông nghiệp",
        "Đoàn trường Trung cấp nghề Kỹ thuật – Nghiệp vụ Tôn Đức Thắng",
        "Chi đoàn Thanh tra",
        "Chi đoàn Cơ quan Hội Liên hiệp Phụ nữ",
        "Chi đoàn trường Trung cấp Thông tin và truyền thông",
    ];

    private static ParsedNotice Parse(string sample) => NoticeParser.Parse(NoticeText.Read(NoticeSamples.PathOf(sample)));

    [Fact]
    public void The_2023_Q2_briefing_reads_as_it_states() => AssertQ2Briefing(Parse(NoticeSamples.Q2Briefing));

    /// <summary>Everything the 2023 Q2 notice states; shared with the .docx test.</summary>
    internal static void AssertQ2Briefing(ParsedNotice notice)
    {
        Assert.Equal(MeetingKind.Briefing, notice.Kind);
        Assert.Equal("Quý II/2023", notice.Period);
        Assert.Equal(new DateOnly(2023, 3, 31), notice.HeldOn);
        Assert.Null(notice.HeldUntil);
        Assert.Equal("Thành phố Vũng Tàu, tỉnh Bà Rịa – Vũng Tàu", notice.Place);
        Assert.Equal("Ban Thường vụ Đoàn Khối Dân – Chính – Đảng Thành phố", notice.Convenor);
        var chair = Assert.Single(notice.Chairs);
        Assert.Equal(new ParsedChair("Nguyễn Đăng Khoa", "Ủy viên Ban Thường vụ Thành Đoàn, Bí thư Đoàn Khối Dân – Chính – Đảng Thành phố"), chair);

        var attendance = notice.Attendance;
        Assert.Equal<(int?, int?, int?, int?)>((60, 49, 11, 0), (attendance.Invited, attendance.Present, attendance.Excused, attendance.Unexcused));
        Assert.Equal(Q2ExcusedUnits, attendance.ExcusedUnits);
        Assert.Empty(attendance.UnexcusedUnits);

        var conclusions = Assert.Single(notice.Conclusions);
        Assert.Equal(("2", "Nội dung kết luận"), (conclusions.Section, conclusions.Heading));
        Assert.Equal(5, conclusions.Items.Count);
        Assert.StartsWith("Tăng cường công tác nắm bắt tình hình đoàn viên, thanh niên;", conclusions.Items[0], StringComparison.Ordinal);
        Assert.StartsWith("Chủ động rà soát", conclusions.Items[1], StringComparison.Ordinal);
        Assert.StartsWith("Chuẩn bị chu đáo", conclusions.Items[2], StringComparison.Ordinal);
        Assert.Equal("Nỗ lực sớm hoàn thành các chỉ tiêu, nhiệm vụ công tác Đoàn; đặc biệt là chỉ tiêu phát triển Đảng từ đoàn viên ưu tú.",
            conclusions.Items[3]);
        Assert.EndsWith("lần thứ XII trước ngày 30/4/2023.", conclusions.Items[4], StringComparison.Ordinal);
        Assert.DoesNotContain(conclusions.Items, item => item.Contains("thông báo kết luận", StringComparison.Ordinal));

        var task = Assert.Single(notice.Tasks);
        Assert.Contains("100% đoàn viên tải App", task.Text, StringComparison.Ordinal);
        Assert.Empty(task.Assignees);
        Assert.Equal(new DateOnly(2023, 4, 30), task.Deadline);

        Assert.Equal(
            [new ParsedReference("09-HD/ĐTN", new DateOnly(2023, 2, 16)), new ParsedReference("04-CTr/ĐTN", new DateOnly(2023, 2, 16)),
             new ParsedReference("47-HD/ĐTN", new DateOnly(2022, 1, 17))],
            notice.References);
        Assert.Empty(notice.Recipients);
        Assert.Null(notice.Signature);
        Assert.Equal(["Không thấy mục \"Nơi nhận\".", "Không thấy chữ ký (dòng TM./TL./KT., chức vụ, người ký)."], notice.Warnings);
    }

    [Fact]
    public void The_2023_half_year_review_reads_as_it_states()
    {
        var notice = Parse(NoticeSamples.HalfYearReview);

        Assert.Equal(MeetingKind.Review, notice.Kind);
        Assert.Equal("6 tháng đầu năm 2023", notice.Period);
        Assert.Equal(new DateOnly(2023, 6, 23), notice.HeldOn);
        Assert.Equal("Phòng họp Huyện đoàn", notice.Place);
        Assert.Equal("Thường trực Huyện đoàn, Huyện Hội", notice.Convenor);
        Assert.Equal([new ParsedChair("Vương Ngọc Toại", "Bí thư Huyện đoàn, Chủ tịch Hội LHTN Việt Nam huyện")], notice.Chairs);

        // It names one absent person, with a reason, and states no totals.
        var attendance = notice.Attendance;
        Assert.Equal<(int?, int?, int?, int?)>((null, null, 1, null), (attendance.Invited, attendance.Present, attendance.Excused, attendance.Unexcused));
        Assert.Equal(["Trần Xuân Minh (BT Chi đoàn Quân sự huyện)"], attendance.ExcusedUnits);

        (string?, string, int)[] sections =
            [("1", "Về dự thảo Báo cáo công tác Đoàn, Hội và phong trào Thanh thiếu nhi 6 tháng đầu năm", 1),
             ("2", "Việc thực hiện các nhiệm vụ trọng tâm 6 tháng cuối năm 2023", 0),
             ("2.1", "Về công tác Đoàn và phong trào thanh thiếu nhi", 6),
             ("2.2", "Về công tác Hội", 3),
             ("2.3", "Các nhiệm vụ khác", 1)];
        Assert.Equal(sections, notice.Conclusions.Select(s => (s.Section, s.Heading, s.Items.Count)));
        Assert.EndsWith("(Đoàn khối cơ quan, LLVT hoàn thành trong tháng 7; Đoàn khối xã, thị trấn hoàn thành trong tháng 8; "
            + "Đoàn khối trường học hoàn thành trong tháng 9).", notice.Conclusions[2].Items[1], StringComparison.Ordinal);

        (string, DateOnly?)[] tasks =
            [("bộ phận Văn phòng Huyện Đoàn", new DateOnly(2023, 6, 30)),
             ("Các cơ sở Đoàn trực thuộc", null),
             ("Đoàn khối cơ quan, LLVT", new DateOnly(2023, 7, 31)),
             ("Đoàn khối xã, thị trấn", new DateOnly(2023, 8, 31)),
             ("Đoàn khối trường học", new DateOnly(2023, 9, 30)),
             ("Các cơ sở Đoàn trực thuộc", null),
             ("Đoàn xã Thuận Phú | Đoàn xã Tân Lập | Đoàn xã Đồng Tiến", null),
             ("Đoàn xã Tân Hưng", null),
             ("Đoàn Khối trường học", null),
             ("Đoàn các xã, thị trấn", null),
             ("các cơ sở Hội trực thuộc", null),
             ("các cơ sở Hội trực thuộc", null),
             ("Hội LHTN Việt Nam xã Tân Lập", null)];
        Assert.Equal(tasks, notice.Tasks.Select(t => (string.Join(" | ", t.Assignees), t.Deadline)));
        Assert.All(notice.Tasks.Skip(2).Take(3), t => Assert.Equal(
            "Tập trung triển khai thực hiện cài đặt App Quản lý đoàn viên và thi tìm hiểu Nghị quyết Đại hội Đoàn toàn quốc lần thứ XII hoàn thành đảm bảo 100%",
            t.Text));
        Assert.Equal("Khẩn trương có phương án triển khai tổ chức các hoạt động kết nối, hỗ trợ các sản phẩm đạt chuẩn OCOP trên địa bàn", notice.Tasks[6].Text);
        Assert.Equal("Có phương án tổ chức hoạt động kết nối, hỗ trợ sản phẩm nông nghiệp đạt chuẩn VIETGAP", notice.Tasks[7].Text);

        Assert.Empty(notice.References);
        Assert.Equal(["Tỉnh Đoàn", "TT Huyện Đoàn, Huyện Hội", "Cơ sở đoàn, Hội trực thuộc", "Lưu VP HD, Website"], notice.Recipients);
        Assert.Equal(new ParsedSignature("TM. BAN CHẤP HÀNH HUYỆN ĐOÀN", "BÍ THƯ", "Vương Ngọc Toại"), notice.Signature);
        Assert.Equal(["Điểm danh: không thấy tổng số được mời, số có mặt, số vắng không phép."], notice.Warnings);
    }

    [Fact]
    public void The_2024_inspection_conference_reads_as_it_states()
    {
        var notice = Parse(NoticeSamples.Inspection);

        Assert.Equal(MeetingKind.Inspection, notice.Kind);
        Assert.Equal("Năm 2024", notice.Period);
        Assert.Equal(new DateOnly(2024, 10, 16), notice.HeldOn);
        Assert.Equal("Hội trường Trung tâm sinh hoạt thanh thiếu nhi", notice.Place);
        Assert.Equal("Ban Thường vụ Đoàn khối", notice.Convenor);
        Assert.Equal([new ParsedChair("Nguyễn Trọng Nhân", "UVTV Tỉnh đoàn, Bí thư Đoàn khối")], notice.Chairs);

        var attendance = notice.Attendance;
        Assert.Equal<(int?, int?, int?, int?)>((null, 24, null, null), (attendance.Invited, attendance.Present, attendance.Excused, attendance.Unexcused));
        Assert.Empty(attendance.ExcusedUnits);

        var section = Assert.Single(notice.Conclusions);
        Assert.Null(section.Section);
        Assert.EndsWith("Ban Thường vụ Đoàn khối đề nghị các cơ sở Đoàn thực hiện tốt các nhiệm vụ sau", section.Heading, StringComparison.Ordinal);
        string[] items =
        [
            "quan tâm, rà soát việc học tập 02 chuyên đề, Nghị quyết Đại hội Đoàn XII trên App Thanh niên Việt Nam",
            "nghiên cứu tìm hiểu kỹ các nghiệp vụ trên phần mềm quản lý đoàn viên của Trung ương Đoàn, tuyệt đối không để xảy ra trường hợp thực hiện sai thao tác",
            "thường xuyên tích cực đăng tải, chia sẻ các thông tin trên các trang mạng xã hội của Đoàn",
        ];
        Assert.Equal(items, section.Items);
        Assert.Equal(items, notice.Tasks.Select(t => t.Text));
        Assert.All(notice.Tasks, t => Assert.Equal(["các cơ sở Đoàn"], t.Assignees));
        Assert.All(notice.Tasks, t => Assert.Null(t.Deadline));

        Assert.Empty(notice.References);
        Assert.Empty(notice.Recipients);
        Assert.Null(notice.Signature);
        Assert.Equal(
            ["Người chủ trì suy ra từ chú thích ảnh \"Chủ trì Hội nghị\" đi sau tên đồng chí đó.",
             "Điểm danh: không thấy tổng số được mời, số vắng có phép, số vắng không phép.",
             "Không thấy mục \"Nơi nhận\".",
             "Không thấy chữ ký (dòng TM./TL./KT., chức vụ, người ký)."],
            notice.Warnings);
    }
}
