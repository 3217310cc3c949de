using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace DoanPlatform.Meetings.Notices;

/// <summary>
/// Reads a notice's text: a UTF-8 .txt or a .docx (one line per paragraph). Anything else is refused with an
/// <see cref="InvalidDataException"/> whose message names the file and the problem.
/// </summary>
internal static class NoticeText
{
    public const long MaxBytes = 2 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Read(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            throw Refused(file, "không tìm thấy tệp");
        if (file.Length > MaxBytes)
            throw Refused(file, string.Create(CultureInfo.InvariantCulture, $"tệp quá lớn ({file.Length / 1024.0 / 1024.0:0.0} MB, tối đa {MaxBytes / 1024 / 1024} MB)"));

        var text = file.Extension.ToUpperInvariant() switch
        {
            ".TXT" => ReadTxt(file),
            ".DOCX" => ReadDocx(file),
            _ => throw Refused(file, "chỉ đọc được tệp .txt (UTF-8) hoặc .docx"),
        };
        if (string.IsNullOrWhiteSpace(text))
            throw Refused(file, "tệp rỗng, không có nội dung");
        return text.Normalize(NormalizationForm.FormC);
    }

    private static string ReadTxt(FileInfo file)
    {
        var bytes = File.ReadAllBytes(file.FullName);
        var zero = Array.IndexOf(bytes, (byte)0);
        if (zero >= 0)
            throw Refused(file, $"tệp nhị phân, không phải văn bản (byte 0 ở vị trí {zero})");
        try
        {
            return StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw Refused(file, $"không phải văn bản UTF-8 hợp lệ (byte lỗi ở vị trí {e.Index}); hãy lưu lại tệp với mã UTF-8");
        }
    }

    private static string ReadDocx(FileInfo file)
    {
        try
        {
            using var document = WordprocessingDocument.Open(file.FullName, isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
                return "";
            return string.Join('\n', body.Descendants<Paragraph>().Select(ParagraphText));
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException)
        {
            throw Refused(file, "không phải tệp .docx hợp lệ");
        }
    }

    private static string ParagraphText(Paragraph paragraph) =>
        string.Concat(paragraph.Descendants().Select(element => element switch
        {
            WordText text => text.Text,
            Break or CarriageReturn => "\n",
            TabChar => " ",
            _ => "",
        }));

    private static InvalidDataException Refused(FileInfo file, string problem) => new($"{file.Name}: {problem}.");
}
