using DoanPlatform.Emulation.Scales;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Emulation.Tests.Scoring;

public sealed class ScaleDecisionTests
{
    private static Scale Given(params object[] events) => events.Aggregate(Scale.Initial, (s, e) => s.Evolve(e));

    private static readonly ScaleDrafted Drafted = new(Guid.NewGuid(), Guid.NewGuid(), 2023, 1, null, null, null, TestScale.Content());

    [Fact]
    public void A_published_scale_cannot_be_revised()
    {
        var published = Given(Drafted, new ScalePublished(Drafted.ScaleId, new DateOnly(2023, 2, 23)));
        Assert.Throws<DomainRuleException>(() => ScaleDecisions.Revise(published, TestScale.Content(), new FieldErrors()));
        Assert.Throws<DomainRuleException>(() => ScaleDecisions.Publish(published, null, new DateOnly(2023, 3, 1)));
    }

    [Fact]
    public void An_amendment_is_the_next_version_with_its_effective_date_and_reason()
    {
        var published = Given(Drafted, new ScalePublished(Drafted.ScaleId, new DateOnly(2023, 2, 23)));
        var newId = Guid.NewGuid();
        var errors = new FieldErrors();
        var amended = ScaleDecisions.Amend(published, newId, new DateOnly(2023, 7, 1), " Bổ sung điểm thưởng ", TestScale.Content(), errors);
        Assert.Empty(errors);
        Assert.Equal((newId, 2, Drafted.ScaleId, new DateOnly(2023, 7, 1), "Bổ sung điểm thưởng"),
            (amended.ScaleId, amended.Number, amended.AmendsScaleId, amended.EffectiveDate, amended.AmendmentReason));
        var missing = new FieldErrors();
        ScaleDecisions.Amend(published, newId, null, null, TestScale.Content(), missing);
        Assert.Equal(["effectiveDate", "reason"], missing.Keys.Order());
        Assert.Throws<DomainRuleException>(() => ScaleDecisions.Amend(Given(Drafted), newId, new DateOnly(2023, 7, 1), "x", TestScale.Content(), new FieldErrors()));
    }

    [Fact]
    public void Conditions_of_each_kind_need_their_parameters()
    {
        var content = TestScale.Content();
        var broken = content with
        {
            Sections =
            [
                content.Sections[0] with
                {
                    Criteria = [new Criterion("A.1", "x", [new ContentItem("A.1.1", "x",
                    [
                        new Condition("A1", "x", ConditionKind.Tiered, 10),
                        new Condition("A2", "x", ConditionKind.Ratio, 5),
                        new Condition("A3", "x", ConditionKind.Manual, 15, Source: ComputedSource.BriefingAbsences),
                    ])])],
                },
                .. content.Sections.Skip(1),
            ],
        };
        var errors = new FieldErrors();
        ScaleDecisions.Validate(broken, errors);
        Assert.Equal(["sections[0].conditions[A1].tiers", "sections[0].conditions[A2].target", "sections[0].conditions[A3].source"], errors.Keys.Order());
    }
}
