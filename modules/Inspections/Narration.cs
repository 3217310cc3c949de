using System.Globalization;
using DoanPlatform.EventStore;
using DoanPlatform.Inspections.Contracts;

namespace DoanPlatform.Inspections;

/// <summary>The auditor's sentence for every Inspections event: plans, reviews, recommendations, adjustments and conclusions.</summary>
internal sealed class InspectionsNarrator : IEventNarrator
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public Narration? Narrate(IEvent @event, IReadOnlyDictionary<string, string> memory)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(memory);
        var plan = memory.GetValueOrDefault("plan", "");
        return @event.Data switch
        {
            PlanIssued x => new Narration([x.IssuingUnitId, .. x.UnitIds.Where(u => u != x.IssuingUnitId)], x.IssuedOn,
                $"Ban hành kế hoạch kiểm tra số {x.NumberSymbol}: kiểm tra {x.UnitIds.Count} đơn vị từ ngày {Date(x.From)} đến ngày {Date(x.To)}; " +
                $"nội dung: {string.Join("; ", x.Topics.Select(t => t.Title))}.")
            {
                Decision = x.NumberSymbol,
                Remember = new Dictionary<string, string>
                {
                    ["plan"] = x.NumberSymbol, ["units"] = string.Join(",", x.UnitIds.Prepend(x.IssuingUnitId).Distinct()),
                },
            },
            InspectionHeld x => new Narration(x.UnitIds, x.HeldOn,
                $"Đoàn kiểm tra theo kế hoạch {plan} làm việc tại {x.Place}" + (x.UnitIds.Count > 1 ? $" (hội nghị kiểm tra {x.UnitIds.Count} đơn vị)." : ".")),
            TopicReviewed x => new Narration([x.UnitId], x.HeldOn,
                $"Kiểm tra nội dung “{x.Topic}”: minh chứng {Verdict(x.Verdict)}" +
                (x.Comment is { } comment ? $"; nhận xét: {comment}" : "") +
                (x.Explanation is { } explanation ? $"; giải trình của đơn vị: {explanation}" : "") +
                (x.Strengths.Count > 0 ? $"; ưu điểm: {string.Join("; ", x.Strengths)}" : "") +
                (x.Shortcomings.Count > 0 ? $"; hạn chế: {string.Join("; ", x.Shortcomings)}" : "") + "."),
            RecommendationMade x => new Narration([x.UnitId], null, $"Kiến nghị (kế hoạch {plan}): {x.Text}; hạn thực hiện: {Date(x.Deadline)}.")
            {
                Remember = new Dictionary<string, string> { [$"recommendation:{x.RecommendationId}"] = x.Text },
            },
            RecommendationReported x => new Narration([x.UnitId], x.ReportedOn,
                $"Báo cáo thực hiện kiến nghị “{memory.GetValueOrDefault($"recommendation:{x.RecommendationId}", "")}”: {x.Report}" +
                (x.Completed ? " (đã hoàn thành)." : " (đang thực hiện).")),
            AdjustmentProposed x => new Narration([x.UnitId], null,
                $"Đoàn kiểm tra đề xuất điều chỉnh điểm năm {x.Year}, điều kiện {x.ConditionCode} thành {Points(x.Value)} (lý do: {x.Reason})."),
            AdjustmentApproved x => new Narration([x.UnitId], x.ApprovedOn,
                $"Duyệt điều chỉnh điểm năm {x.Year}, điều kiện {x.ConditionCode} thành {Points(x.Value)} theo kế hoạch kiểm tra {x.PlanNumberSymbol} (lý do: {x.Reason}).")
            { Decision = x.PlanNumberSymbol },
            AdjustmentApplied x => new Narration([x.UnitId], null,
                $"Đã áp dụng điều chỉnh vào bảng điểm năm {x.Year}: điều kiện {x.ConditionCode} tính {Points(x.Value)}."),
            AdjustmentRefused x => new Narration([x.UnitId], null, $"Không áp dụng được điều chỉnh điểm năm {x.Year}: {x.Reason}"),
            ConclusionIssued x => new Narration(Units(memory), x.IssuedOn,
                $"Ban hành Thông báo kết luận kiểm tra số {x.NumberSymbol} ngày {Date(x.IssuedOn)} (kế hoạch {plan}); người ký: {x.SignerTitle} {x.Signer}.")
            { Decision = x.NumberSymbol },
            ConclusionNumberTaken x => new Narration([], null, $"Lấy số kết luận kiểm tra {x.NumberSymbol} trong sổ năm {x.Year}.") { Decision = x.NumberSymbol },
            _ => null,
        };
    }

    private static Guid[] Units(IReadOnlyDictionary<string, string> memory) =>
        memory.TryGetValue("units", out var units) ? [.. units.Split(',').Select(Guid.Parse)] : [];

    private static string Verdict(EvidenceVerdict verdict) => verdict switch
    {
        EvidenceVerdict.Accepted => "đạt",
        EvidenceVerdict.PartlyAccepted => "đạt một phần",
        _ => "không đạt",
    };

    private static string Points(decimal value) => value.ToString("0.##", Vietnamese);

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
