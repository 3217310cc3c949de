using System.Text;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Features;
using DoanPlatform.Organisation.Units;

namespace DoanPlatform.Organisation.Tests.Features;

/// <summary>Given (events) / When (command) / Then (events or a refusal), without a database.</summary>
public class UnitDecisionTests
{
    private static readonly Decision Founding = new("12-QĐ/TĐTN", new DateOnly(2023, 1, 5), "Nguyễn Văn An");
    private static readonly Decision Reform = new("845-QĐ/TĐTN", new DateOnly(2025, 6, 20), "Trần Thị Bình");
    private static readonly Guid ProvinceId = Guid.CreateVersion7();
    private static readonly Guid BlocId = Guid.CreateVersion7();
    private static readonly Guid BranchId = Guid.CreateVersion7();

    private static UnitEstablished Established(Guid id, string code, string name, Guid? parent, DateOnly on, UnitLevel level = UnitLevel.Bloc) =>
        new(id, code, name, name, level, Sector.Agencies, OrganisationKind.Union, parent, null, [], on, Founding);

    private static Unit Given(params object[] events) => events.Aggregate(Unit.Initial, (state, e) => state.Evolve(e));

    private static Unit Province => Given(Established(ProvinceId, "BRVT", "Tỉnh đoàn Bà Rịa – Vũng Tàu", null, new DateOnly(2000, 1, 1), UnitLevel.Province));
    private static Unit Bloc => Given(Established(BlocId, "BRVT.DK", "Đoàn Khối Dân – Chính – Đảng", ProvinceId, new DateOnly(2023, 1, 5)));
    private static Unit Branch => Given(Established(BranchId, "BRVT.DK.01", "Chi đoàn Văn phòng", BlocId, new DateOnly(2023, 2, 1), UnitLevel.Branch));

    [Fact]
    public void Rename_records_the_new_name_with_its_effective_date_and_decision()
    {
        var command = RenameUnit.Validate(new RenameUnit.Request("Đoàn Khối các cơ quan tỉnh", "ĐK CQ", new DateOnly(2025, 7, 1), Reform, null, null));

        var renamed = RenameUnit.Decide(Bloc, command);

        Assert.Equal(new UnitRenamed(BlocId, "Đoàn Khối các cơ quan tỉnh", "ĐK CQ", new DateOnly(2025, 7, 1), Reform), renamed);
    }

