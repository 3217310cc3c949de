using System.Globalization;
using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Inspections;

internal sealed record TopicInput(string? ConditionCode, string? Title);

internal sealed record ReviewInput(string? Topic, EvidenceVerdict? Verdict, string? Comment, string? Explanation, IReadOnlyList<string>? Strengths,
    IReadOnlyList<string>? Shortcomings);

internal sealed record RecommendationInput(string? Text, DateOnly? Deadline);

internal sealed record UnitInspectionInput(Guid? UnitId, IReadOnlyList<ReviewInput>? Reviews, IReadOnlyList<RecommendationInput>? Recommendations);

/// <summary>The pure decisions of an inspection plan: (state, command, today) → events, or field errors / a refused rule.</summary>
internal static class PlanDecisions
{
    public static PlanIssued Issue(Guid planId, Guid? issuingUnitId, string? numberSymbol, int? year, DateOnly? issuedOn, DateOnly? from, DateOnly? to,
        IReadOnlyList<Guid>? unitIds, IReadOnlyList<TopicInput>? topics, Guid? head, IReadOnlyList<Guid>? members, FieldErrors errors)
    {
        errors.Require(issuingUnitId is not null, "issuingUnitId", "Cần đơn vị ban hành kế hoạch.");
        errors.Require(Input.Clean(numberSymbol) is not null, "numberSymbol", "Cần số ký hiệu kế hoạch (vd. 05-KH/ĐTN).");
        errors.Require(year is >= 2000 and <= 2100, "year", "Năm kiểm tra không hợp lệ.");
        errors.Require(issuedOn is not null, "issuedOn", "Cần ngày ban hành.");
        errors.Require(from is not null, "from", "Cần ngày bắt đầu.");
        errors.Require(to is not null && (from is null || to >= from), "to", "Ngày kết thúc phải từ ngày bắt đầu trở đi.");
        errors.Require(unitIds is { Count: > 0 }, "unitIds", "Kế hoạch phải có ít nhất một đơn vị được kiểm tra.");
        errors.Require(unitIds is null || unitIds.Distinct().Count() == unitIds.Count, "unitIds", "Một đơn vị chỉ được nêu một lần.");
        errors.Require(topics is { Count: > 0 }, "topics", "Kế hoạch phải có nội dung kiểm tra.");
        for (var i = 0; i < (topics?.Count ?? 0); i++)
            errors.Require(Input.Clean(topics![i].Title) is not null || Input.Clean(topics[i].ConditionCode) is not null, $"topics[{i}].title",
                "Nội dung kiểm tra cần tên hoặc mã điều kiện chấm.");
        errors.Require(head is not null && head != Guid.Empty, "headAccountId", "Cần trưởng đoàn kiểm tra.");
        return new PlanIssued(planId, issuingUnitId ?? Guid.Empty, Input.Clean(numberSymbol) ?? "", year ?? 0, issuedOn ?? default, from ?? default, to ?? default,
            unitIds ?? [], [.. (topics ?? []).Select(t => new Topic(Input.Clean(t.ConditionCode), Input.Clean(t.Title) ?? Input.Clean(t.ConditionCode) ?? ""))],
            head ?? Guid.Empty, [.. (members ?? []).Distinct()]);
    }

