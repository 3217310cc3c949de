using DoanPlatform.Organisation.Contracts.Documents;

namespace DoanPlatform.Organisation.Tests.Documents;

/// <summary>The shared layout of the documents and workbooks handed to the upper level: what a line keeps together, what a download is named.</summary>
public sealed class DocumentLayoutTests
{
    private const char NoBreak = '\u00A0';

    [Theory]
    [InlineData("BCH TỈNH ĐOÀN BÀ RỊA – VŨNG TÀU", "Bà Rịa", "BCH TỈNH ĐOÀN |BÀ RỊA – VŨNG TÀU|")]
    [InlineData("BCH ĐOÀN KHỐI DÂN – CHÍNH – ĐẢNG TỈNH BÀ RỊA – VŨNG TÀU", "Vũng Tàu", "BCH ĐOÀN KHỐI DÂN – CHÍNH – ĐẢNG TỈNH |BÀ RỊA – VŨNG TÀU|")]
    [InlineData("BCH ĐOÀN CƠ SỞ TRƯỜNG ĐẠI HỌC BÀ RỊA – VŨNG TÀU", "Vũng Tàu", "BCH ĐOÀN CƠ SỞ TRƯỜNG ĐẠI HỌC BÀ RỊA – |VŨNG TÀU|")]
    [InlineData("BAN CHẤP HÀNH ĐOÀN XÃ LONG SƠN THÀNH PHỐ VŨNG TÀU", "", "BAN CHẤP HÀNH ĐOÀN XÃ LONG SƠN THÀNH PHỐ |VŨNG TÀU|")]
    public void A_header_line_that_wraps_keeps_the_words_of_its_place_together(string line, string place, string expected)
    {
        var glued = OfficialDocument.KeepPlaceTogether(line, place, OfficialDocument.SmallBold, OfficialDocument.HeaderLeftWidth - 216);

        // Between the bars every space is a no-break space; elsewhere the line may break.
        var parts = expected.Split('|');
        Assert.Equal(parts[0] + parts[1].Replace(' ', NoBreak) + parts[2], glued);
        Assert.Equal(line, glued.Replace(NoBreak, ' '));
    }

    [Theory]
    [InlineData("THÀNH ĐOÀN VŨNG TÀU")]
    [InlineData("BCH ĐOÀN KHỐI DÂN – CHÍNH – ĐẢNG")]
    public void A_header_line_that_fits_is_left_as_it_is(string line) =>
        Assert.Equal(line, OfficialDocument.KeepPlaceTogether(line, "Vũng Tàu", OfficialDocument.SmallBold, OfficialDocument.HeaderLeftWidth - 216));

    [Fact]
    public void Place_and_date_pad_as_the_decree_says_and_an_empty_place_leaves_no_comma() =>
        Assert.Equal(("Bà Rịa, ngày 09 tháng 01 năm 2024", "ngày 25 tháng 10 năm 2024"),
            (OfficialDocument.PlaceAndDate("Bà Rịa", new DateOnly(2024, 1, 9)), OfficialDocument.PlaceAndDate(" ", new DateOnly(2024, 10, 25))));

    [Theory]
    [InlineData("Thông báo kết luận 1-TB-TĐTN.docx", "Thong bao ket luan 1-TB-TDTN.docx")]
    [InlineData("Thông báo kết luận kiểm tra 5-TB-TĐTN.docx", "Thong bao ket luan kiem tra 5-TB-TDTN.docx")]
    [InlineData("Tổng kết năm 2023 - Đoàn Khối Dân – Chính – Đảng.xlsx", "Tong ket nam 2023 - Doan Khoi Dan - Chinh - Dang.xlsx")]
    [InlineData("Xếp hạng thi đua 2023 - Đảng \"ủy\".xlsx", "Xep hang thi dua 2023 - Dang -uy-.xlsx")]
    public void The_ascii_file_name_strips_diacritics_instead_of_replacing_letters(string name, string ascii)
    {
        Assert.Equal(ascii, FileNames.Ascii(name));
        Assert.Equal(ascii, FileNames.Ascii(name.Normalize(System.Text.NormalizationForm.FormD)));
    }

    [Fact]
    public void An_aspnet_disposition_gets_the_stripped_fallback_and_keeps_its_utf8_name()
    {
        const string aspnet = "attachment; filename=\"Th_ng b_o k_t lu_n 1-TB-T_TN.docx\"; filename*=UTF-8''Th%C3%B4ng%20b%C3%A1o%20k%E1%BA%BFt%20lu%E1%BA%ADn%201-TB-T%C4%90TN.docx";
        var fixedName = FileNames.WithAsciiFallback(aspnet);
        Assert.Equal("attachment; filename=\"Thong bao ket luan 1-TB-TDTN.docx\"; filename*=UTF-8''Th%C3%B4ng%20b%C3%A1o%20k%E1%BA%BFt%20lu%E1%BA%ADn%201-TB-T%C4%90TN.docx", fixedName);
        Assert.Null(FileNames.WithAsciiFallback("attachment; filename=\"plain.docx\""));
        Assert.Null(FileNames.WithAsciiFallback(null));
        Assert.Null(FileNames.WithAsciiFallback("not a disposition;;;=\""));
    }

    [Fact]
    public void A_column_fits_its_longest_value_within_its_bounds_and_its_header_words()
    {
        Assert.True(SheetLayout.FitWidth("Mã đơn vị", ["BRVT.DK-DCD.CD-SOTP", "BRVT"], max: 40) >= "BRVT.DK-DCD.CD-SOTP".Length + 2);
        Assert.Equal(12, SheetLayout.FitWidth("Cụm", ["Cụm thi đua số 1 của các đơn vị khối cơ quan tỉnh Bà Rịa – Vũng Tàu"], min: 6, max: 12));
        Assert.Equal(6, SheetLayout.FitWidth("Số", [], min: 6));
        Assert.True(SheetLayout.FitWidth("Chưa hoàn thành", ["1"]) >= "hoàn".Length + 2);
    }

    [Fact]
    public void Wrapped_text_takes_the_lines_its_words_need_and_the_row_its_height()
    {
        Assert.Equal(1, SheetLayout.Lines("Đoàn Sở Tư pháp", 30));
        Assert.InRange(SheetLayout.Lines("Kiểm tra: chấp nhận một phần", 9), 3, 4);
        Assert.Equal(2, SheetLayout.Lines("Ưu điểm\nHạn chế", 30));
        Assert.Null(SheetLayout.RowHeight(1));
        Assert.Equal(Math.Ceiling(3 * SheetLayout.LineHeight + 3), SheetLayout.RowHeight(3));
        Assert.True(SheetLayout.HeaderHeight([("Kiểm tra: chấp nhận một phần", 9), ("STT", 6)]) >= 3 * SheetLayout.LineHeight);
    }
}
