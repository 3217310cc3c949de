using System.Text.Json.Serialization;

namespace DoanPlatform.Inspections.Contracts;

/// <summary>A topic of a plan: a condition of the year's scale (by code), or a free topic.</summary>
public sealed record Topic(string? ConditionCode, string Title);

/// <summary>How the team judged a topic's evidence.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvidenceVerdict>))]
public enum EvidenceVerdict { Accepted, PartlyAccepted, Rejected }

/// <summary>A plan (kế hoạch kiểm tra) was issued: units, period, topics and team (account ids).</summary>
public sealed record PlanIssued(
    Guid PlanId, Guid IssuingUnitId, string NumberSymbol, int Year, DateOnly IssuedOn, DateOnly From, DateOnly To, IReadOnlyList<Guid> UnitIds,
    IReadOnlyList<Topic> Topics, Guid HeadAccountId, IReadOnlyList<Guid> MemberAccountIds);

/// <summary>An inspection took place: of one unit, or a conference reviewing many.</summary>
public sealed record InspectionHeld(Guid PlanId, Guid InspectionId, DateOnly HeldOn, string Place, IReadOnlyList<Guid> UnitIds);

/// <summary>One unit's topic was reviewed: evidence verdict, the unit's explanation (giải trình), strengths and shortcomings.</summary>
public sealed record TopicReviewed(
    Guid PlanId, Guid InspectionId, Guid UnitId, int Year, DateOnly HeldOn, string Topic, EvidenceVerdict Verdict, string? Comment, string? Explanation,
    IReadOnlyList<string> Strengths, IReadOnlyList<string> Shortcomings);

/// <summary>A recommendation to a unit, with its deadline (never before the inspection).</summary>
public sealed record RecommendationMade(Guid PlanId, Guid RecommendationId, Guid InspectionId, Guid UnitId, int Year, string Text, DateOnly Deadline);

/// <summary>The unit reported on a recommendation (follow-up); completed closes it.</summary>
public sealed record RecommendationReported(Guid PlanId, Guid RecommendationId, Guid UnitId, DateOnly ReportedOn, string Report, bool Completed);

/// <summary>
/// The team proposed a score adjustment for one condition of a unit's year: by hand, or with value 0 when it rejected the evidence of a
/// condition that requires evidence and that the unit self-assessed.
/// </summary>
public sealed record AdjustmentProposed(Guid PlanId, Guid AdjustmentId, Guid UnitId, int Year, string ConditionCode, decimal Value, string Reason);

/// <summary>The plan's issuer declined a proposed adjustment, saying why: it is never applied.</summary>
public sealed record AdjustmentDeclined(Guid PlanId, Guid AdjustmentId, Guid UnitId, string Reason);

/// <summary>The conclusion notice (Thông báo kết luận kiểm tra) was issued with a number from the issuer's register.</summary>
public sealed record ConclusionIssued(
    Guid PlanId, int Year, int Number, string NumberSymbol, DateOnly IssuedOn, string Place, string Signer, string SignerTitle, IReadOnlyList<string> Recipients);

