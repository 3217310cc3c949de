using DoanPlatform.Emulation.Contracts;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Emulation.Tests.Scoring;

public sealed class CalculatorTests
{
    private static readonly ScaleContent Scale = TestScale.Content();

    private static Condition C(string code) => Scale.Find(code)!;

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 8)]
    [InlineData(2, 5)]
    [InlineData(3, 2)]
    [InlineData(4, 0)]
    [InlineData(9, 0)]
    public void Tiered_condition_maps_absences_to_points(int absences, int points) =>
        Assert.Equal((decimal)points, Calculator.Points(C("B1"), absences));

    [Fact]
    public void Ratio_condition_is_proportional_to_the_target_and_capped() =>
        Assert.Equal((12m, 15m, 15m, 5.00m), (Calculator.Points(C("A3"), 80m), Calculator.Points(C("A3"), 100m), Calculator.Points(C("A3"), 130m),
            Calculator.Points(C("A3"), 33.333m)));

    [Fact]
    public void Yes_no_condition_gives_all_or_nothing() =>
        Assert.Equal((5m, 0m), (Calculator.Points(C("A2"), 1), Calculator.Points(C("A2"), 0)));

    [Fact]
    public void Manual_condition_never_exceeds_its_maximum() =>
        Assert.Equal((7.5m, 10m), (Calculator.Points(C("A1"), 7.5m), Calculator.Points(C("A1"), 11m)));

    [Fact]
    public void Penalty_is_per_occurrence_and_capped_at_its_maximum() =>
        Assert.Equal((0m, -2m, -6m, -6m), (Calculator.Points(C("B4"), 0), Calculator.Points(C("B4"), 1), Calculator.Points(C("B4"), 3), Calculator.Points(C("B4"), 10)));

    [Fact]
    public void A_unit_is_scored_exactly_as_the_hand_calculation_with_bonus_cap_penalty_sector_and_computed_attendance()
    {
        var values = new Dictionary<string, decimal> { ["A1"] = 8, ["A2"] = 1, ["A3"] = 80, ["B2"] = 9, ["B3"] = 10, ["B4"] = 1, ["C1"] = 4, ["C2"] = 3 };
        var result = Calculator.Score(Scale, Sector.Agencies, UnitLevel.Grassroots, values, new UnitFacts(1, 0, 0, 0));

        // A: 8 + 5 + 15·80/100 = 25; B: 8 (one absence) + 9 (agencies only; B3 does not apply) = 17;
        // bonus 4 + 3 = 7 capped at 6; penalty one late report = 2. Total 25 + 17 + 6 − 2 = 46.
        Assert.Equal(25m, result.Sections["A"]);
        Assert.Equal(17m, result.Sections["B"]);
        Assert.Equal((7m, 6m, 2m, 46m), (result.Bonus, result.BonusCounted, result.Penalty, result.Total));
        Assert.False(result.Conditions.Single(c => c.Code == "B3").Applicable);
        Assert.Equal("Hoàn thành xuất sắc nhiệm vụ", result.Classification);
        Assert.Equal([25m, -2m], result.TieKeys);
    }

    [Fact]
    public void An_unexcused_absence_keeps_a_unit_out_of_the_top_class()
    {
        var values = new Dictionary<string, decimal> { ["A1"] = 10, ["A2"] = 1, ["A3"] = 100, ["B3"] = 10, ["C1"] = 5 };
        var result = Calculator.Score(Scale, Sector.ArmedForces, UnitLevel.Grassroots, values, new UnitFacts(1, 1, 0, 0));
        Assert.Equal(30m + 8m + 10m + 5m, result.Total);
        Assert.Equal("Hoàn thành tốt nhiệm vụ", result.Classification);
    }

    [Fact]
    public void A_scale_whose_sections_do_not_add_up_is_refused_naming_the_section()
    {
        var errors = new FieldErrors();
        ScaleDecisions.Validate(TestScale.Content(organisationMax: 25) with { MaxPoints = 55 }, errors);
        var message = Assert.Single(errors["sections[1].maxPoints"]);
        Assert.Contains("Công tác xây dựng tổ chức Đoàn", message, StringComparison.Ordinal);
        Assert.DoesNotContain("sections[0].maxPoints", errors.Keys);

        var total = new FieldErrors();
        ScaleDecisions.Validate(TestScale.Content() with { MaxPoints = 60 }, total);
        Assert.Equal(["maxPoints"], total.Keys);
    }

    [Fact]
    public void A_valid_scale_passes()
    {
        var errors = new FieldErrors();
        ScaleDecisions.Validate(TestScale.Content(), errors);
        Assert.Empty(errors);
    }
}
