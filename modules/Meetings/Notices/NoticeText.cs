using DoanPlatform.Organisation.Contracts;
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
            throw Refused(file.Name, "không tìm thấy tệp");
        if (file.Length > MaxBytes)
            throw TooLarge(file.Name, file.Length);
        return Read(file.Name, File.ReadAllBytes(file.FullName));
    }

    /// <summary>The text of an uploaded notice named <paramref name="fileName"/> (its extension says .txt or .docx).</summary>
    public static string Read(string fileName, byte[] content)
    {
        if (content.Length > MaxBytes)
            throw TooLarge(fileName, content.Length);
        var text = Path.GetExtension(fileName).ToUpperInvariant() switch
        {
            ".TXT" => ReadTxt(fileName, content),
            ".DOCX" => ReadDocx(fileName, content),
            _ => throw Refused(fileName, "chỉ đọc được tệp .txt (UTF-8) hoặc .docx"),
        };
        if (string.IsNullOrWhiteSpace(text))
            throw Refused(fileName, "tệp rỗng, không có nội dung");
        return text.Normalize(NormalizationForm.FormC);
    }

    private static string ReadTxt(string fileName, byte[] bytes)
    {
        var zero = Array.IndexOf(bytes, (byte)0);
        if (zero >= 0)
            throw Refused(fileName, $"tệp nhị phân, không phải văn bản (byte 0 ở vị trí {zero})");
        try
        {
            return StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw Refused(fileName, $"không phải văn bản UTF-8 hợp lệ (byte lỗi ở vị trí {e.Index}); hãy lưu lại tệp với mã UTF-8");
        }
    }

    private static string ReadDocx(string fileName, byte[] bytes)
    {
        if (Uploads.ZipProblem(bytes, "word/document.xml") is { } problem)
            throw Refused(fileName, problem.Contains("giải nén", StringComparison.Ordinal) ? problem.TrimEnd('.') : "không phải tệp .docx hợp lệ");
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
                return "";
            return string.Join('\n', body.Descendants<Paragraph>().Select(ParagraphText));
        }
        catch (Exception e) when (Uploads.IsUnreadable(e))
        {
            throw Refused(fileName, "không phải tệp .docx hợp lệ");
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

    private static InvalidDataException TooLarge(string fileName, long length) =>
        Refused(fileName, string.Create(CultureInfo.InvariantCulture, $"tệp quá lớn ({length / 1024.0 / 1024.0:0.0} MB, tối đa {MaxBytes / 1024 / 1024} MB)"));

    private static InvalidDataException Refused(string fileName, string problem) => new($"{fileName}: {problem}.");
}