    [Fact]
    public void Rename_effective_before_the_unit_existed_is_refused()
    {
        var command = RenameUnit.Validate(new RenameUnit.Request("Tên mới", null, new DateOnly(2022, 12, 31), Reform, null, null));

        var refusal = Assert.Throws<DomainRuleException>(() => RenameUnit.Decide(Bloc, command));

        Assert.Contains("trước ngày thành lập", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("05/01/2023", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_text_is_NFC_normalised()
    {
        var decomposed = "Đoàn Khối Dân – Chính – Đảng".Normalize(NormalizationForm.FormD);
        var decision = new Decision(" 845-QĐ/TĐTN ".Normalize(NormalizationForm.FormD), Reform.Date, "Trần Thị Bình".Normalize(NormalizationForm.FormD));

        var command = RenameUnit.Validate(new RenameUnit.Request(decomposed, null, new DateOnly(2025, 7, 1), decision, null, null));

        Assert.True(command.Name.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Đoàn Khối Dân – Chính – Đảng", command.Name);
        Assert.Equal("845-QĐ/TĐTN", command.Decision.NumberSymbol);
        Assert.Equal("Trần Thị Bình", command.Decision.Signer);
    }

    [Fact]
    public void Move_under_the_units_own_descendant_is_refused_as_a_cycle()
    {
        var command = new MoveUnit.Command(BranchId, new DateOnly(2025, 7, 1), Reform);

        var refusal = Assert.Throws<DomainRuleException>(() => MoveUnit.Decide(Bloc, Branch, [BlocId, ProvinceId], command));

        Assert.Contains("vòng lặp", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Move_under_itself_is_refused_as_a_cycle()
    {
        var command = new MoveUnit.Command(BlocId, new DateOnly(2025, 7, 1), Reform);

        Assert.Throws<DomainRuleException>(() => MoveUnit.Decide(Bloc, Bloc, [ProvinceId], command));
    }

    [Fact]
    public void Move_records_the_former_and_the_new_parent()
    {
        var otherBlocId = Guid.CreateVersion7();
        var otherBloc = Given(Established(otherBlocId, "BRVT.DKDN", "Đoàn Khối Doanh nghiệp", ProvinceId, new DateOnly(2010, 1, 1)));

        var moved = MoveUnit.Decide(Branch, otherBloc, [ProvinceId], new MoveUnit.Command(otherBlocId, new DateOnly(2025, 7, 1), Reform));

        Assert.Equal(new UnitMoved(BranchId, BlocId, otherBlocId, new DateOnly(2025, 7, 1), Reform), moved);
    }

    [Fact]
    public void Move_under_a_dissolved_parent_is_refused()
    {
        var dissolved = Given(Established(BlocId, "X", "Huyện đoàn Đất Đỏ", ProvinceId, new DateOnly(2000, 1, 1), UnitLevel.District),
            new UnitDissolved(BlocId, new DateOnly(2025, 7, 1), Reform));
        var branch = Given(Established(BranchId, "Y", "Chi đoàn Y", ProvinceId, new DateOnly(2001, 1, 1)));

        var refusal = Assert.Throws<DomainRuleException>(() =>
            MoveUnit.Decide(branch, dissolved, [ProvinceId], new MoveUnit.Command(BlocId, new DateOnly(2025, 8, 1), Reform)));

        Assert.Contains("giải thể", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_into_a_dissolved_unit_is_refused()
    {
        var target = Given(Established(ProvinceId, "A", "Tỉnh đoàn A", null, new DateOnly(2000, 1, 1), UnitLevel.Province),
            new UnitDissolved(ProvinceId, new DateOnly(2025, 7, 1), Reform));
        var source = new MergeUnits.Source(Given(Established(BlocId, "B", "Tỉnh đoàn B", null, new DateOnly(2000, 1, 1), UnitLevel.Province)), []);

        var refusal = Assert.Throws<DomainRuleException>(() =>
            MergeUnits.Decide(target, [], [source], new MergeUnits.Command([BlocId], new DateOnly(2025, 7, 1), Reform)));

        Assert.Contains("Không thể hợp nhất vào Tỉnh đoàn A", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("giải thể", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_ends_the_sources_moves_their_units_and_links_the_target()
    {
        var targetId = Guid.CreateVersion7();
        var target = Given(Established(targetId, "HCM", "Thành đoàn Hồ Chí Minh", null, new DateOnly(1975, 5, 1), UnitLevel.Province));
        var on = new DateOnly(2025, 7, 1);

        var events = MergeUnits.Decide(target, [], [new MergeUnits.Source(Province, [Bloc])], new MergeUnits.Command([ProvinceId], on, Reform));

        Assert.Equal(
        [
            (BlocId, (object)new UnitMoved(BlocId, ProvinceId, targetId, on, Reform)),
            (ProvinceId, new UnitMerged(ProvinceId, targetId, on, Reform)),
            (targetId, new UnitsAbsorbed(targetId, [ProvinceId], on, Reform)),
        ], events.Select(e => (e.StreamId, e.Event)).ToList(),
            new TupleComparer());
    }

    [Fact]
    public void Dissolving_a_unit_that_still_has_units_is_refused()
    {
        var refusal = Assert.Throws<DomainRuleException>(() =>
            DissolveUnit.Decide(Bloc, 3, new DissolveUnit.Command(new DateOnly(2025, 7, 1), Reform)));

        Assert.Contains("còn 3 đơn vị trực thuộc", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dissolved_unit_cannot_change_any_more()
    {
        var dissolved = Bloc.Evolve(new UnitDissolved(BlocId, new DateOnly(2025, 7, 1), Reform));

        Assert.Throws<DomainRuleException>(() =>
            RenameUnit.Decide(dissolved, new RenameUnit.Command("Tên mới", "Tên mới", new DateOnly(2025, 8, 1), Reform)));
    }

    [Fact]
    public void Changes_must_follow_effective_date_order()
    {
        var renamed = Bloc.Evolve(new UnitRenamed(BlocId, "Tên 2025", "Tên 2025", new DateOnly(2025, 7, 1), Reform));

        Assert.Throws<DomainRuleException>(() =>
            ReclassifyUnit.Decide(renamed, new ReclassifyUnit.Command(null, Sector.Enterprises, new DateOnly(2024, 1, 1), Reform)));
    }

    [Fact]
    public void Split_establishes_successors_under_the_same_parent_and_hands_over_every_unit()
    {
        var command = SplitUnit.Validate(new SplitUnit.Request(
            [new("BRVT.DK.A", "Đoàn Khối A", null, null, null), new("BRVT.DK.B", "Đoàn Khối B", null, null, null)],
            new Dictionary<Guid, string> { [BranchId] = "BRVT.DK.B" }, new DateOnly(2025, 7, 1), Reform, null, null));

        var events = SplitUnit.Decide(Bloc, [Branch], [], command);

        var established = events.Select(e => e.Event).OfType<UnitEstablished>().ToList();
        Assert.Equal(2, established.Count);
        Assert.All(established, e => Assert.Equal(ProvinceId, e.ParentId));
        Assert.All(established, e => Assert.Equal([BlocId], e.PredecessorIds));
        var moved = Assert.Single(events.Select(e => e.Event).OfType<UnitMoved>());
        Assert.Equal(established[1].UnitId, moved.ToParentId);
        Assert.IsType<UnitSplit>(events[^1].Event);
    }

    [Fact]
    public void Split_without_a_home_for_every_unit_is_refused()
    {
        var command = SplitUnit.Validate(new SplitUnit.Request(
            [new("A", "Đoàn Khối A", null, null, null), new("B", "Đoàn Khối B", null, null, null)], null, new DateOnly(2025, 7, 1), Reform, null, null));

        Assert.Throws<DomainRuleException>(() => SplitUnit.Decide(Bloc, [Branch], [], command));
    }

    [Fact]
    public void Establishing_under_a_parent_that_did_not_exist_yet_is_refused()
    {
        var command = EstablishUnit.Validate(Guid.CreateVersion7(), new EstablishUnit.Request(
            "BRVT.DK.02", "Chi đoàn 2", null, UnitLevel.Branch, null, null, BlocId, null, new DateOnly(2022, 6, 1), Founding, null));

        Assert.Throws<DomainRuleException>(() => EstablishUnit.Decide(command, Bloc, codeTaken: false));
    }

    [Fact]
    public void Establishing_with_a_code_in_use_is_refused()
    {
        var command = EstablishUnit.Validate(Guid.CreateVersion7(), new EstablishUnit.Request(
            "BRVT.DK", "Đoàn Khối trùng mã", null, UnitLevel.Bloc, null, null, ProvinceId, null, new DateOnly(2024, 6, 1), Founding, null));

        var refusal = Assert.Throws<DomainRuleException>(() => EstablishUnit.Decide(command, Province, codeTaken: true));
        Assert.Contains("BRVT.DK", refusal.Message, StringComparison.Ordinal);
    }

    private sealed class TupleComparer : IEqualityComparer<(Guid, object)>
    {
        public bool Equals((Guid, object) x, (Guid, object) y) =>
            x.Item1 == y.Item1 && (x.Item2 is UnitsAbsorbed a && y.Item2 is UnitsAbsorbed b
                ? a.UnitId == b.UnitId && a.MergedUnitIds.SequenceEqual(b.MergedUnitIds) && a.EffectiveDate == b.EffectiveDate
                : x.Item2.Equals(y.Item2));

        public int GetHashCode((Guid, object) obj) => obj.Item1.GetHashCode();
    }
}

public class LinkedBodiesTests
{
    private static readonly Decision Founding = new("3-QĐ/HLHTN", new DateOnly(2020, 1, 1), "Đỗ Minh Hải");

    [Fact]
    public void A_Federation_body_may_be_linked_to_an_active_union_unit_but_a_union_unit_may_not()
    {
        var unionId = Guid.CreateVersion7();
        var union = Unit.Initial.Evolve(new UnitEstablished(unionId, "U", "Đoàn xã U", "U", UnitLevel.Commune, Sector.Communes, OrganisationKind.Union,
            null, null, [], new DateOnly(2000, 1, 1), Founding));
        EstablishUnit.Command Command(OrganisationKind kind) => EstablishUnit.Validate(Guid.CreateVersion7(), new EstablishUnit.Request(
            "U.HOI", "Hội LHTN xã U", null, UnitLevel.Commune, Sector.Communes, kind, null, unionId, new DateOnly(2021, 1, 1), Founding, null));

        var linked = EstablishUnit.Decide(Command(OrganisationKind.Federation), null, codeTaken: false, union);

        Assert.Equal(unionId, linked.UnionUnitId);
        Assert.Throws<DomainRuleException>(() => EstablishUnit.Decide(Command(OrganisationKind.Union), null, codeTaken: false, union));
        Assert.Throws<DomainRuleException>(() => EstablishUnit.Decide(Command(OrganisationKind.Pioneers), null, codeTaken: false, unionUnit: null));
    }
}
