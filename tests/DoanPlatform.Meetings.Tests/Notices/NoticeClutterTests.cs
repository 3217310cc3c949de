using DoanPlatform.Meetings.Notices;

namespace DoanPlatform.Meetings.Tests.Notices;

/// <summary>What a web page puts around a report (our own texts): captions, repeated headlines, comment boxes, players, author lines.</summary>
public sealed class NoticeClutterTests
{
    private const string Headline = "Huyện đoàn Tân Hòa giao ban công tác Đoàn quý III năm 2023";
    private const string Opening = "Sáng 22/9/2023, tại hội trường Huyện đoàn Tân Hòa, Ban Thường vụ Huyện đoàn tổ chức Hội nghị giao ban công tác Đoàn quý III năm 2023. Đồng chí Trịnh Văn Quang – Bí thư Huyện đoàn chủ trì Hội nghị.";

    private static readonly string[] Items =
    [
        "Tập trung tuyên truyền kỷ niệm ngày thành lập Hội LHTN Việt Nam.",
        "Hoàn thành việc rà soát, cập nhật dữ liệu đoàn viên trên phần mềm.",
        "Chuẩn bị nội dung tự chấm điểm thi đua cuối năm.",
    ];

    private static string Numbered(string first, string second) =>
        $"{Opening}\n2. Nội dung kết luận:\n- {Items[0]}\n{first}\n- {Items[1]}\n{second}\n- {Items[2]}";

    private static string LeadIn(string first, string second) =>
        $"{Opening}\nKết luận Hội nghị, Ban Thường vụ Huyện đoàn đề nghị các cơ sở Đoàn thực hiện tốt các nhiệm vụ sau:\n- {Items[0]}\n{first}\n- {Items[1]}\n{second}\n- {Items[2]}";

    /// <summary>A report with clutter between and after its conclusion items; the items must be exactly the three.</summary>
    public static TheoryData<string, string> Examples => new()
    {
        { "captions in a numbered section", Numbered("Quang cảnh Hội nghị", "Đồng chí Trịnh Văn Quang – Bí thư Huyện đoàn phát biểu tại Hội nghị") },
        { "captions in a list after a lead-in", LeadIn("Ảnh: Các đại biểu dự Hội nghị", "Đồng chí Trịnh Văn Quang – Bí thư Huyện đoàn phát biểu kết luận Hội nghị (Ảnh: Minh Khang)") },
        { "a headline repeated on the page", $"{Headline}\n{Headline}\n" + Numbered(Headline, "Toàn cảnh Hội nghị") },
        { "a comment box after the report", Numbered("Trả lời", "Bình luận (0)") + "\nTrả lời\nGửi bình luận\nHọ và tên\nEmail\nNội dung bình luận" },
        { "a media player", Numbered("00:00 / 02:35", "Video: Hội nghị giao ban quý III") + "\nPhát\nTắt tiếng\n00:00" },
        { "an author line at the end", Numbered("Chia sẻ: Facebook Zalo", "Lượt xem: 1.204") + "\nTin, ảnh: Quốc Việt\nNGỌC HÂN" },
        { "related news after the report", Numbered("In bài viết", "Xem thêm") + "\nTin liên quan\nTuổi trẻ Tân Hòa ra quân Chiến dịch Thanh niên tình nguyện hè\nHuyện đoàn Tân Hòa tổ chức Ngày hội đoàn viên" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Page_clutter_is_not_read_as_conclusions_or_tasks(string what, string text)
    {
        var notice = NoticeParser.Parse(text);

        Assert.True(Items.SequenceEqual(notice.Conclusions.SelectMany(s => s.Items)),
            $"{what}: {string.Join(" | ", notice.Conclusions.SelectMany(s => s.Items))}");
        Assert.DoesNotContain(notice.Tasks, t => !Items.Contains(t.Text));
        Assert.Null(notice.Signature);
        Assert.Equal([("Trịnh Văn Quang", "Bí thư Huyện đoàn")], notice.Chairs.Select(c => (c.Name, c.Title)));
    }
}