    /// <summary>
    /// An inspection of one unit or a conference of many: per unit, its topic reviews and recommendations. Rejected evidence of a condition in
    /// <paramref name="voidable"/> (it requires evidence and the unit self-assessed it, as Emulation answers) also proposes voiding it (value 0),
    /// for the issuer to approve like any adjustment.
    /// </summary>
    public static IReadOnlyList<object> Hold(InspectionPlan state, Guid inspectionId, DateOnly? heldOn, string? place, IReadOnlyList<UnitInspectionInput>? units,
        IReadOnlySet<(Guid UnitId, string ConditionCode)> voidable, Func<Guid> newId, FieldErrors errors)
    {
        var plan = state.Issued;
        if (state.Conclusion is not null)
            throw new DomainRuleException("Đã ban hành kết luận kiểm tra; không ghi thêm cuộc kiểm tra.");
        errors.Require(heldOn is not null, "heldOn", "Cần ngày kiểm tra.");
        errors.Require(units is { Count: > 0 }, "units", "Cần ít nhất một đơn vị được kiểm tra.");
        var day = heldOn ?? default;
        var voided = new HashSet<(Guid, string)>();
        var events = new List<object> { new InspectionHeld(plan.PlanId, inspectionId, day, Input.Clean(place) ?? "", [.. (units ?? []).Select(u => u.UnitId ?? Guid.Empty)]) };
        for (var i = 0; i < (units?.Count ?? 0); i++)
        {
            var unit = units![i];
            var unitId = unit.UnitId ?? Guid.Empty;
            errors.Require(unit.UnitId is not null, $"units[{i}].unitId", "Cần đơn vị được kiểm tra.");
            errors.Require(unit.UnitId is null || plan.UnitIds.Contains(unitId), $"units[{i}].unitId", "Đơn vị này không có trong kế hoạch kiểm tra.");
            for (var j = 0; j < (unit.Reviews?.Count ?? 0); j++)
            {
                var review = unit.Reviews![j];
                var field = $"units[{i}].reviews[{j}]";
                var topic = Input.Clean(review.Topic);
                errors.Require(topic is not null && plan.Topics.Any(t => t.Title == topic || t.ConditionCode == topic), $"{field}.topic",
                    "Nội dung này không có trong kế hoạch kiểm tra.");
                errors.Require(review.Verdict is not null, $"{field}.verdict", "Cần kết luận về minh chứng (chấp nhận, chấp nhận một phần, không chấp nhận).");
                errors.Require(review.Verdict is not (EvidenceVerdict.Rejected or EvidenceVerdict.PartlyAccepted) || Input.Clean(review.Comment) is not null,
                    $"{field}.comment", "Không chấp nhận (hoặc chấp nhận một phần) minh chứng phải nêu nhận xét.");
                events.Add(new TopicReviewed(plan.PlanId, inspectionId, unitId, plan.Year, day, topic ?? "", review.Verdict ?? EvidenceVerdict.Accepted,
                    Input.Clean(review.Comment), Input.Clean(review.Explanation), Clean(review.Strengths), Clean(review.Shortcomings)));
                if (review.Verdict == EvidenceVerdict.Rejected && topic is not null && state.ConditionOf(topic) is { } code
                    && voidable.Contains((unitId, code)) && !state.VoidsCondition(unitId, code) && voided.Add((unitId, code)))
                    events.Add(new AdjustmentProposed(plan.PlanId, newId(), unitId, plan.Year, code, 0,
                        $"Minh chứng không được chấp nhận khi kiểm tra ngày {day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}: {Input.Clean(review.Comment)}"));
            }
            for (var j = 0; j < (unit.Recommendations?.Count ?? 0); j++)
            {
                var recommendation = unit.Recommendations![j];
                var field = $"units[{i}].recommendations[{j}]";
                errors.Require(Input.Clean(recommendation.Text) is not null, $"{field}.text", "Cần nội dung kiến nghị.");
                errors.Require(recommendation.Deadline is not null, $"{field}.deadline", "Cần thời hạn thực hiện kiến nghị.");
                errors.Require(recommendation.Deadline is null || heldOn is null || recommendation.Deadline >= heldOn, $"{field}.deadline",
                    "Thời hạn thực hiện kiến nghị không được trước ngày kiểm tra.");
                events.Add(new RecommendationMade(plan.PlanId, newId(), inspectionId, unitId, plan.Year, Input.Clean(recommendation.Text) ?? "",
                    recommendation.Deadline ?? default));
            }
        }
        return events;
    }

    public static AdjustmentProposed Propose(InspectionPlan state, Guid adjustmentId, Guid? unitId, string? conditionCode, decimal? value, string? reason,
        FieldErrors errors)
    {
        var plan = state.Issued;
        errors.Require(unitId is { } u && plan.UnitIds.Contains(u), "unitId", "Đơn vị này không có trong kế hoạch kiểm tra.");
        errors.Require(Input.Clean(conditionCode) is not null, "conditionCode", "Cần mã điều kiện chấm được điều chỉnh.");
        errors.Require(value is >= 0, "value", "Cần giá trị mới (không âm) của điều kiện.");
        errors.Require(Input.Clean(reason) is not null, "reason", "Đề xuất điều chỉnh điểm phải nêu lý do.");
        return new AdjustmentProposed(plan.PlanId, adjustmentId, unitId ?? Guid.Empty, plan.Year, Input.Clean(conditionCode) ?? "", value ?? 0,
            Input.Clean(reason) ?? "");
    }

