using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Inspections.Tests.Decisions;

/// <summary>Given a plan's events, when a command, then events or an error; no database.</summary>
public sealed class PlanDecisionTests
{
    private static readonly Guid Bloc = Guid.NewGuid();
    private static readonly Guid Unit = Guid.NewGuid();
    private static readonly Guid Head = Guid.NewGuid();
    private static readonly Guid Member = Guid.NewGuid();

    private static InspectionPlan Given(params object[] events) => events.Aggregate(InspectionPlan.Initial, (s, e) => s.Evolve(e));

    private static PlanIssued Issued(Guid id) => new(id, Bloc, "05-KH/ĐTN", 2024, new DateOnly(2024, 9, 20), new DateOnly(2024, 10, 1),
        new DateOnly(2024, 10, 31), [Unit], [new Topic("A2", "Kế hoạch tuyên truyền"), new Topic(null, "Học tập chuyên đề trên App")], Head, [Member]);

    private static readonly HashSet<(Guid, string)> None = [];

    private static UnitInspectionInput UnitWith(DateOnly deadline) => new(Unit,
        [new ReviewInput("A2", EvidenceVerdict.Rejected, "Không có kế hoạch năm", "Đơn vị bổ sung sau", [], ["Thiếu kế hoạch tuyên truyền"])],
        [new RecommendationInput("Xây dựng kế hoạch tuyên truyền năm 2025", deadline)]);

    [Fact]
    public void A_recommendation_deadline_before_the_inspection_is_refused_naming_the_field()
    {
        var plan = Given(Issued(Guid.NewGuid()));
        var errors = new FieldErrors();
        PlanDecisions.Hold(plan, Guid.NewGuid(), new DateOnly(2024, 10, 16), "Hội trường", [UnitWith(new DateOnly(2024, 10, 15))], None, Guid.NewGuid, errors);
        Assert.Equal(["units[0].recommendations[0].deadline"], errors.Keys);
    }

    [Fact]
    public void A_conference_records_reviews_and_recommendations_per_unit()
    {
        var plan = Given(Issued(Guid.NewGuid()));
        var errors = new FieldErrors();
        var events = PlanDecisions.Hold(plan, Guid.NewGuid(), new DateOnly(2024, 10, 16), "Hội trường", [UnitWith(new DateOnly(2024, 12, 31))], None, Guid.NewGuid, errors);
        Assert.Empty(errors);
        Assert.Collection(events, e => Assert.IsType<InspectionHeld>(e), e => Assert.Equal(EvidenceVerdict.Rejected, Assert.IsType<TopicReviewed>(e).Verdict),
            e => Assert.Equal(new DateOnly(2024, 12, 31), Assert.IsType<RecommendationMade>(e).Deadline));
    }

    [Fact]
    public void Rejecting_evidence_requires_a_comment_and_the_topic_must_be_in_the_plan()
    {
        var plan = Given(Issued(Guid.NewGuid()));
        var errors = new FieldErrors();
        PlanDecisions.Hold(plan, Guid.NewGuid(), new DateOnly(2024, 10, 16), "", [new UnitInspectionInput(Unit,
            [new ReviewInput("Z9", EvidenceVerdict.Rejected, null, null, null, null)], null)], None, Guid.NewGuid, errors);
        Assert.Equal(["units[0].reviews[0].topic", "units[0].reviews[0].comment"], errors.Keys);
    }

    [Fact]
    public void Rejected_evidence_of_a_condition_the_unit_self_assessed_proposes_voiding_it_once()
    {
        var id = Guid.NewGuid();
        var plan = Given(Issued(id));
        var voidable = new HashSet<(Guid, string)> { (Unit, "A2") };
        var errors = new FieldErrors();
        var events = PlanDecisions.Hold(plan, Guid.NewGuid(), new DateOnly(2024, 10, 16), "Hội trường", [UnitWith(new DateOnly(2024, 12, 31))], voidable,
            Guid.NewGuid, errors);
        Assert.Empty(errors);
        var proposed = Assert.Single(events.OfType<AdjustmentProposed>());
        Assert.Equal((Unit, 2024, "A2", 0m, "Minh chứng không được chấp nhận khi kiểm tra ngày 16/10/2024: Không có kế hoạch năm"),
            (proposed.UnitId, proposed.Year, proposed.ConditionCode, proposed.Value, proposed.Reason));

        // A second inspection rejecting it again proposes nothing more while the first proposal stands; after a decline it proposes again.
        var again = events.Aggregate(plan, (s, e) => s.Evolve(e));
        Assert.Empty(PlanDecisions.Hold(again, Guid.NewGuid(), new DateOnly(2024, 10, 20), "", [UnitWith(new DateOnly(2024, 12, 31))], voidable, Guid.NewGuid,
            new FieldErrors()).OfType<AdjustmentProposed>());
        var declined = again.Evolve(PlanDecisions.Decline(again, proposed.AdjustmentId, "Đơn vị đã bổ sung minh chứng", new FieldErrors()));
        Assert.Single(PlanDecisions.Hold(declined, Guid.NewGuid(), new DateOnly(2024, 10, 20), "", [UnitWith(new DateOnly(2024, 12, 31))], voidable,
            Guid.NewGuid, new FieldErrors()).OfType<AdjustmentProposed>());
    }

