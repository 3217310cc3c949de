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
