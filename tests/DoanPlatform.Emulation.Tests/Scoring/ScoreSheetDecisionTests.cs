using DoanPlatform.Emulation.Contracts;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Emulation.Tests.Scoring;

public sealed class ScoreSheetDecisionTests
{
    private static readonly Guid UnitId = Guid.NewGuid();
    private static readonly Scale Published = Scale.Initial.Evolve(new ScaleDrafted(Guid.NewGuid(), Guid.NewGuid(), 2023, 1, null, null, null, TestScale.Content()))
        .Evolve(new ScalePublished(Guid.Empty, new DateOnly(2023, 2, 23)));
    private static readonly UnitSummary Unit = new(UnitId, null, "X", "Đoàn Sở Tài chính", "ĐST", UnitLevel.Grassroots, Sector.Agencies);
    private static readonly ScoreEntry[] Full =
        [new("A1", 8), new("A2", 1, Evidence: "12-KH/ĐTN"), new("A3", 80), new("B2", 9)];

    private static ScoreSheet Given(params object[] events) => events.Aggregate(ScoreSheet.Initial, (s, e) => s.Evolve(e));

    private static SelfAssessed Self(params ScoreEntry[] entries) => new(ScoreSheet.StreamId(UnitId, 2023), UnitId, 2023, Published.Id, entries);

    [Fact]
    public void Points_above_the_maximum_and_negative_values_are_refused_naming_the_entry()
    {
        var errors = new FieldErrors();
        ScoreSheetDecisions.SelfAssess(null, Guid.NewGuid(), UnitId, 2023, Published, Unit, [new("A1", 11), new("C1", -1), new("B4", 1.5m)], errors);
        Assert.Equal(["entries[0].value", "entries[1].value", "entries[2].value"], errors.Keys.Order());
    }

    [Fact]
    public void Evidence_is_required_where_the_scale_says_and_computed_or_other_sector_conditions_cannot_be_entered()
    {
        var errors = new FieldErrors();
        ScoreSheetDecisions.SelfAssess(null, Guid.NewGuid(), UnitId, 2023, Published, Unit, [new("A2", 1), new("B1", 0), new("B3", 5)], errors);
        Assert.Equal(["entries[0].evidence", "entries[1].conditionCode", "entries[2].conditionCode"], errors.Keys.Order());
    }

    [Fact]
    public void A_condition_given_twice_in_one_request_is_refused()
    {
        var errors = new FieldErrors();
        ScoreSheetDecisions.SelfAssess(null, Guid.NewGuid(), UnitId, 2023, Published, Unit, [new("A1", 5), new("A1", 6)], errors);
        Assert.Equal(["entries[1].conditionCode"], errors.Keys);
    }

    [Fact]
    public void A_submitted_self_assessment_cannot_be_changed_by_the_unit()
    {
        var sheet = Given(Self(Full), new SelfAssessmentSubmitted(Guid.Empty, new DateOnly(2023, 12, 1)));
        Assert.Throws<DomainRuleException>(() => ScoreSheetDecisions.SelfAssess(sheet, sheet.Id, UnitId, 2023, Published, Unit, [new("A1", 9)], new FieldErrors()));
    }

    [Fact]
    public void An_assessment_differing_from_the_self_assessment_needs_a_comment()
    {
        var sheet = Given(Self(Full), new SelfAssessmentSubmitted(Guid.Empty, new DateOnly(2023, 12, 1)));
        var errors = new FieldErrors();
        ScoreSheetDecisions.Assess(sheet, Published, Unit, [new("A1", 8), new("A3", 70)], errors);
        Assert.Equal(["entries[1].comment"], errors.Keys);
        var ok = new FieldErrors();
        var assessed = ScoreSheetDecisions.Assess(sheet, Published, Unit, [new("A3", 70, "Minh chứng chỉ đạt 70%")], ok);
        Assert.Empty(ok);
        Assert.Equal(70m, Given(Self(Full), new SelfAssessmentSubmitted(Guid.Empty, default), assessed).FinalValues()["A3"]);
    }

    [Fact]
    public void Locking_freezes_the_facts_and_a_published_result_only_reopens_by_decision()
    {
        var sheet = Given(Self(Full), new SelfAssessmentSubmitted(Guid.Empty, default), new ScoresAssessed(Guid.Empty, [new("A1", 8)]));
        var locked = ScoreSheetDecisions.Lock(sheet, Published, Unit, new UnitFacts(2, 0, 0, 0), new DateOnly(2023, 12, 20));
        Assert.Equal(new UnitFacts(2, 0, 0, 0), locked.Facts);
        Assert.Equal(8m + 5 + 12 + 5 + 9, locked.Total);
        var published = Given(Self(Full), new SelfAssessmentSubmitted(Guid.Empty, default), new ScoresAssessed(Guid.Empty, [new("A1", 8)]), locked,
            new ResultPublished(Guid.Empty, new DateOnly(2023, 12, 25)));
        Assert.Throws<DomainRuleException>(() => ScoreSheetDecisions.Assess(published, Published, Unit, [new("A1", 9, "sửa")], new FieldErrors()));
        var errors = new FieldErrors();
        ScoreSheetDecisions.Reopen(published, null, "Khiếu nại", errors);
        Assert.Equal(["decision"], errors.Keys);
        var reopened = ScoreSheetDecisions.Reopen(published, new Decision("15-QĐ/ĐTN", new DateOnly(2024, 1, 5), "Nguyễn Văn An"), "Khiếu nại được chấp nhận", new FieldErrors());
        Assert.Equal(SheetStatus.Assessed, published.Evolve(reopened).Status);
    }
}
