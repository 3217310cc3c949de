using System.Text;
using DoanPlatform.Meetings.Notices;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DoanPlatform.Meetings.Tests.Notices;

public sealed class NoticeDocumentTests
{
    // The eleven units the 2023 Q2 notice names as excused, as it spells them.
    private static readonly string[] ExcusedUnits = NoticeSampleTests.Q2ExcusedUnits;

    private static readonly string[] Conclusions =
    [
        "Tăng cường công tác nắm bắt tình hình đoàn viên, thanh niên; kịp thời báo cáo Thường trực Đoàn Khối và cấp ủy đơn vị nếu có vấn đề phát sinh.",
        "Chủ động rà soát các nội dung công việc đã xác lập, bám sát Thang điểm thi đua công tác Đoàn và phong trào thanh niên năm 2023 theo Hướng dẫn số 09-HD/ĐTN ngày 16/02/2023 của Ban Thường vụ Đoàn Khối.",
        "Chuẩn bị chu đáo các nội dung đăng cai cấp Khối theo Chương trình số 04-CTr/ĐTN ngày 16/02/2023 và Hướng dẫn số 47-HD/ĐTN ngày 17/01/2022 của Ban Thường vụ Đoàn Khối.",
        "Nỗ lực sớm hoàn thành các chỉ tiêu, nhiệm vụ công tác Đoàn; đặc biệt là chỉ tiêu phát triển Đảng từ đoàn viên ưu tú.",
        "Rút kinh nghiệm và quán triệt nghiêm túc việc triển khai thực hiện App Thanh niên Việt Nam và phần mềm quản lý đoàn viên.",
    ];

    private static readonly string[] Recipients =
    [
        "Thường trực Thành Đoàn (b/c)",
        "Thường trực Đảng ủy Khối (b/c)",
        "Các cơ sở Đoàn trực thuộc",
        "Lưu VP",
    ];

    private static NoticeContent Q2Briefing() => new(
        UpperBody: "THÀNH ĐOÀN VŨNG TÀU",
        IssuingBody: "BCH ĐOÀN KHỐI DÂN – CHÍNH – ĐẢNG",
        NumberSymbol: "12-TB/ĐTN",
        Place: "Vũng Tàu",
        IssuedOn: new DateOnly(2023, 4, 5),
        Title: "THÔNG BÁO",
        Summary: "Kết luận Hội nghị giao ban công tác Đoàn và phong trào thanh niên quý II, năm 2023",
        Opening: "Vào ngày 31/3/2023 tại Thành phố Vũng Tàu, tỉnh Bà Rịa – Vũng Tàu, Ban Thường vụ Đoàn Khối Dân – Chính – Đảng Thành phố đã tổ chức Hội nghị giao ban công tác Đoàn và phong trào thanh niên quý II, năm 2023. Thay mặt Ban Thường vụ Đoàn Khối, đồng chí Nguyễn Đăng Khoa – Ủy viên Ban Thường vụ Thành Đoàn, Bí thư Đoàn Khối Dân – Chính – Đảng Thành phố đã chủ trì và kết luận Hội nghị như sau:",
        Attendance: new NoticeAttendance(
            Invited: 60,
            Present: 49,
            Excused: [.. ExcusedUnits.Select((unit, i) => new NoticeAbsence(unit, i % 2 == 0 ? "bận công tác" : "tổ chức hoạt động tại đơn vị"))],
            Unexcused: []),
        Conclusions: [new NoticeSection("", "", Conclusions)],
        Tasks:
        [
            new NoticeTask(
                "Đảm bảo 100% đoàn viên tải App Thanh niên Việt Nam và tham gia thi trắc nghiệm Nghị quyết Đại hội Đoàn toàn quốc lần thứ XII",
                "các cơ sở Đoàn trực thuộc",
                new DateOnly(2023, 4, 30),
                "100% đoàn viên tải App"),
        ],
        Closing: "Văn phòng Đoàn Khối thông báo kết luận của Thường trực Đoàn Khối để các cơ sở Đoàn nắm và triển khai thực hiện.",
        Recipients: Recipients,
        Signature: new NoticeSignature("TM. BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Đăng Khoa"));

