using System.IO.Compression;
using System.Text;

namespace DoanPlatform.Organisation.Contracts;

/// <summary>
/// What every upload is checked against, whichever module receives it: a file name without folders, and content that is a
/// well-formed document of its declared type (a PDF with its trailer, a zip-based Office file that opens and stays small once expanded).
/// </summary>
public static class Uploads
{
    /// <summary>The most a zip-based upload (.docx, .xlsx, .pptx) may expand to: real notices and sheets are a few megabytes of XML.</summary>
    public const long MaxExpandedBytes = 20 * 1024 * 1024;

    private const int MaxEntries = 5_000;
    private static readonly byte[] PngEnd = [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    /// <summary>
    /// The file's own name: both separators count (<c>..\..\x.pdf</c> is <c>x.pdf</c>), trimmed, NFC, without control characters;
    /// null when nothing is left.
    /// </summary>
    public static string? FileName(string? raw)
    {
        if (raw is null)
            return null;
        var name = raw.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string([.. name.Where(c => !char.IsControl(c) && !char.IsSurrogate(c))]).Trim().Normalize(NormalizationForm.FormC);
        return name.Length == 0 || name.Trim('.').Length == 0 ? null : name;
    }

    /// <summary>True for the exceptions a corrupt Office file makes the Open XML SDK or the zip reader throw.</summary>
    public static bool IsUnreadable(Exception exception) =>
        exception is InvalidDataException or IOException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or FormatException
            or ArgumentException or InvalidOperationException or System.Xml.XmlException or KeyNotFoundException or NotSupportedException;

    /// <summary>
    /// Why <paramref name="content"/> is not a well-formed file of <paramref name="extension"/> (".pdf", ".docx", …), or null.
    /// Types not listed here are judged by their first bytes only, by the caller.
    /// </summary>
    public static string? DocumentProblem(string extension, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return extension.ToLowerInvariant() switch
        {
            ".pdf" => PdfProblem(content),
            ".docx" => ZipProblem(content.ToArray(), "word/document.xml"),
            ".xlsx" => ZipProblem(content.ToArray(), "xl/workbook.xml"),
            ".pptx" => ZipProblem(content.ToArray(), "ppt/presentation.xml"),
            ".png" => content.Length > 20 && content[^8..].SequenceEqual(PngEnd) ? null : "Ảnh PNG không trọn vẹn (thiếu phần kết thúc).",
            ".jpg" or ".jpeg" => content.Length > 4 && content.IndexOf([(byte)0xFF, (byte)0xD9]) > 0 ? null : "Ảnh JPEG không trọn vẹn (thiếu phần kết thúc).",
            _ => null,
        };
    }

    /// <summary>
    /// Why a zip-based Office file is refused, or null: it must open, hold <paramref name="requiredPart"/> (when given), and expand to at
    /// most <see cref="MaxExpandedBytes"/> (each entry is really decompressed and counted: declared sizes can lie).
    /// </summary>
    public static string? ZipProblem(byte[] content, string? requiredPart = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
                return "Tệp có quá nhiều phần bên trong.";
            if (requiredPart is not null && zip.GetEntry(requiredPart) is null)
                return "Tệp không đúng định dạng Office (thiếu phần nội dung chính).";
            long total = 0;
            var chunk = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
                {
                    total += read;
                    if (total > MaxExpandedBytes)
                        return $"Tệp giải nén vượt quá {MaxExpandedBytes / 1024 / 1024} MB; không nhận.";
                }
            }
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return "Tệp hỏng hoặc không phải tệp Office (.docx/.xlsx) hợp lệ.";
        }
    }

    // A PDF starts with its header and ends with startxref, the offset and %%EOF; the body holds objects. An executable with a
    // %PDF- prefix has none of the rest.
    private static string? PdfProblem(ReadOnlySpan<byte> content)
    {
        if (!content.StartsWith("%PDF-"u8))
            return "Nội dung tệp không phải PDF.";
        var tail = content[Math.Max(0, content.Length - 2048)..];
        if (tail.IndexOf("%%EOF"u8) < 0 || tail.IndexOf("startxref"u8) < 0)
            return "Tệp PDF không trọn vẹn (thiếu phần kết thúc %%EOF / startxref).";
        if (content.IndexOf(" obj"u8) < 0 && content.IndexOf("\nobj"u8) < 0 && content.IndexOf("\robj"u8) < 0)
            return "Tệp PDF không có nội dung (không có đối tượng nào).";
        return null;
    }
}
