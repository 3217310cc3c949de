using System.Globalization;
using System.Text;

namespace DoanPlatform.Reporting.Excel;

/// <summary>Download names for the workbooks: Vietnamese kept, with an ASCII twin for clients that do not read RFC 5987.</summary>
internal static class FileNames
{
    /// <summary>The name NFC-normalised, any character a file system refuses (or a control character) made a dash.</summary>
    public static string Safe(string name)
    {
        var safe = new string([.. name.Select(c => char.IsControl(c) || "<>:\"/\\|?*".Contains(c, StringComparison.Ordinal) ? '-' : c)]);
        return safe.Trim().TrimEnd('.').Normalize(NormalizationForm.FormC);
    }

    /// <summary>The file name without diacritics (đ → d), for the plain <c>filename</c> parameter.</summary>
    public static string Ascii(string fileName)
    {
        var plain = new StringBuilder();
        foreach (var c in fileName.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            plain.Append(c is >= ' ' and <= '~' && c is not ('"' or '\\') ? c : '-');
        }
        return plain.ToString();
    }
}
