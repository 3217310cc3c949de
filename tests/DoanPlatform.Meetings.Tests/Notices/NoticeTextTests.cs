using System.Text;
using DoanPlatform.Meetings.Notices;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DoanPlatform.Meetings.Tests.Notices;

public sealed class NoticeTextTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("notices-");

    public void Dispose() => folder.Delete(recursive: true);

    private string FileWith(string name, byte[] content)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static void AssertRefused(string path, string problem)
    {
        var error = Assert.Throws<InvalidDataException>(() => NoticeText.Read(path));
        Assert.StartsWith(Path.GetFileName(path) + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_file_is_refused() =>
        AssertRefused(FileWith("anh-chup.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]), "tệp nhị phân");

    [Fact]
    public void Text_that_is_not_UTF8_is_refused_with_the_offending_position()
    {
        // "Đoàn" in the old TCVN3 code page: bytes that are not UTF-8.
        var path = FileWith("tcvn3.txt", [0x54, 0x48, 0xD4, 0x4E, 0x47, 0x20, 0xA7, 0x6F, 0xB5, 0x6E]);
        AssertRefused(path, "không phải văn bản UTF-8 hợp lệ (byte lỗi ở vị trí 2)");
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        var path = Path.Combine(folder.FullName, "50mb.txt");
        using (var stream = File.Create(path))
            stream.SetLength(50L * 1024 * 1024);
        AssertRefused(path, "tệp quá lớn (50.0 MB, tối đa 2 MB)");
        AssertRefused(FileWith("just-over.txt", Encoding.UTF8.GetBytes(new string('a', (int)NoticeText.MaxBytes + 1))), "tệp quá lớn");
    }

    [Fact]
    public void An_empty_or_blank_file_is_refused()
    {
        AssertRefused(FileWith("empty.txt", []), "tệp rỗng");
        AssertRefused(FileWith("blank.txt", Encoding.UTF8.GetBytes(" \r\n\t\n")), "tệp rỗng");
    }

    [Fact]
    public void Only_txt_and_docx_are_read_and_a_broken_docx_is_refused()
    {
        AssertRefused(FileWith("notice.pdf", Encoding.UTF8.GetBytes("%PDF-1.7")), "chỉ đọc được tệp .txt (UTF-8) hoặc .docx");
        AssertRefused(FileWith("broken.docx", Encoding.UTF8.GetBytes("THÔNG BÁO")), "không phải tệp .docx hợp lệ");
        AssertRefused(Path.Combine(folder.FullName, "missing.txt"), "không tìm thấy tệp");
    }

    [Fact]
    public void Text_is_NFC_normalised_and_a_byte_order_mark_dropped()
    {
        var decomposed = "\uFEFF" + "Đoàn Khối".Normalize(NormalizationForm.FormD);
        var text = NoticeText.Read(FileWith("nfd.txt", Encoding.UTF8.GetBytes(decomposed)));
        Assert.Equal("Đoàn Khối", text);
    }

    [Fact]
    public void A_docx_holding_the_2023_Q2_notice_reads_to_the_same_figures()
    {
        var lines = File.ReadAllText(NoticeSamples.PathOf(NoticeSamples.Q2Briefing)).Split('\n');
        var path = Path.Combine(folder.FullName, "2023-q2.docx");
        using (var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document))
        {
            var body = new Body();
            for (var i = 0; i < lines.Length; i++)
            {
                // Word splits text into runs anywhere; a soft line break (Shift+Enter) stays inside a paragraph.
                var line = lines[i].TrimEnd('\r');
                var half = line.Length / 2;
                var paragraph = new Paragraph(
                    new Run(new Text(line[..half]) { Space = SpaceProcessingModeValues.Preserve }),
                    new Run(new RunProperties(new Bold()), new Text(line[half..]) { Space = SpaceProcessingModeValues.Preserve }));
                if (line.EndsWith("Chi đoàn trường ", StringComparison.Ordinal))
                    paragraph.Append(new Run(new Break(), new Text(lines[++i].TrimEnd('\r'))));
                body.Append(paragraph);
            }
            document.AddMainDocumentPart().Document = new Document(body);
        }

        NoticeSampleTests.AssertQ2Briefing(NoticeParser.Parse(NoticeText.Read(path)));
    }
}
