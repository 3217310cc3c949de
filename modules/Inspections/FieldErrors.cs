namespace DoanPlatform.Inspections;

/// <summary>Field errors of a refused request, keyed by field path (HTTP 400).</summary>
internal sealed class FieldErrors : Dictionary<string, string[]>
{
    public FieldErrors Require(bool ok, string field, string message)
    {
        if (!ok)
            this[field] = [.. (TryGetValue(field, out var existing) ? existing : []), message];
        return this;
    }
}

/// <summary>Text as the platform stores it: trimmed, NFC, empty as null.</summary>
internal static class Input
{
    public static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Normalize(System.Text.NormalizationForm.FormC);
}
