using DoanPlatform.EventStore;
using DoanPlatform.Inspections.Contracts;

namespace DoanPlatform.Inspections;

internal sealed record Recommendation(RecommendationMade Made, RecommendationReported? LastReport)
{
    public bool Open => LastReport is not { Completed: true };
}

internal sealed record Adjustment(AdjustmentProposed Proposed, AdjustmentApproved? Approved, AdjustmentDeclined? Declined)
{
    public bool Pending => Approved is null && Declined is null;
}

/// <summary>One inspection plan and everything done under it: inspections, reviews, recommendations, adjustments, the conclusion.</summary>
internal sealed record InspectionPlan(
    Guid Id, PlanIssued? Plan, IReadOnlyDictionary<Guid, InspectionHeld> Inspections, IReadOnlyList<TopicReviewed> Reviews,
    IReadOnlyDictionary<Guid, Recommendation> Recommendations, IReadOnlyDictionary<Guid, Adjustment> Adjustments, ConclusionIssued? Conclusion)
    : IAggregate<InspectionPlan>
{
    public static InspectionPlan Initial { get; } = new(Guid.Empty, null, new Dictionary<Guid, InspectionHeld>(), [],
        new Dictionary<Guid, Recommendation>(), new Dictionary<Guid, Adjustment>(), null);

    public PlanIssued Issued => Plan ?? throw new InvalidOperationException("The plan has not been issued.");

    /// <summary>The condition a topic of the plan names (by its title or code), or null for a free topic.</summary>
    public string? ConditionOf(string topic) => Issued.Topics.FirstOrDefault(t => t.Title == topic || t.ConditionCode == topic)?.ConditionCode;

    /// <summary>True when the plan already proposes (or approved) voiding the unit's condition: a second rejection proposes nothing more.</summary>
    public bool VoidsCondition(Guid unitId, string conditionCode) =>
        Adjustments.Values.Any(a => a.Declined is null && a.Proposed.UnitId == unitId && a.Proposed.ConditionCode == conditionCode && a.Proposed.Value == 0);

    public bool IsTeamMember(Guid accountId) => Plan is { } p && (p.HeadAccountId == accountId || p.MemberAccountIds.Contains(accountId));

    /// <summary>Team members act on the plan's units only while the plan runs.</summary>
    public bool TeamMayInspect(Guid? accountId, DateOnly today, IEnumerable<Guid> unitIds) =>
        accountId is { } id && IsTeamMember(id) && Plan is { } p && p.From <= today && today <= p.To && unitIds.All(p.UnitIds.Contains);

    public InspectionPlan Evolve(object @event) => @event switch
    {
        PlanIssued e => this with { Id = e.PlanId, Plan = e },
        InspectionHeld e => this with { Inspections = new Dictionary<Guid, InspectionHeld>(Inspections) { [e.InspectionId] = e } },
        TopicReviewed e => this with { Reviews = [.. Reviews, e] },
        RecommendationMade e => this with { Recommendations = new Dictionary<Guid, Recommendation>(Recommendations) { [e.RecommendationId] = new(e, null) } },
        RecommendationReported e when Recommendations.TryGetValue(e.RecommendationId, out var r) =>
            this with { Recommendations = new Dictionary<Guid, Recommendation>(Recommendations) { [e.RecommendationId] = r with { LastReport = e } } },
        AdjustmentProposed e => this with { Adjustments = new Dictionary<Guid, Adjustment>(Adjustments) { [e.AdjustmentId] = new(e, null, null) } },
        AdjustmentApproved e when Adjustments.TryGetValue(e.AdjustmentId, out var a) =>
            this with { Adjustments = new Dictionary<Guid, Adjustment>(Adjustments) { [e.AdjustmentId] = a with { Approved = e } } },
        AdjustmentDeclined e when Adjustments.TryGetValue(e.AdjustmentId, out var a) =>
            this with { Adjustments = new Dictionary<Guid, Adjustment>(Adjustments) { [e.AdjustmentId] = a with { Declined = e } } },
        ConclusionIssued e => this with { Conclusion = e },
        _ => this,
    };
}
