using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Meetings.Notices;

namespace DoanPlatform.Meetings.Tests.Notices;

/// <summary>Who chaired, as reports write it in prose (our own texts): titles between dashes or commas, one chair per cluster.</summary>
public sealed class NoticeProseChairTests
{
    private const string Opening = "Sáng ngày 15/9/2023, tại hội trường Tỉnh đoàn, Ban Thường vụ Tỉnh đoàn tổ chức Hội nghị giao ban quý III năm 2023. ";

    /// <summary>Text and the chairs expected, "name | title | cluster" (cluster empty when none).</summary>
    public static TheoryData<string, string[]> Examples => new()
    {
        {
            Opening + "Đồng chí Phạm Minh Tuấn – Phó Bí thư Tỉnh đoàn chủ trì Hội nghị.",
            ["Phạm Minh Tuấn | Phó Bí thư Tỉnh đoàn | "]
        },
        {
            Opening + "Hội nghị do đồng chí Lê Thị Hạnh, Bí thư Huyện đoàn Tân Hòa, chủ trì.",
            ["Lê Thị Hạnh | Bí thư Huyện đoàn Tân Hòa | "]
        },
        {
            Opening + "Chủ trì Hội nghị có đồng chí Trần Quốc Bảo – Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh đoàn.",
            ["Trần Quốc Bảo | Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh đoàn | "]
        },
        {
            Opening + "Đồng chí Mai Anh Khoa, Ủy viên Ban Chấp hành Trung ương Đoàn, Bí thư Tỉnh đoàn đã chủ trì hội nghị.",
            ["Mai Anh Khoa | Ủy viên Ban Chấp hành Trung ương Đoàn, Bí thư Tỉnh đoàn | "]
        },
        {
            Opening + "Tham dự Hội nghị có đồng chí Hồ Thanh Tâm – Phó Bí thư Tỉnh đoàn; đồng chí Lý Văn Sơn – Bí thư Huyện đoàn. Hội nghị do đồng chí Lý Văn Sơn – Bí thư Huyện đoàn chủ trì.",
            ["Lý Văn Sơn | Bí thư Huyện đoàn | "]
        },
        {
            Opening + "Hội nghị do Đ/c Huỳnh Tấn Phát – Bí thư Đoàn trường chủ trì.",
            ["Huỳnh Tấn Phát | Bí thư Đoàn trường | "]
        },
        {
            "Trong các ngày 12 – 14/9/2023, Tỉnh đoàn tổ chức Hội nghị giao ban công tác Đoàn quý III tại 3 cụm thi đua: tại Cụm 1 do đồng chí Nguyễn Hữu Lộc – Phó Bí thư Tỉnh đoàn chủ trì; Cụm 2 do đồng chí Võ Thị Mai – Ủy viên Ban Thường vụ Tỉnh đoàn chủ trì; Cụm 3 do đồng chí Đặng Văn Hùng – Chánh Văn phòng Tỉnh đoàn chủ trì.",
            ["Nguyễn Hữu Lộc | Phó Bí thư Tỉnh đoàn | Cụm 1", "Võ Thị Mai | Ủy viên Ban Thường vụ Tỉnh đoàn | Cụm 2", "Đặng Văn Hùng | Chánh Văn phòng Tỉnh đoàn | Cụm 3"]
        },
        {
            """
            Tỉnh đoàn giao ban công tác Đoàn tại các cụm thi đua năm 2023
            Ngày 12/9, tại Cụm thi đua số 1, hội nghị do đồng chí Trương Công Định, Phó Bí thư Tỉnh đoàn, chủ trì; ngày 13/9, tại Cụm thi đua số 2 do đồng chí Bùi Thị Thu – Trưởng Ban Tuyên giáo Tỉnh đoàn chủ trì.
            Các đơn vị trong cụm đã báo cáo kết quả công tác Đoàn 9 tháng đầu năm.
            """,
            ["Trương Công Định | Phó Bí thư Tỉnh đoàn | Cụm thi đua số 1", "Bùi Thị Thu | Trưởng Ban Tuyên giáo Tỉnh đoàn | Cụm thi đua số 2"]
        },
        {
            Opening + "Đồng chí Đoàn Văn Bình – Bí thư Tỉnh đoàn và đồng chí Ngô Thị Lan – Phó Bí thư Tỉnh đoàn đồng chủ trì Hội nghị.",
            ["Đoàn Văn Bình | Bí thư Tỉnh đoàn | ", "Ngô Thị Lan | Phó Bí thư Tỉnh đoàn | "]
        },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Chairs_are_read_from_prose_with_their_cluster(string text, string[] chairs)
    {
        var notice = NoticeParser.Parse(text);

        Assert.Equal(chairs, notice.Chairs.Select(c => $"{c.Name} | {c.Title} | {c.Cluster}"));
    }

    [Fact]
    public void One_chair_per_cluster_makes_a_cluster_briefing_held_over_the_clusters_days()
    {
        var notice = NoticeParser.Parse("""
            Tỉnh đoàn giao ban công tác Đoàn tại các cụm thi đua năm 2023
            Ngày 12/9, tại Cụm thi đua số 1, hội nghị do đồng chí Trương Công Định, Phó Bí thư Tỉnh đoàn, chủ trì; ngày 13/9, tại Cụm thi đua số 2 do đồng chí Bùi Thị Thu – Trưởng Ban Tuyên giáo Tỉnh đoàn chủ trì.
            """);

        Assert.Equal(MeetingKind.ClusterBriefing, notice.Kind);
        Assert.Equal((new DateOnly(2023, 9, 12), new DateOnly(2023, 9, 13)), (notice.HeldOn, notice.HeldUntil));
    }

    [Fact]
    public void People_who_only_attended_are_not_chairs_and_their_absence_is_said()
    {
        var notice = NoticeParser.Parse(Opening + "Tham dự Hội nghị có đồng chí Hồ Thanh Tâm – Phó Bí thư Tỉnh đoàn và Bí thư các cơ sở Đoàn trực thuộc.");

        Assert.Empty(notice.Chairs);
        Assert.Contains("Không thấy người chủ trì hội nghị.", notice.Warnings);
    }
}
