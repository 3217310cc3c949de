using System.Text.RegularExpressions;

namespace DoanPlatform.Meetings.Notices;

/// <summary>
/// Who chaired: in every clause with "chủ trì" before the conclusions, the people named before the verb ("đồng chí X – chức vụ
/// chủ trì", "do đồng chí X, chức vụ, chủ trì") or, when none, after it ("Chủ trì Hội nghị có đồng chí X – chức vụ"); a clause
/// naming a cluster ("tại Cụm 2 do đồng chí Y … chủ trì") gives that cluster to its chair. People who only attended are no chairs.
/// </summary>
internal static partial class NoticeChairs
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    public static List<ParsedChair> Read(IReadOnlyList<string> paragraphs, int end, List<string> warnings)
    {
        var chairs = new List<ParsedChair>();
        for (var at = 0; at < end; at++)
        {
            var paragraph = paragraphs[at];
            if (!ChairVerb().IsMatch(paragraph))
                continue;
            if (ChairCaption().IsMatch(paragraph))
            {
                if (chairs.Count > 0 || at == 0)
                    continue;
                chairs.AddRange(People(paragraphs[at - 1], null));
                if (chairs.Count > 0)
                    warnings.Add("Người chủ trì suy ra từ chú thích ảnh \"Chủ trì Hội nghị\" đi sau tên đồng chí đó.");
                continue;
            }
            foreach (var clause in Clauses(paragraph))
            {
                var verb = ChairVerb().Match(clause);
                var cluster = Cluster().Match(clause) is { Success: true } c ? "C" + Spaces().Replace(c.Value, " ")[1..] : null;
                var found = People(clause[..(verb.Index + verb.Length)], cluster).ToList();
                if (found.Count == 0)
                    found = [.. People(clause[verb.Index..], cluster)];
                chairs.AddRange(found.Where(f => !chairs.Any(known => known.Name == f.Name && known.Cluster == f.Cluster)));
            }
            // One paragraph names the chairs; only a meeting held cluster by cluster names them over several.
            if (chairs.Count > 0 && chairs.All(chair => chair.Cluster is null))
                break;
        }
        if (chairs.Count == 0)
            warnings.Add(paragraphs.Take(end).Any(p => ChairVerb().IsMatch(p))
                ? "Có chữ \"chủ trì\" nhưng không tách được tên và chức vụ người chủ trì."
                : "Không thấy người chủ trì hội nghị.");
        return chairs;
    }

    private static IEnumerable<ParsedChair> People(string text, string? cluster) =>
        Person().Matches(Abbreviation().Replace(text, ""))
            .Select(m => new ParsedChair(m.Groups["name"].Value, m.Groups["title"].Value.Trim(' ', ','), cluster));

    // Sentences, then their parts at semicolons; a part without the verb belongs to the next one ("X – t; Y – t đồng chủ trì").
    private static IEnumerable<string> Clauses(string paragraph)
    {
        foreach (var sentence in SentenceEnd().Split(paragraph))
        {
            var pending = "";
            foreach (var part in NoticeTasks.SplitTopLevel(sentence, ';'))
            {
                pending = pending.Length == 0 ? part : $"{pending};{part}";
                if (ChairVerb().IsMatch(part))
                {
                    yield return pending;
                    pending = "";
                }
            }
        }
    }

    [GeneratedRegex(@"[Cc]hủ trì", Options)]
    private static partial Regex ChairVerb();

    [GeneratedRegex(@"^[Cc]hủ trì(?:\s+[Hh]ội nghị)?\.?$", Options)]
    private static partial Regex ChairCaption();

    // "TP. Hồ Chí Minh" is no sentence end.
    [GeneratedRegex(@"(?<!\b(?:TP|Tp|TS|ThS|PGS|GS|BS|KS|Q|P|TT))\.\s+(?=\p{Lu})", Options)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\b[Cc]ụm(?:\s+thi đua|\s+[Đđ]oàn)?(?:\s+số)?\s+(?:\d+|[IVX]+\b|[A-Z]\b)", Options)]
    private static partial Regex Cluster();

    // "(BT)", "(HĐ)": abbreviations explained in passing, dropped from titles.
    [GeneratedRegex(@"\s*\([A-ZĐ]{1,5}\)", Options)]
    private static partial Regex Abbreviation();

    // A name of two to five capitalised words, then its title after a dash, in parentheses, or between commas before the verb.
    [GeneratedRegex(@"(?:[Đđ]ồng chí|[Đđ]/c)\s+(?<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4})\s*(?:[–-]\s*(?<title>[^;()]+?)|\((?<title>[^()]+)\)|,\s*(?<title>[^;()]+?)(?=\s*,?\s+(?:đã\s+)?(?:đồng\s+)?[Cc]hủ trì))(?=\s+(?:và\s+)?(?:[Đđ]ồng chí|[Đđ]/c)\s|\s*,?\s+(?:đã\s+)?(?:đồng\s+)?[Cc]hủ trì|\s+phát biểu|\s*;|\s*[,.]?\s*$)", Options)]
    private static partial Regex Person();

    [GeneratedRegex(@"\s+", Options)]
    private static partial Regex Spaces();
}