    /// <summary>Approval by the issuer; refused up front when the result cannot take it (locked or published and not re-opened).</summary>
    public static AdjustmentApproved Approve(InspectionPlan state, Guid adjustmentId, ScoringState scoring, UnitSummary unit, DateOnly today)
    {
        var plan = state.Issued;
        if (!state.Adjustments.TryGetValue(adjustmentId, out var adjustment))
            throw new DomainRuleException("Không có đề xuất điều chỉnh này trong kế hoạch.");
        if (adjustment.Approved is not null)
            throw new DomainRuleException("Đề xuất điều chỉnh đã được duyệt.");
        if (adjustment.Declined is not null)
            throw new DomainRuleException("Đề xuất điều chỉnh đã bị từ chối.");
        var refusal = scoring switch
        {
            ScoringState.Published => "Kết quả thi đua đã công bố: phải mở lại bằng quyết định trước khi điều chỉnh.",
            ScoringState.Locked => "Điểm đã chốt: phải mở lại bằng quyết định trước khi điều chỉnh.",
            ScoringState.NoSheet => "Đơn vị chưa có bảng điểm của năm này.",
            ScoringState.NotAssessed => "Bảng điểm chưa được cấp trên chấm; chưa điều chỉnh được.",
            _ => null,
        };
        if (refusal is not null)
            throw new DomainRuleException(refusal);
        var p = adjustment.Proposed;
        return new AdjustmentApproved(adjustmentId, plan.PlanId, p.UnitId, p.Year, p.ConditionCode, p.Value, p.Reason, plan.NumberSymbol, unit.Sector, unit.Level,
            today);
    }

    /// <summary>The issuer declines a proposal that is neither approved nor declined yet, saying why.</summary>
    public static AdjustmentDeclined Decline(InspectionPlan state, Guid adjustmentId, string? reason, FieldErrors errors)
    {
        if (!state.Adjustments.TryGetValue(adjustmentId, out var adjustment))
            throw new DomainRuleException("Không có đề xuất điều chỉnh này trong kế hoạch.");
        if (!adjustment.Pending)
            throw new DomainRuleException(adjustment.Approved is not null ? "Đề xuất điều chỉnh đã được duyệt." : "Đề xuất điều chỉnh đã bị từ chối.");
        errors.Require(Input.Clean(reason) is not null, "reason", "Từ chối đề xuất điều chỉnh phải nêu lý do.");
        return new AdjustmentDeclined(state.Issued.PlanId, adjustmentId, adjustment.Proposed.UnitId, Input.Clean(reason) ?? "");
    }

    public static RecommendationReported Report(InspectionPlan state, Guid recommendationId, DateOnly today, string? report, bool completed, FieldErrors errors)
    {
        if (!state.Recommendations.TryGetValue(recommendationId, out var recommendation))
            throw new DomainRuleException("Không có kiến nghị này trong kế hoạch.");
        if (!recommendation.Open)
            throw new DomainRuleException("Kiến nghị đã được báo cáo hoàn thành.");
        errors.Require(Input.Clean(report) is not null, "report", "Cần nội dung báo cáo thực hiện kiến nghị.");
        return new RecommendationReported(state.Issued.PlanId, recommendationId, recommendation.Made.UnitId, today, Input.Clean(report) ?? "", completed);
    }

    public static ConclusionIssued Conclude(InspectionPlan state, int number, string? issuerSymbol, DateOnly? issuedOn, string? place,
        string? signer, string? signerTitle, IReadOnlyList<string>? recipients, FieldErrors errors)
    {
        if (state.Conclusion is not null)
            throw new DomainRuleException($"Kết luận kiểm tra đã ban hành (số {state.Conclusion.NumberSymbol}).");
        if (state.Inspections.Count == 0)
            throw new DomainRuleException("Chưa có cuộc kiểm tra nào để kết luận.");
        errors.Require(Input.Clean(issuerSymbol) is not null, "issuerSymbol", "Cần ký hiệu cơ quan ban hành (vd. ĐTN).");
        errors.Require(issuedOn is not null, "issuedOn", "Cần ngày ban hành.");
        errors.Require(Input.Clean(signer) is not null, "signer", "Cần người ký.");
        return new ConclusionIssued(state.Issued.PlanId, issuedOn?.Year ?? 0, number, $"{number}-TB/{Input.Clean(issuerSymbol)}", issuedOn ?? default,
            Input.Clean(place) ?? "", Input.Clean(signer) ?? "", Input.Clean(signerTitle) ?? "", [.. (recipients ?? []).Select(Input.Clean).OfType<string>()]);
    }

    private static List<string> Clean(IReadOnlyList<string>? lines) => [.. (lines ?? []).Select(Input.Clean).OfType<string>()];
}
