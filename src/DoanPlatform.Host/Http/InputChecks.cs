using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Host.Http;

/// <summary>
/// The one check of every JSON body, as it is read and before any endpoint sees it: text without control characters, NFC,
/// within its field's length; lists without null elements, within their field's size; dates within <see cref="InputRules"/>.
/// A refusal is a <see cref="RejectedValue"/>, answered 400 with the field's path.
/// </summary>
internal static class InputChecks
{
    /// <summary>Adds the checks to every request type of the platform's own (framework types are left alone).</summary>
    public static void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Namespace?.StartsWith("DoanPlatform", StringComparison.Ordinal) != true)
            return;
        // Only what a client sends: computed properties (a scale's AllConditions) are not input, and evaluating them on bad input throws.
        var checks = info.Properties.Where(p => p.Get is not null && (p.Set is not null || p.AssociatedParameter is not null)).Select(CheckFor).OfType<Action<object>>().ToList();
        if (checks.Count == 0)
            return;
        var previous = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            foreach (var check in checks)
                check(value);
            previous?.Invoke(value);
        };
    }

    private static Action<object>? CheckFor(JsonPropertyInfo property)
    {
        var name = property.Name;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(string))
        {
            var max = InputLimits.TextLength(name);
            return value =>
            {
                if (property.Get!(value) is not string text)
                    return;
                var clean = CheckText(text, name, max);
                if (!ReferenceEquals(clean, text) && property.Set is { } set)
                    set(value, clean);
            };
        }
        if (type == typeof(DateOnly))
            return value =>
            {
                if (property.Get!(value) is DateOnly date && InputRules.DateProblem(date) is { } problem)
                    throw new RejectedValue(name, problem);
            };
        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && !typeof(IDictionary).IsAssignableFrom(type))
        {
            var max = InputLimits.ListLength(name);
            return value =>
            {
                if (property.Get!(value) is not IEnumerable items)
                    return;
                var i = 0;
                foreach (var item in items)
                {
                    if (i >= max)
                        throw new RejectedValue(name, $"Danh sách '{name}' có quá {max} phần tử.");
                    switch (item)
                    {
                        case null:
                            throw new RejectedValue($"{name}[{i}]", $"Phần tử thứ {i + 1} của '{name}' bị bỏ trống (null).");
                        case string text:
                            CheckText(text, $"{name}[{i}]", InputLimits.TextLength(name));
                            break;
                        case DateOnly date when InputRules.DateProblem(date) is { } problem:
                            throw new RejectedValue($"{name}[{i}]", problem);
                    }
                    i++;
                }
            };
        }
        return null;
    }

    private static string CheckText(string text, string field, int max)
    {
        if (InputRules.TextProblem(text) is { } problem)
            throw new RejectedValue(field, problem);
        var clean = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        if (clean.Length > max)
            throw new RejectedValue(field, $"'{field}' dài {clean.Length} ký tự, quá giới hạn {max} ký tự.");
        return clean;
    }
}

/// <summary>A JSON value refused by <see cref="InputChecks"/>: <see cref="Field"/> is relative to the object the serializer was reading.</summary>
internal sealed class RejectedValue(string field, string message) : JsonException(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Maxima per field, by the name the client sends: generous for real work (a province has about 200 units, a scale 40 conditions),
/// small enough that no request can bloat a stream or an event.
/// </summary>
internal static class InputLimits
{
    public const int DefaultText = 1_000;
    public const int LongText = 8_000;
    public const int DefaultList = 500;
    public const int QueryValue = 1_000;

    private static readonly Dictionary<string, int> Text = new(StringComparer.OrdinalIgnoreCase)
    {
        ["code"] = 50, ["parentCode"] = 50, ["userName"] = 100, ["password"] = 200, ["numberSymbol"] = 100, ["period"] = 200,
        ["name"] = 300, ["shortName"] = 150, ["displayName"] = 200, ["title"] = 500, ["signer"] = 200, ["venue"] = 300,
        ["minuteTaker"] = 200, ["cluster"] = 300, ["personName"] = 200, ["term"] = 50, ["fileName"] = 255,
    };

    // Free text a clerk writes paragraphs into.
    private static readonly HashSet<string> Long = new(StringComparer.OrdinalIgnoreCase)
    {
        "text", "content", "conclusion", "conclusions", "finding", "findings", "description", "note", "notes", "summary", "report", "body",
        "result", "evidence", "recommendation", "paragraphs", "items", "lines",
    };

    public static int TextLength(string field) => Text.TryGetValue(field, out var max) ? max : Long.Contains(field) ? LongText : DefaultText;

    private static readonly Dictionary<string, int> Lists = new(StringComparer.OrdinalIgnoreCase)
    {
        ["chairs"] = 20, ["invitedPeople"] = 300, ["signers"] = 20,
    };

    public static int ListLength(string field) => Lists.TryGetValue(field, out var max) ? max : DefaultList;
}
