using DoanPlatform.Meetings.Notices;

namespace DoanPlatform.Meetings.Tests.Notices;

/// <summary>The meeting's date as reports write it in prose (our own texts): part of day, ranges, no year, "vừa qua".</summary>
public sealed class NoticeProseDateTests
{
    /// <summary>Text, the first and last day expected (null: none may be read), and a warning the parser must give (null: no date warning).</summary>
    public static TheoryData<string, string?, string?, string?> Examples => new()
    {
        {
            "Sáng ngày 14/9, tại Nhà văn hóa thanh niên, Huyện đoàn Tân Hòa tổ chức Hội nghị giao ban công tác Đoàn quý III năm 2022.",
            "2022-09-14", null, "Ngày họp 14/9 không ghi năm: lấy năm 2022 của kỳ hội nghị (Quý III/2022)."
        },
        {
            "Chiều 08/5/2024, tại hội trường Công ty Điện lực, Đoàn Khối doanh nghiệp tổ chức Hội nghị sơ kết công tác Đoàn quý I năm 2024.",
            "2024-05-08", null, null
        },
        {
            "Từ ngày 03 đến 05/12/2022, Đoàn kiểm tra của Tỉnh đoàn tổ chức kiểm tra công tác Đoàn năm 2022 tại các huyện, thị xã.",
            "2022-12-03", "2022-12-05", null
        },
        {
            "Từ ngày 02/3 đến ngày 15/4/2022, Ban Thường vụ Tỉnh đoàn tổ chức các hội nghị kiểm tra công tác Đoàn quý I tại 11 cơ sở.",
            "2022-03-02", "2022-04-15", null
        },
        {
            "Trong các ngày 21 – 23/9/2022, Tỉnh đoàn tổ chức Hội nghị giao ban cụm thi đua quý III tại ba cụm.",
            "2022-09-21", "2022-09-23", null
        },
        {
            """
            Thứ Sáu, 16/12/2022 09:15
            Huyện đoàn Tân Hòa tổng kết công tác Đoàn năm 2022
            Vừa qua, tại hội trường Ủy ban nhân dân huyện, Huyện đoàn Tân Hòa tổ chức Hội nghị tổng kết công tác Đoàn năm 2022.
            """,
            null, null, "Văn bản chỉ ghi \"vừa qua\", không ghi ngày họp (ngày 16/12/2022 ở đầu trang là ngày đăng bài, không phải ngày họp)."
        },
        {
            """
            Thứ Sáu, 16/09/2022 09:15
            Giao ban Cụm thi đua số 4
            Ngày 14/9 vừa qua, tại Đoàn xã Hòa Hiệp, Cụm thi đua số 4 tổ chức Hội nghị giao ban công tác Đoàn.
            """,
            "2022-09-14", null, "Ngày họp 14/9 không ghi năm: lấy năm 2022 của ngày đăng bài (16/09/2022)."
        },
        {
            """
            05/01/2024
            Sáng 28/12, tại hội trường Tỉnh đoàn, Ban Thường vụ Tỉnh đoàn tổ chức Hội nghị tổng kết công tác Đoàn năm 2023.
            """,
            "2023-12-28", null, "Ngày họp 28/12 không ghi năm: lấy năm 2023 (trước ngày đăng bài 05/01/2024)."
        },
        {
            "Sáng ngày 14/9, tại phòng họp, Chi đoàn Thanh tra tổ chức hội nghị giao ban.",
            null, null, "Ngày họp 14/9 không ghi năm và văn bản không nêu năm nào: không đọc được ngày họp."
        },
        {
            """
            Giao ban Cụm thi đua số 4 năm 2023
            Trong hai ngày 21 – 22/9, tại Đoàn xã Hòa Hiệp, Cụm thi đua số 4 tổ chức giao ban công tác Đoàn.
            """,
            "2023-09-21", "2023-09-22", "Ngày họp 21 – 22/9 không ghi năm: lấy năm 2023 của kỳ hội nghị (Năm 2023)."
        },
        {
            "Thực hiện Kế hoạch số 45-KH/ĐTN ngày 02/8/2023 của Ban Thường vụ Đoàn Khối, sáng ngày 15/9/2023, tại hội trường Đoàn Khối, Ban Thường vụ Đoàn Khối tổ chức Hội nghị giao ban quý III năm 2023.",
            "2023-09-15", null, null
        },
        {
            "Sáng ngày 14 tháng 9 năm 2022, tại hội trường Huyện đoàn, Ban Thường vụ Huyện đoàn tổ chức Hội nghị giao ban quý III.",
            "2022-09-14", null, null
        },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_date_in_prose_is_read_and_a_missing_year_is_taken_from_elsewhere_with_a_warning(string text, string? from, string? until, string? warning)
    {
        var notice = NoticeParser.Parse(text);

        Assert.Equal(Date(from), notice.HeldOn);
        Assert.Equal(Date(until), notice.HeldUntil);
        if (warning is null)
            Assert.DoesNotContain(notice.Warnings, w => w.StartsWith("Ngày họp", StringComparison.Ordinal) || w.Contains("ngày họp", StringComparison.Ordinal));
        else
            Assert.Contains(warning, notice.Warnings);
    }

    private static DateOnly? Date(string? iso) => iso is null ? null : DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
