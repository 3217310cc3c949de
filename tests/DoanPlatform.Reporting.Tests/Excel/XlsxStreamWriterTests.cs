using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DoanPlatform.Reporting.Excel;

namespace DoanPlatform.Reporting.Tests.Excel;

public sealed class XlsxStreamWriterTests
{
    /// <summary>What an HTTP response body is: write-only, no seeking, no length.</summary>
    private sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }

    [Fact]
    public void A_workbook_written_to_a_forward_only_stream_is_valid_and_reads_back_with_its_text_numbers_dates_and_formulas()
    {
        using var memory = new MemoryStream();
        using (var workbook = new XlsxStreamWriter(new ForwardOnly(memory)))
        {
            var sheet = workbook.AddSheet("Điểm: chi tiết/2023 [bản nháp] của các đơn vị trực thuộc", "Đoàn Khối Dân – Chính – Đảng", "Điểm chi tiết - Năm 2023",
                [new("Đơn vị", 30), new("Ghi chú", 30, ColumnKind.LongText), new("Điểm", 8, ColumnKind.Decimal), new("Số", 8, ColumnKind.Integer),
                 new("Ngày", 11, ColumnKind.Date)]);
            foreach (var (name, note, points, count, day) in new[]
                     {
                         ("Đoàn Sở Tài chính", " có khoảng trắng đầu\nvà xuống dòng", 12.5m, 3, new DateOnly(2023, 3, 30)),
                         ("Chi đoàn \u0001ký tự điều khiển", "\ud83d\ude00 và \ud800 lẻ", 7.25m, 1, new DateOnly(2023, 12, 31)),
                     })
            {
                sheet.StartRow();
                sheet.Text(name);
                sheet.Text(note);
                sheet.Number(points);
                sheet.Number(count);
                sheet.Date(day);
                sheet.EndRow();
            }
            sheet.TotalRow("Tổng cộng", 0, new TotalCell(2, $"SUM({sheet.Data(2)})", 19.75m, Integer: false), new TotalCell(3, $"SUM({sheet.Data(3)})", 4));
            Assert.Throws<InvalidOperationException>(() => workbook.AddSheet("Khác", "", "", [new("A", 5)]));
            sheet.Complete();
            var second = workbook.AddSheet("Điểm: chi tiết/2023 [bản nháp] của các đơn vị trực thuộc", "x", "y", [new("A", 5)]);
            second.Note("Không có dữ liệu.");
            second.Complete();
            workbook.Complete();
        }

        var bytes = memory.ToArray();
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
            Assert.Empty(new OpenXmlValidator().Validate(document));
        var (sheets, names) = WorkbookReader.Read(bytes);
        Assert.Equal(["Điểm- chi tiết-2023 -bản nháp-", "Điểm- chi tiết-2023 -bản n (2)"], sheets.Select(s => s.Name));
        var first = sheets[0];
        Assert.Equal(("Đoàn Sở Tài chính", " có khoảng trắng đầu\nvà xuống dòng", "12.5", "3", "45015"),
            (first.Text("A5"), first.Text("B5"), first.Text("C5"), first.Text("D5"), first.Text("E5")));
        Assert.Equal(("Chi đoàn  ký tự điều khiển", "\ud83d\ude00 và   lẻ"), (first.Text("A6"), first.Text("B6")));
        Assert.Equal(("SUM(C5:C6)", "19.75"), (first["C7"]!.Formula, first["C7"]!.Value));
        Assert.Equal("Không có dữ liệu.", sheets[1].Text("A6"));
        Assert.Equal(4, names.Count);
        Assert.Contains(names, n => n.Name == "_xlnm.Print_Titles" && n.Sheet == 1 && n.Text == "'Điểm- chi tiết-2023 -bản n (2)'!$4:$4");
    }
}
