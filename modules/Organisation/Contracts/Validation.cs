namespace DoanPlatform.Organisation.Contracts;

/// <summary>Field errors of a refused request, keyed by field path; every module answers them as a 400 problem.</summary>
public sealed class FieldErrors : Dictionary<string, string[]>
{
    /// <summary>Records <paramref name="message"/> against <paramref name="field"/> unless <paramref name="ok"/>.</summary>
    public FieldErrors Require(bool ok, string field, string message)
    {
        if (!ok)
            this[field] = [.. (TryGetValue(field, out var existing) ? existing : []), message];
        return this;
    }
}

/// <summary>Text as the platform stores it: trimmed, NFC, empty as null.</summary>
public static class Input
{
    /// <summary>The trimmed NFC form of <paramref name="value"/>, or null when it is blank.</summary>
    public static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Normalize(System.Text.NormalizationForm.FormC);
}

/// <summary>
/// A value refused at the boundary, with the field it came from; HTTP answers 400 with <see cref="Field"/> in the problem's field map.
/// </summary>
/// <param name="field">The field, as the client named it (<c>invitedUnits[2]</c>, <c>year</c>).</param>
/// <param name="message">Why, in Vietnamese.</param>
public sealed class FieldException(string field, string message) : Microsoft.AspNetCore.Http.BadHttpRequestException(message, 400)
{
    /// <summary>The field refused.</summary>
    public string Field { get; } = field;
}

/// <summary>The bounds every module checks input against, so one request is refused the same way whichever module reads it.</summary>
public static class InputRules
{
    /// <summary>The first year the platform accepts, in a query or a date (units founded in the 1970s keep their dates).</summary>
    public const int FirstYear = 1900;

    /// <summary>The last year the platform accepts.</summary>
    public const int LastYear = 2100;

    /// <summary>Why <paramref name="year"/> is refused, or null when it is within <see cref="FirstYear"/>..<see cref="LastYear"/>.</summary>
    public static string? YearProblem(long year) =>
        year is >= FirstYear and <= LastYear ? null : $"Năm phải từ {FirstYear} đến {LastYear}.";

    /// <summary>Why <paramref name="date"/> is refused, or null when its year is in range.</summary>
    public static string? DateProblem(DateOnly date) =>
        date.Year is >= FirstYear and <= LastYear ? null : $"Ngày phải trong khoảng 01/01/{FirstYear} – 31/12/{LastYear}.";

    /// <summary>
    /// Why <paramref name="text"/> cannot be stored, or null: control characters (tab and line breaks aside) and lone surrogates,
    /// which PostgreSQL refuses or which no screen can show.
    /// </summary>
    public static string? TextProblem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
                return "Văn bản chứa ký tự không hợp lệ (mã UTF-16 lẻ).";
            if ((c < ' ' && c is not '\t' and not '\n' and not '\r') || c is '\u007f' or '\ufffe' or '\uffff')
                return $"Văn bản chứa ký tự điều khiển (U+{(int)c:X4}), không lưu được.";
        }
        return null;
    }

    /// <summary>Throws a <see cref="FieldException"/> when <paramref name="year"/> is out of range.</summary>
    public static int Year(int year, string field = "year") =>
        YearProblem(year) is { } problem ? throw new FieldException(field, problem) : year;
}
