using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Meetings.Features;
using DoanPlatform.Meetings.Notices;

namespace DoanPlatform.Meetings.Tests.Notices;

/// <summary>The meeting's kind from its title and its opening prose, as reports and notices write it (our own texts).</summary>
public sealed class NoticeKindTests
{
    /// <summary>Text, the kind expected, and the other kind that also fits (a warning names it), or null when only one fits.</summary>
    public static TheoryData<string, MeetingKind, MeetingKind?> Examples => new()
    {
        {
            """
            Hội nghị kiểm tra công tác Đoàn và phong trào thanh thiếu nhi năm 2023
            Sáng 12/12/2023, tại hội trường Huyện đoàn Tân Hòa, Đoàn kiểm tra của Tỉnh đoàn tổ chức Hội nghị kiểm tra công tác Đoàn đối với Huyện đoàn.
            """,
            MeetingKind.Inspection, null
        },
        {
            """
            Đoàn Khối các cơ quan tỉnh kiểm tra, giám sát 6 tháng đầu năm 2024
            Từ ngày 10 đến 14/6/2024, Ban Thường vụ Đoàn Khối tiến hành kiểm tra, giám sát 6 tháng đầu năm tại các cơ sở Đoàn trực thuộc.
            """,
            MeetingKind.Inspection, null
        },
        {
            """
            Huyện đoàn Tân Hòa tổng kết công tác Đoàn năm 2023
            Chiều 28/12/2023, Huyện đoàn Tân Hòa tổ chức Hội nghị tổng kết công tác Đoàn và phong trào thanh thiếu nhi năm 2023.
            """,
            MeetingKind.YearEnd, null
        },
        {
            """
            Đoàn trường Đại học Kỹ thuật sơ kết quý I năm 2024
            Ngày 02/4/2024, Ban Thường vụ Đoàn trường đã sơ kết công tác Đoàn quý I và bàn nhiệm vụ quý II.
            """,
            MeetingKind.Review, null
        },
        {
            """
            Sơ kết 6 tháng đầu năm 2023
            Sáng 30/6/2023, Đoàn Khối doanh nghiệp tỉnh tổ chức hội nghị sơ kết 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2023.
            """,
            MeetingKind.Review, null
        },
        {
            """
            Giao ban công tác cụm thi đua số 3 quý III/2023
            Sáng ngày 20/9/2023, tại Đoàn xã Phước Lộc, Cụm thi đua số 3 tổ chức giao ban công tác Đoàn quý III năm 2023.
            """,
            MeetingKind.ClusterBriefing, null
        },
        {
            """
            Cụm Đoàn số 2 tổng kết công tác năm 2023
            Ngày 15/12/2023, tại Đoàn phường Long Tâm, Cụm Đoàn số 2 tổ chức Hội nghị tổng kết công tác Đoàn năm 2023.
            """,
            MeetingKind.ClusterBriefing, MeetingKind.YearEnd
        },
        {
            """
            Giao ban công tác Đoàn tháng 10/2023
            Ngày 06/10/2023, tại phòng họp Huyện đoàn, Thường trực Huyện đoàn tổ chức giao ban tháng với Bí thư các cơ sở Đoàn.
            """,
            MeetingKind.Briefing, null
        },
        {
            """
            Hội nghị Ban Chấp hành Tỉnh đoàn lần thứ 9, khóa XI
            Ngày 20/12/2023, Ban Chấp hành Tỉnh đoàn tổ chức Hội nghị Ban Chấp hành lần thứ 9 để tổng kết công tác Đoàn năm 2023 và bàn nhiệm vụ năm 2024.
            """,
            MeetingKind.Committee, MeetingKind.YearEnd
        },
        {
            """
            Nhìn lại một năm của tuổi trẻ Sở Y tế
            Sáng 05/01/2024, tại hội trường Sở Y tế, Đoàn cơ sở Sở Y tế đã tổ chức hội nghị. Hội nghị nhằm tổng kết công tác Đoàn năm 2023, đề ra phương hướng năm 2024.
            """,
            MeetingKind.YearEnd, null
        },
        {
            """
            Cụm thi đua số 1 sơ kết 6 tháng đầu năm 2024
            Chiều 10/7/2024, tại Đoàn xã Bình Ba, Cụm thi đua số 1 đã sơ kết công tác Đoàn 6 tháng đầu năm 2024.
            """,
            MeetingKind.ClusterBriefing, MeetingKind.Review
        },
        {
            """
            THÔNG BÁO
            Kết luận Hội nghị giao ban tháng 11/2023
            Ngày 07/11/2023, tại Văn phòng Huyện đoàn, Ban Thường vụ Huyện đoàn tổ chức Hội nghị giao ban tháng 11/2023.
            2. Nội dung kết luận:
            - Chuẩn bị các nội dung tổng kết công tác Đoàn năm 2023.
            - Tăng cường kiểm tra, giám sát việc thu nộp đoàn phí.
            """,
            MeetingKind.Briefing, null
        },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_most_specific_kind_is_chosen_and_a_second_kind_that_fits_is_a_warning(string text, MeetingKind kind, MeetingKind? alsoFits)
    {
        var notice = NoticeParser.Parse(text);

        Assert.Equal(kind, notice.Kind);
        if (alsoFits is { } other)
        {
            Assert.NotNull(notice.KindWarning);
            Assert.Contains(ImportNotice.KindName(other).ToLowerInvariant()["hội nghị ".Length..], notice.KindWarning!.ToLowerInvariant(), StringComparison.Ordinal);
            Assert.Contains(notice.KindWarning, notice.Warnings);
        }
        else
        {
            Assert.Null(notice.KindWarning);
        }
    }

    [Fact]
    public void A_text_naming_no_kind_says_so_and_guesses_none()
    {
        var notice = NoticeParser.Parse("Ngày 12/3/2024, tại hội trường Huyện đoàn, Ban Thường vụ Huyện đoàn họp với các cơ sở Đoàn.");

        Assert.Null(notice.Kind);
        Assert.Equal("Không nhận ra loại hội nghị (giao ban, sơ kết, tổng kết, kiểm tra, Ban Chấp hành).", notice.KindWarning);
    }
}
