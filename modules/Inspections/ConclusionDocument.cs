using System.Globalization;
using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Contracts.Documents;
using DocumentFormat.OpenXml;

namespace DoanPlatform.Inspections;

/// <summary>
/// The Thông báo kết luận kiểm tra as .docx, in the union's document format the meeting notice uses (<see cref="OfficialDocument"/>):
/// header, number, title, what was inspected, a table of the evidence verdicts per topic, then per unit its verdicts, strengths,
/// shortcomings and recommendations with deadlines, the approved score adjustments, recipients beside the signature.
/// Topics keep the plan's order (the scale's, when they were picked from it).
/// </summary>
internal static class ConclusionDocument
{
    private const string Authority = "TM. BAN THƯỜNG VỤ";
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static async Task<byte[]> ComposeAsync(InspectionPlan plan, ConclusionIssued conclusion, IUnitDirectory directory, CancellationToken ct)
    {
        var p = plan.Issued;
        var asOf = conclusion.IssuedOn;
        var names = await directory.FindManyAsync([.. p.UnitIds.Append(p.IssuingUnitId)], asOf, ct);
        var issuer = names.GetValueOrDefault(p.IssuingUnitId);
        var parent = issuer?.ParentId is { } parentId ? await directory.FindAsync(parentId, asOf, ct) : null;
        string Name(Guid id) => names.TryGetValue(id, out var u) ? u.Name : id.ToString();
        var issuerName = issuer?.Name ?? "";

        var content = new List<OpenXmlElement>
        {
            OfficialDocument.Header(new DocumentHeading(parent?.Name ?? "", $"BCH {issuerName}", conclusion.NumberSymbol, conclusion.Place, asOf)),
        };
        content.AddRange(OfficialDocument.Title("THÔNG BÁO", $"Kết luận kiểm tra theo Kế hoạch số {p.NumberSymbol} năm {p.Year}"));
        content.AddRange(Body(plan, issuerName, Name));
        content.Add(OfficialDocument.Blank());
        content.Add(OfficialDocument.Signature(conclusion.Recipients, Signature(conclusion)));
        content.Add(OfficialDocument.Blank());

        using var output = new MemoryStream();
        OfficialDocument.Write(output, $"Kết luận kiểm tra theo Kế hoạch số {p.NumberSymbol}", $"BCH {issuerName}", content);
        return output.ToArray();
    }

    /// <summary>A signer title that already says on whose behalf ("TM. BAN THƯỜNG VỤ ĐOÀN KHỐI") is the authority line; else it is the title under "TM. BAN THƯỜNG VỤ".</summary>
    internal static DocumentSignature Signature(ConclusionIssued conclusion)
    {
        var title = OfficialDocument.Clean(conclusion.SignerTitle);
        return title.Split(' ')[0].ToUpper(Vietnamese) is "TM." or "TL." or "KT." or "Q."
            ? new DocumentSignature(title, "", conclusion.Signer)
            : new DocumentSignature(Authority, title, conclusion.Signer);
    }