    [Fact]
    public void Notice_is_a_valid_A4_document_in_Times_New_Roman()
    {
        using var document = WordprocessingDocument.Open(Write(Q2Briefing()), false);

        foreach (var version in new[] { FileFormatVersions.Office2019, FileFormatVersions.Microsoft365 })
        {
            var errors = new OpenXmlValidator(version).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, $"{version}:\n" + string.Join("\n", errors));
        }

        var section = document.MainDocumentPart!.Document.Body!.GetFirstChild<SectionProperties>()!;
        var page = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (page.Width!.Value, page.Height!.Value));
        var margins = section.GetFirstChild<PageMargin>()!;
        Assert.InRange(margins.Left!.Value, 1650u, 1750u);
        Assert.InRange(margins.Right!.Value, 850u, 1134u);

        var runs = document.MainDocumentPart.Document.Body.Descendants<Run>().ToList();
        Assert.NotEmpty(runs);
        Assert.All(runs, run =>
        {
            var fonts = run.RunProperties?.RunFonts;
            Assert.All(
                new[] { fonts?.Ascii?.Value, fonts?.HighAnsi?.Value, fonts?.ComplexScript?.Value, fonts?.EastAsia?.Value },
                font => Assert.Equal("Times New Roman", font));
            Assert.Equal("vi-VN", run.RunProperties?.Languages?.Val?.Value);
        });

        Assert.Equal("Kết luận Hội nghị giao ban công tác Đoàn và phong trào thanh niên quý II, năm 2023", document.PackageProperties.Title);
        Assert.Equal("BCH ĐOÀN KHỐI DÂN – CHÍNH – ĐẢNG", document.PackageProperties.Creator);
    }

    [Fact]
    public void Notice_reads_back_in_the_order_of_the_union_format()
    {
        var text = Read(Write(Q2Briefing()));

        AssertInOrder(text,
        [
            "THÀNH ĐOÀN VŨNG TÀU",
            "BCH ĐOÀN KHỐI DÂN – CHÍNH – ĐẢNG",
            "***",
            "ĐOÀN TNCS HỒ CHÍ MINH",
            "Số: 12-TB/ĐTN",
            "Vũng Tàu, ngày 05 tháng 4 năm 2023",
            "THÔNG BÁO",
            "Kết luận Hội nghị giao ban công tác Đoàn và phong trào thanh niên quý II, năm 2023",
            "Vào ngày 31/3/2023 tại Thành phố Vũng Tàu",
            "1. Tình hình tham dự:",
            "- Tổng số đơn vị có mặt: 49/60 đơn vị.",
            "- Vắng có phép: 11 đơn vị (gồm ",
            .. ExcusedUnits,
            "- Vắng không phép: 0 đơn vị.",
            "2. Nội dung kết luận:",
            .. Conclusions.Select(c => "- " + c),
            "3. Phân công thực hiện:",
            "- Đảm bảo 100% đoàn viên tải App Thanh niên Việt Nam và tham gia thi trắc nghiệm Nghị quyết Đại hội Đoàn toàn quốc lần thứ XII (các cơ sở Đoàn trực thuộc; chỉ tiêu: 100% đoàn viên tải App; thời hạn: trước ngày 30/04/2023).",
            "Văn phòng Đoàn Khối thông báo kết luận",
            "Nơi nhận:",
            "- Thường trực Thành Đoàn (b/c);",
            "- Thường trực Đảng ủy Khối (b/c);",
            "- Các cơ sở Đoàn trực thuộc;",
            "- Lưu VP.",
            "TM. BAN THƯỜNG VỤ",
            "BÍ THƯ",
            "Nguyễn Đăng Khoa",
        ]);
        Assert.Contains("Đoàn Sở Tài chính – lý do: bận công tác;", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), line => line.StartsWith("- Lưu", StringComparison.Ordinal));
    }

    [Fact]
    public void Notice_written_to_a_file_with_a_Vietnamese_name_opens_again()
    {
        var folder = Directory.CreateTempSubdirectory("doan-notice-");
        try
        {
            var path = Path.Combine(folder.FullName, "Thông báo kết luận 12-TB-ĐTN.docx");
            using (var file = File.Create(path))
                NoticeDocument.Write(Q2Briefing(), file);

            Assert.Equal([Path.GetFileName(path)], folder.GetFiles().Select(f => f.Name.Normalize(NormalizationForm.FormC)));
            using var document = WordprocessingDocument.Open(path, false);
            Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document));
            var text = Text(document);
            Assert.Contains("Số: 12-TB/ĐTN", text, StringComparison.Ordinal);
            Assert.Contains("49/60", text, StringComparison.Ordinal);
            Assert.Equal(Read(Write(Q2Briefing())), text);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Notice_without_conclusions_tasks_or_absences_still_reads_sensibly()
    {
        var content = Q2Briefing() with
        {
            UpperBody = "",
            Attendance = new NoticeAttendance(60, 60, [], []),
            Conclusions = [],
            Tasks = [],
            Recipients = [],
        };

        var stream = Write(content);
        using (var document = WordprocessingDocument.Open(stream, false))
            Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document));
        var text = Read(stream);

        AssertInOrder(text,
        [
            "BCH ĐOÀN KHỐI DÂN – CHÍNH – ĐẢNG",
            "- Tổng số đơn vị có mặt: 60/60 đơn vị.",
            "- Vắng có phép: 0 đơn vị.",
            "- Vắng không phép: 0 đơn vị.",
            "Văn phòng Đoàn Khối thông báo kết luận",
            "Nơi nhận:",
            "- Lưu VP.",
        ]);
        Assert.DoesNotContain("THÀNH ĐOÀN VŨNG TÀU", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nội dung kết luận", text, StringComparison.Ordinal);
        Assert.DoesNotContain("(gồm", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_and_unexcused_units_are_numbered_and_named()
    {
        var content = Q2Briefing() with
        {
            Attendance = new NoticeAttendance(60, 57, [new NoticeAbsence("Đoàn Sở Ngoại vụ", "")], ["Chi đoàn Thanh tra", "Đoàn Sở Tài chính"]),
            Conclusions =
            [
                new NoticeSection("2.1", "Ý kiến chỉ đạo của cấp ủy", ["Quán triệt Nghị quyết."]),
                new NoticeSection("2.2.", "Đề xuất của cơ sở", ["- Hỗ trợ kinh phí hoạt động hè."]),
            ],
            Tasks = [],
        };

        var text = Read(Write(content));

        AssertInOrder(text,
        [
            "- Vắng có phép: 1 đơn vị (gồm Đoàn Sở Ngoại vụ).",
            "- Vắng không phép: 2 đơn vị (gồm Chi đoàn Thanh tra và Đoàn Sở Tài chính).",
            "2. Nội dung kết luận:",
            "2.1. Ý kiến chỉ đạo của cấp ủy\n- Quán triệt Nghị quyết.",
            "2.2. Đề xuất của cơ sở\n- Hỗ trợ kinh phí hoạt động hè.",
            "Văn phòng Đoàn Khối",
        ]);
        Assert.DoesNotContain("Phân công thực hiện", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decomposed_input_comes_out_composed()
    {
        var composed = Q2Briefing();
        var decomposed = composed with
        {
            IssuingBody = composed.IssuingBody.Normalize(NormalizationForm.FormD),
            Opening = composed.Opening.Normalize(NormalizationForm.FormD),
            Attendance = composed.Attendance with
            {
                Excused = [.. composed.Attendance.Excused.Select(a => new NoticeAbsence(a.Unit.Normalize(NormalizationForm.FormD), a.Reason.Normalize(NormalizationForm.FormD)))],
            },
            Conclusions = [new NoticeSection("", "", [.. Conclusions.Select(c => c.Normalize(NormalizationForm.FormD))])],
            Signature = new NoticeSignature("TM. BAN THƯỜNG VỤ".Normalize(NormalizationForm.FormD), "BÍ THƯ".Normalize(NormalizationForm.FormD), "Nguyễn Đăng Khoa".Normalize(NormalizationForm.FormD)),
        };
        Assert.NotEqual(composed.Opening, decomposed.Opening);

        var text = Read(Write(decomposed));

        Assert.True(text.IsNormalized(NormalizationForm.FormC));
        Assert.Equal(Read(Write(composed)), text);
        Assert.Contains("Đoàn Sở Tài chính", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_issuer_line_of_a_province_union_breaks_before_its_place_never_inside_it()
    {
        // "BCH TỈNH ĐOÀN BÀ RỊA – VŨNG TÀU" is wider than the header's left column: it used to wrap as "… VŨNG" / "TÀU".
        using var document = WordprocessingDocument.Open(Write(Q2Briefing() with
        {
            UpperBody = "",
            IssuingBody = "BCH Tỉnh đoàn Bà Rịa – Vũng Tàu",
            Place = "Bà Rịa",
        }), false);
        var body = document.MainDocumentPart!.Document.Body!;
        var header = body.Elements<Table>().First();
        var cells = header.Elements<TableRow>().First().Elements<TableCell>().ToList();
        Assert.Equal(["4500", "4571"], cells.Select(c => c.TableCellProperties!.TableCellWidth!.Width!.Value));
        var left = cells[0].Elements<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal(["BCH TỈNH ĐOÀN BÀ\u00A0RỊA\u00A0–\u00A0VŨNG\u00A0TÀU", "***"], left);
        Assert.Equal(["ĐOÀN TNCS HỒ CHÍ MINH"], cells[1].Elements<Paragraph>().Select(p => p.InnerText));
        var second = header.Elements<TableRow>().ElementAt(1).Elements<TableCell>().Select(c => c.InnerText).ToList();
        Assert.Equal(["Số: 12-TB/ĐTN", "Bà Rịa, ngày 05 tháng 4 năm 2023"], second);

        var margins = body.GetFirstChild<SectionProperties>()!.GetFirstChild<PageMargin>()!;
        Assert.Equal((1134, 1134, 1701u, 1134u), (margins.Top!.Value, margins.Bottom!.Value, margins.Left!.Value, margins.Right!.Value));
    }

    [Theory]
    [InlineData(2023, 4, 5, "Vũng Tàu, ngày 05 tháng 4 năm 2023")]
    [InlineData(2023, 12, 31, "Vũng Tàu, ngày 31 tháng 12 năm 2023")]
    [InlineData(2024, 1, 9, "Vũng Tàu, ngày 09 tháng 01 năm 2024")]
    [InlineData(2024, 2, 29, "Vũng Tàu, ngày 29 tháng 02 năm 2024")]
    public void Date_line_pads_days_below_ten_and_the_first_two_months(int year, int month, int day, string expected) =>
        Assert.Equal(expected, NoticeDocument.PlaceAndDate("Vũng Tàu", new DateOnly(year, month, day)));

    private static MemoryStream Write(NoticeContent content)
    {
        var stream = new MemoryStream();
        NoticeDocument.Write(content, stream);
        stream.Position = 0;
        return stream;
    }

    private static string Read(Stream stream)
    {
        stream.Position = 0;
        using var document = WordprocessingDocument.Open(stream, false);
        return Text(document);
    }

    // One line per paragraph, in document order (header table cells left to right).
    private static string Text(WordprocessingDocument document) =>
        string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>()
            .Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text)))
            .Where(line => line.Length > 0));

    private static void AssertInOrder(string text, IEnumerable<string> parts)
    {
        var from = 0;
        foreach (var part in parts)
        {
            var at = text.IndexOf(part, from, StringComparison.Ordinal);
            Assert.True(at >= 0, $"\"{part}\" not found after position {from} in:\n{text}");
            from = at + part.Length;
        }
    }
}