    [Theory]
    [InlineData(EvidenceVerdict.Accepted, "A2", true)]
    [InlineData(EvidenceVerdict.PartlyAccepted, "A2", true)]
    [InlineData(EvidenceVerdict.Rejected, "A2", false)]
    [InlineData(EvidenceVerdict.Rejected, "Học tập chuyên đề trên App", true)]
    public void No_void_is_proposed_unless_the_evidence_is_rejected_and_emulation_says_the_condition_required_it(EvidenceVerdict verdict, string topic,
        bool voidable)
    {
        var plan = Given(Issued(Guid.NewGuid()));
        var unit = new UnitInspectionInput(Unit, [new ReviewInput(topic, verdict, "Nhận xét", null, null, null)], null);
        var events = PlanDecisions.Hold(plan, Guid.NewGuid(), new DateOnly(2024, 10, 16), "", [unit],
            voidable ? new HashSet<(Guid, string)> { (Unit, "A2") } : None, Guid.NewGuid, new FieldErrors());
        Assert.Empty(events.OfType<AdjustmentProposed>());
    }

    [Fact]
    public void Only_a_pending_proposal_can_be_declined_and_a_declined_one_never_approved()
    {
        var id = Guid.NewGuid();
        var adjustment = Guid.NewGuid();
        var plan = Given(Issued(id), new AdjustmentProposed(id, adjustment, Unit, 2024, "A2", 0, "Minh chứng không được chấp nhận"));
        var noReason = new FieldErrors();
        PlanDecisions.Decline(plan, adjustment, " ", noReason);
        Assert.Equal(["reason"], noReason.Keys);
        var declined = plan.Evolve(PlanDecisions.Decline(plan, adjustment, "Đơn vị đã bổ sung minh chứng", new FieldErrors()));
        var unit = new UnitSummary(Unit, Bloc, "CD1", "Chi đoàn Sở Tài chính", "CĐ STC", UnitLevel.Branch, Sector.Agencies);
        Assert.Throws<DomainRuleException>(() => PlanDecisions.Approve(declined, adjustment, ScoringState.Assessed, unit, new DateOnly(2024, 11, 1)));
        Assert.Throws<DomainRuleException>(() => PlanDecisions.Decline(declined, adjustment, "Lần hai", new FieldErrors()));
    }

    [Fact]
    public void The_team_acts_on_the_plan_units_only_during_the_plan()
    {
        var plan = Given(Issued(Guid.NewGuid()));
        Assert.True(plan.TeamMayInspect(Member, new DateOnly(2024, 10, 16), [Unit]));
        Assert.False(plan.TeamMayInspect(Member, new DateOnly(2024, 11, 1), [Unit]));
        Assert.False(plan.TeamMayInspect(Member, new DateOnly(2024, 10, 16), [Guid.NewGuid()]));
        Assert.False(plan.TeamMayInspect(Guid.NewGuid(), new DateOnly(2024, 10, 16), [Unit]));
    }

    [Theory]
    [InlineData(ScoringState.Published)]
    [InlineData(ScoringState.Locked)]
    public void Approving_an_adjustment_of_a_final_result_not_reopened_is_refused(ScoringState state)
    {
        var id = Guid.NewGuid();
        var adjustment = Guid.NewGuid();
        var plan = Given(Issued(id), new AdjustmentProposed(id, adjustment, Unit, 2024, "A2", 0, "Minh chứng không được chấp nhận"));
        var unit = new UnitSummary(Unit, Bloc, "CD1", "Chi đoàn Sở Tài chính", "CĐ STC", UnitLevel.Branch, Sector.Agencies);
        Assert.Throws<DomainRuleException>(() => PlanDecisions.Approve(plan, adjustment, state, unit, new DateOnly(2024, 11, 1)));
        var approved = PlanDecisions.Approve(plan, adjustment, ScoringState.Assessed, unit, new DateOnly(2024, 11, 1));
        Assert.Equal(("A2", 0m, "05-KH/ĐTN"), (approved.ConditionCode, approved.Value, approved.PlanNumberSymbol));
        Assert.Throws<DomainRuleException>(() => PlanDecisions.Approve(Given(Issued(id), new AdjustmentProposed(id, adjustment, Unit, 2024, "A2", 0, "x"), approved),
            adjustment, ScoringState.Assessed, unit, new DateOnly(2024, 11, 1)));
    }

    [Fact]
    public void A_conclusion_carries_the_number_taken_from_the_register()
    {
        var id = Guid.NewGuid();
        var plan = Given(Issued(id), new InspectionHeld(id, Guid.NewGuid(), new DateOnly(2024, 10, 16), "", [Unit]));
        var errors = new FieldErrors();
        var issued = PlanDecisions.Conclude(plan, 45, "ĐTN", new DateOnly(2024, 10, 25), "Trà Vinh", "Nguyễn Trọng Nhân", "BÍ THƯ",
            ["Như trên"], errors);
        Assert.Empty(errors);
        Assert.Equal((45, "45-TB/ĐTN"), (issued.Number, issued.NumberSymbol));
    }
}
