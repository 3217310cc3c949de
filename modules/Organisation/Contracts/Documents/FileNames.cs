using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace DoanPlatform.Organisation.Contracts.Documents;

/// <summary>Download names: Vietnamese kept, with an ASCII twin for clients that do not read RFC 5987's <c>filename*</c>.</summary>
public static class FileNames
{
    /// <summary>The name NFC-normalised, any character a file system refuses (or a control character) made a dash.</summary>
    public static string Safe(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var safe = new string([.. name.Select(c => char.IsControl(c) || "<>:\"/\\|?*".Contains(c, StringComparison.Ordinal) ? '-' : c)]);
        return safe.Trim().TrimEnd('.').Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The file name without diacritics ("Thông báo kết luận 1-TB-TĐTN.docx" → "Thong bao ket luan 1-TB-TDTN.docx"; đ → d, Đ → D), for the
    /// plain <c>filename</c> parameter; a character with no ASCII letter under it (or a quote, a backslash) becomes a dash.
    /// </summary>
    public static string Ascii(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var plain = new StringBuilder(fileName.Length);
        foreach (var c in fileName.Normalize(NormalizationForm.FormC).Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            plain.Append(c is >= ' ' and <= '~' && c is not ('"' or '\\') ? c : '-');
        }
        return plain.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>An attachment's Content-Disposition: <c>attachment; filename="ascii"; filename*=UTF-8''…</c>.</summary>
    public static string Attachment(string fileName) =>
        new ContentDispositionHeaderValue("attachment") { FileName = Ascii(fileName), FileNameStar = fileName }.ToString();

    /// <summary>
    /// <paramref name="disposition"/> with its plain <c>filename</c> made the <see cref="Ascii"/> twin of its <c>filename*</c> (ASP.NET Core's
    /// own file results put '_' for every non-ASCII letter), or null when it has no <c>filename*</c> to take it from.
    /// </summary>
    public static string? WithAsciiFallback(string? disposition)
    {
        if (!ContentDispositionHeaderValue.TryParse(disposition, out var parsed) || parsed.FileNameStar.Value is not { Length: > 0 } name)
            return null;
        parsed.FileName = Ascii(name);
        return parsed.ToString();
    }
}
