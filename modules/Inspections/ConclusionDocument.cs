using DoanPlatform.Inspections.Contracts;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Inspections;

/// <summary>The inspection conclusion as .docx in the union's notice layout: header, number, title, per-unit findings, adjustments, recipients, signature.</summary>
internal static class ConclusionDocument
{
    public static async Task<byte[]> ComposeAsync(InspectionPlan plan, ConclusionIssued conclusion, IUnitDirectory directory, CancellationToken ct)
    {
        var p = plan.Issued;
        var asOf = conclusion.IssuedOn;
        var ids = p.UnitIds.Append(p.IssuingUnitId).ToList();
        var names = await directory.FindManyAsync(ids, asOf, ct);
        string Name(Guid id) => names.TryGetValue(id, out var u) ? u.Name : id.ToString();
        var lines = new List<(string Text, bool Bold, bool Centered)>
        {
            (Name(p.IssuingUnitId).ToUpper(CultureInfo.GetCultureInfo("vi-VN")), true, false),
            ($"Số: {conclusion.NumberSymbol}", false, false),
            ($"{conclusion.Place}, ngày {asOf:dd} tháng {asOf:MM} năm {asOf:yyyy}".TrimStart(',', ' '), false, false),
            ("THÔNG BÁO", true, true),
            ($"Kết luận kiểm tra theo Kế hoạch số {p.NumberSymbol}, năm {p.Year}", true, true),
        };
        foreach (var held in plan.Inspections.Values.OrderBy(i => i.HeldOn))
            lines.Add(($"Ngày {held.HeldOn:dd/MM/yyyy}{(held.Place.Length > 0 ? ", tại " + held.Place : "")}, đoàn kiểm tra đã kiểm tra {held.UnitIds.Count} đơn vị.",
                false, false));
        var index = 0;
        foreach (var unit in p.UnitIds)
        {
            var reviews = plan.Reviews.Where(r => r.UnitId == unit).ToList();
            var recommendations = plan.Recommendations.Values.Where(r => r.Made.UnitId == unit).ToList();
            if (reviews.Count == 0 && recommendations.Count == 0)
                continue;
            lines.Add(($"{++index}. {Name(unit)}", true, false));
            foreach (var review in reviews)
            {
                lines.Add(($"- {review.Topic}: minh chứng {Verdict(review.Verdict)}{(review.Comment is null ? "" : $" ({review.Comment})")}.", false, false));
                lines.AddRange(review.Strengths.Select(s => ($"  + Ưu điểm: {s}", false, false)));
                lines.AddRange(review.Shortcomings.Select(s => ($"  + Hạn chế: {s}", false, false)));
            }
            lines.AddRange(recommendations.Select(r => ($"- Kiến nghị: {r.Made.Text} (thời hạn: {r.Made.Deadline:dd/MM/yyyy}).", false, false)));
        }
        var approved = plan.Adjustments.Values.Where(a => a.Approved is not null).ToList();
        if (approved.Count > 0)
        {
            lines.Add(("Điều chỉnh điểm thi đua", true, false));
            lines.AddRange(approved.Select(a => ($"- {Name(a.Proposed.UnitId)}: điều kiện {a.Proposed.ConditionCode} tính {a.Proposed.Value.ToString(CultureInfo.GetCultureInfo("vi-VN"))}; lý do: {a.Proposed.Reason}.",
                false, false)));
        }
        lines.Add(("Nơi nhận:", true, false));
        lines.AddRange(conclusion.Recipients.Select(r => ($"- {r};", false, false)));
        lines.Add((conclusion.SignerTitle, true, true));
        lines.Add((conclusion.Signer, true, true));
        return Write(lines);
    }

    private static string Verdict(EvidenceVerdict verdict) => verdict switch
    {
        EvidenceVerdict.Accepted => "được chấp nhận",
        EvidenceVerdict.PartlyAccepted => "được chấp nhận một phần",
        _ => "không được chấp nhận",
    };

    private static byte[] Write(IEnumerable<(string Text, bool Bold, bool Centered)> lines)
    {
        using var output = new MemoryStream();
        using (var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var (text, bold, centered) in lines)
            {
                var runProperties = new RunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman" }, new FontSize { Val = "28" });
                if (bold)
                    runProperties.Append(new Bold());
                var paragraph = new Paragraph(new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                if (centered)
                    paragraph.PrependChild(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
                body.Append(paragraph);
            }
            main.Document = new Document(body);
        }
        return output.ToArray();
    }
}
