using DoanPlatform.Organisation.Contracts;
using System.Security.Cryptography;

namespace DoanPlatform.Emulation.Scoring;

/// <summary>What an evidence file may be: PDF, images, Office documents, identified by their first bytes and not by their name.</summary>
internal static class EvidenceFile
{
    public const int MaxBytes = 10 * 1024 * 1024;

    private static readonly (string Extension, string ContentType, byte[] Magic)[] Allowed =
    [
        (".pdf", "application/pdf", "%PDF-"u8.ToArray()),
        (".png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        (".jpg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
        (".jpeg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
        (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04]),
        (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [0x50, 0x4B, 0x03, 0x04]),
        (".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", [0x50, 0x4B, 0x03, 0x04]),
        (".doc", "application/msword", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        (".xls", "application/vnd.ms-excel", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
    ];

    /// <summary>The content type of a file whose name and first bytes agree on an allowed type, or an error for the user.</summary>
    public static (string? ContentType, string? Error) Sniff(string fileName, ReadOnlySpan<byte> content)
    {
        if (content.Length == 0)
            return (null, "Tệp rỗng.");
        if (content.Length > MaxBytes)
            return (null, $"Tệp vượt quá {MaxBytes / 1024 / 1024} MB.");
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var allowed = Allowed.Where(a => a.Extension == extension).ToList();
        if (allowed.Count == 0)
            return (null, $"Chỉ nhận tệp PDF, ảnh (PNG, JPEG) và văn bản Office; không nhận \"{extension}\".");
        foreach (var (_, contentType, magic) in allowed)
        {
            if (content.StartsWith(magic))
                return Uploads.DocumentProblem(extension, content) is { } problem ? (null, problem) : (contentType, null);
        }
        return (null, $"Nội dung tệp không phải {extension.TrimStart('.').ToUpperInvariant()} như tên tệp khai báo.");
    }

    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
