using DoanPlatform.Meetings.Notices;

namespace DoanPlatform.Meetings.Tests.Notices;

/// <summary>Referenced documents wherever the text names them, in the symbol shapes offices use (our own texts).</summary>
public sealed class NoticeReferenceTests
{
    private const string Opening = "Ngày 10/3/2024, tại hội trường Tỉnh đoàn, Ban Thường vụ Tỉnh đoàn tổ chức Hội nghị giao ban quý I năm 2024.";

    /// <summary>A sentence and the references expected in it, "number-symbol | yyyy-MM-dd" (date empty when none).</summary>
    public static TheoryData<string, string[]> Examples => new()
    {
        { "Thực hiện Kế hoạch số 112-KH/TĐTN-TCKT ngày 20/02/2024 của Ban Thường vụ Tỉnh đoàn về công tác kiểm tra.", ["112-KH/TĐTN-TCKT | 2024-02-20"] },
        { "Các đơn vị thực hiện theo Thông báo số 97-TB/TĐTN-VP của Văn phòng Tỉnh đoàn.", ["97-TB/TĐTN-VP | "] },
        { "Căn cứ Hướng dẫn 05 HD/ĐTN ngày 12/01/2024 của Ban Thường vụ Đoàn Khối.", ["05-HD/ĐTN | 2024-01-12"] },
        { "Theo Quyết định số 1250-QĐ/TWĐTN-BTC ngày 03 tháng 6 năm 2022 của Ban Bí thư Trung ương Đoàn.", ["1250-QĐ/TWĐTN-BTC | 2022-06-03"] },
        { "Phối hợp thực hiện Công văn số 87/UBND-VX ngày 15/3/2024 của Ủy ban nhân dân huyện.", ["87/UBND-VX | 2024-03-15"] },
        { "Triển khai Kế hoạch số 12 – KH/ĐTN về Tháng Thanh niên.", ["12-KH/ĐTN | "] },
        { "Bám sát Hướng dẫn số 32 HD/TWĐTN-BTC và Chương trình số 04-CTr/ĐTN ngày 16/02/2024.", ["32-HD/TWĐTN-BTC | ", "04-CTr/ĐTN | 2024-02-16"] },
        { "Thực hiện Kế hoạch số 08-KH/HĐTN-TTN ngày 05/01/2024 và Công văn số 211-CV/TĐTN-VP ngày 09/01/2024.", ["08-KH/HĐTN-TTN | 2024-01-05", "211-CV/TĐTN-VP | 2024-01-09"] },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void References_in_every_shape_are_found_in_the_conclusions(string sentence, string[] references)
    {
        var notice = NoticeParser.Parse($"{Opening}\n2. Nội dung kết luận:\n- {sentence}");

        Assert.Equal(references, notice.References.Select(r => $"{r.Number} | {r.Date:yyyy-MM-dd}"));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void References_are_found_before_the_opening_and_in_prose_too(string sentence, string[] references)
    {
        var notice = NoticeParser.Parse($"{sentence}\n{Opening} Hội nghị thống nhất các nội dung trọng tâm.");

        Assert.Equal(references, notice.References.Select(r => $"{r.Number} | {r.Date:yyyy-MM-dd}"));
    }

    [Fact]
    public void The_notices_own_number_and_dates_are_no_references()
    {
        var notice = NoticeParser.Parse($"Số: 45-TB/HĐTN\nTân Hòa, ngày 12 tháng 3 năm 2024\n{Opening}\n2. Nội dung kết luận:\n- Hoàn thành báo cáo trước ngày 30/3/2024.");

        Assert.Empty(notice.References);
    }
}