    private static IEnumerable<OpenXmlElement> Body(InspectionPlan plan, string issuerName, Func<Guid, string> name)
    {
        var p = plan.Issued;
        var topics = p.Topics.ToList();
        int TopicIndex(string topic) => topics.FindIndex(t => t.Title == topic || t.ConditionCode == topic) is var i and >= 0 ? i : topics.Count;
        var held = plan.Inspections.Values.OrderBy(i => i.HeldOn).ToList();
        var inspected = held.SelectMany(i => i.UnitIds).Distinct().Count();

        yield return OfficialDocument.Prose(
            $"Thực hiện Kế hoạch số {p.NumberSymbol} ngày {Day(p.IssuedOn)} của Ban Thường vụ {issuerName} về kiểm tra công tác Đoàn và phong trào " +
            $"thanh thiếu nhi năm {p.Year}, từ ngày {Day(p.From)} đến ngày {Day(p.To)}, đoàn kiểm tra đã kiểm tra {inspected}/{p.UnitIds.Count} đơn vị.");
        foreach (var inspection in held)
            yield return OfficialDocument.Prose($"Ngày {Day(inspection.HeldOn)}{(inspection.Place.Length > 0 ? ", tại " + inspection.Place : "")}, " +
                $"đoàn kiểm tra đã kiểm tra {inspection.UnitIds.Count} đơn vị.");
        yield return OfficialDocument.Prose($"Ban Thường vụ {issuerName} thông báo kết luận kiểm tra như sau:");

        var section = 0;
        yield return OfficialDocument.Heading($"{++section}. Nội dung kiểm tra:");
        foreach (var topic in topics)
            yield return OfficialDocument.Prose($"- {TopicName(topic)}.");

        var reviews = plan.Reviews.OrderBy(r => TopicIndex(r.Topic)).ThenBy(r => r.HeldOn).ToList();
        if (reviews.Count > 0)
        {
            yield return OfficialDocument.Heading($"{++section}. Kết quả kiểm tra minh chứng:");
            yield return OfficialDocument.Grid([3, 14, 4, 4, 4], ["STT", "Nội dung kiểm tra", "Chấp nhận", "Chấp nhận một phần", "Không chấp nhận"],
                topics.Select((topic, i) => (IReadOnlyList<string>)
                [
                    (i + 1).ToString(CultureInfo.InvariantCulture), TopicName(topic),
                    .. Enum.GetValues<EvidenceVerdict>().Select(v => Count(reviews.Count(r => TopicIndex(r.Topic) == i && r.Verdict == v))),
                ]));
        }

        var units = p.UnitIds.Select(u => (Unit: u, Reviews: reviews.Where(r => r.UnitId == u).ToList(),
                Recommendations: plan.Recommendations.Values.Select(r => r.Made).Where(r => r.UnitId == u).OrderBy(r => r.Deadline).ToList()))
            .Where(u => u.Reviews.Count > 0 || u.Recommendations.Count > 0).ToList();
        if (units.Count > 0)
        {
            var number = ++section;
            yield return OfficialDocument.Heading($"{number}. Kết luận đối với từng đơn vị:");
            var index = 0;
            foreach (var (unit, unitReviews, recommendations) in units)
            {
                yield return OfficialDocument.Heading($"{number}.{++index}. {name(unit)}");
                if (unitReviews.Count > 0)
                    yield return OfficialDocument.Grid([6, 3, 8], ["Nội dung kiểm tra", "Kết quả minh chứng", "Nhận xét, giải trình"],
                        unitReviews.Select(r => (IReadOnlyList<string>)[TopicName(topics, r.Topic), Verdict(r.Verdict), Remarks(r)]));
                var strengths = unitReviews.SelectMany(r => r.Strengths).Select(OfficialDocument.Item).Where(s => s.Length > 0).Distinct().ToList();
                var shortcomings = unitReviews.SelectMany(r => r.Shortcomings).Select(OfficialDocument.Item).Where(s => s.Length > 0).Distinct().ToList();
                if (strengths.Count > 0)
                    yield return OfficialDocument.Prose($"- Ưu điểm: {Sentence(strengths)}");
                if (shortcomings.Count > 0)
                    yield return OfficialDocument.Prose($"- Hạn chế: {Sentence(shortcomings)}");
                foreach (var recommendation in recommendations)
                    yield return OfficialDocument.Prose($"- Kiến nghị: {OfficialDocument.Item(recommendation.Text).TrimEnd('.', ';')} " +
                        $"(thời hạn: trước ngày {Day(recommendation.Deadline)}).");
            }
        }

        var approved = plan.Adjustments.Values.Where(a => a.Approved is not null).Select(a => a.Proposed)
            .OrderBy(a => topics.FindIndex(t => t.ConditionCode == a.ConditionCode) is var i and >= 0 ? i : topics.Count)
            .ThenBy(a => p.UnitIds.ToList().IndexOf(a.UnitId)).ToList();
        if (approved.Count > 0)
        {
            yield return OfficialDocument.Heading($"{++section}. Điều chỉnh điểm thi đua:");
            foreach (var a in approved)
                yield return OfficialDocument.Prose(
                    $"- {name(a.UnitId)}: điều kiện {a.ConditionCode} tính {a.Value.ToString(Vietnamese)}; lý do: {OfficialDocument.Item(a.Reason).TrimEnd('.')}.");
        }

        yield return OfficialDocument.Heading($"{++section}. Tổ chức thực hiện:");
        yield return OfficialDocument.Prose($"Các đơn vị được kiểm tra thực hiện các kiến nghị nêu trên đúng thời hạn và báo cáo kết quả về Ban Thường vụ " +
            $"{issuerName} (qua Văn phòng) để theo dõi, tổng hợp.");
    }

    private static string TopicName(Topic topic) => topic.ConditionCode is { Length: > 0 } code ? $"{code}. {topic.Title}" : topic.Title;

    private static string TopicName(IReadOnlyList<Topic> topics, string topic) =>
        topics.FirstOrDefault(t => t.Title == topic || t.ConditionCode == topic) is { } found ? TopicName(found) : topic;

    private static string Verdict(EvidenceVerdict verdict) => verdict switch
    {
        EvidenceVerdict.Accepted => "Chấp nhận",
        EvidenceVerdict.PartlyAccepted => "Chấp nhận một phần",
        _ => "Không chấp nhận",
    };

    private static string Remarks(TopicReviewed review) => string.Join("\n", new[]
    {
        review.Comment is { Length: > 0 } comment ? comment : null,
        review.Explanation is { Length: > 0 } explanation
            ? explanation.Contains("giải trình", StringComparison.OrdinalIgnoreCase) ? explanation : "Giải trình: " + explanation
            : null,
    }.OfType<string>());

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Sentence(IEnumerable<string> parts) => string.Join("; ", parts.Select(s => s.TrimEnd('.', ';'))) + ".";

    private static string Day(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
