using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Features;
using DoanPlatform.Organisation.Officials;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;

namespace DoanPlatform.Organisation.Demo;

/// <summary>
/// The 2025 reform of the demo province, one command at a time as the office records it: on 1/3/2025 the district police unions
/// merge into the provincial police's, merged departments merge their unions, the Dân – Chính – Đảng bloc splits into the Party
/// agencies' and the People's Committee's blocs and the enterprises' bloc merges into the latter; on 1/7/2025 the district level ends:
/// new commune and ward unions take over the old ones, schools and military units move under the province, district agencies' unions
/// and the district unions are dissolved, and Côn Đảo becomes a special zone.
/// </summary>
internal sealed class DemoReform(DemoOrganisation demo)
{
    public static readonly DateOnly Restructured = new(2025, 3, 1);
    public static readonly DateOnly DistrictsEnd = new(2025, 7, 1);

    /// <summary>One command: its decision, reason and the events it appends, stream by stream in the command's order.</summary>
    public sealed record Step(Decision Decision, string Reason, IReadOnlyList<(Guid StreamId, object Event)> Events);

    public List<Step> Steps { get; } = [];

    private DemoTree Tree => demo.Tree;

    public void Build()
    {
        var secretary = demo.ProvinceSecretary;
        var march = new Decision("512-QĐ/TĐTN", new DateOnly(2025, 2, 25), secretary);
        var july = new Decision("845-QĐ/TĐTN", new DateOnly(2025, 6, 20), secretary);
        var province = Tree.ByCode(DemoData.ProvinceCode);

        var police = Tree.ByName(DemoData.ProvinceUnits[0].Name, province.Id);
        Merge(police, [.. demo.ById.Values.Where(p => p.Kind == "police").Select(p => Tree[p.Id])], Restructured, march,
            "Sắp xếp tổ chức Đoàn Công an theo mô hình Công an hai cấp");

        var agencies = Tree.ByCode(DemoData.AgenciesBlocCode);
        foreach (var (into, from, rename) in DemoData.DepartmentMerges)
        {
            var target = Tree.ByName(into, agencies.Id);
            Merge(target, [.. from.Select(name => Tree.ByName(name, agencies.Id))], Restructured, march, "Hợp nhất theo việc sắp xếp các sở, ngành của tỉnh");
            if (rename is not null)
                Add(march, "Đổi tên theo tên cơ quan sau sắp xếp", (target.Id, RenameUnit.Decide(Tree[target.Id], new RenameUnit.Command(rename, rename, Restructured, march))));
        }

        var party = new SplitUnit.Successor(DemoProvince.IdFor("unit", DemoData.PartyBlocCode), DemoData.PartyBlocCode, DemoData.PartyBlocName,
            DemoData.PartyBlocName, null, null);
        var government = new SplitUnit.Successor(DemoProvince.IdFor("unit", DemoData.GovernmentBlocCode), DemoData.GovernmentBlocCode,
            DemoData.GovernmentBlocName, DemoData.GovernmentBlocName, null, null);
        var children = Tree.ActiveChildren(agencies.Id);
        var assignments = children.ToDictionary(c => c.Id, c => demo.ById[c.Id].Kind == "party" ? party.Code : government.Code);
        const string blocs = "Kiện toàn tổ chức Đoàn khối theo việc sắp xếp các đảng bộ trực thuộc Tỉnh ủy";
        Add(march, blocs, SplitUnit.Decide(agencies, children, [], new SplitUnit.Command([party, government], assignments, Restructured, march)));
        Merge(Tree[government.Id], [Tree.ByCode(DemoData.EnterprisesBlocCode)], Restructured, march, blocs);
        AppointSecretary(Tree[party.Id], Restructured, march);
        AppointSecretary(Tree[government.Id], Restructured, march);

        foreach (var district in DemoData.Districts)
        {
            var union = Tree.ByCode($"{DemoData.ProvinceCode}.{district.Key}");
            if (district.Key == DemoData.SpecialZoneKey)
            {
                const string zone = "Tổ chức lại theo đặc khu Côn Đảo";
                Add(july, zone, (union.Id, RenameUnit.Decide(union, new RenameUnit.Command(DemoData.SpecialZoneName, DemoData.SpecialZoneName, DistrictsEnd, july))));
                Add(july, zone, (union.Id, ReclassifyUnit.Decide(Tree[union.Id], new ReclassifyUnit.Command(UnitLevel.Commune, Sector.Communes, DistrictsEnd, july))));
                continue;
            }
            foreach (var commune in district.Reform)
                TakeOver(province, district.Key, commune, july);
            foreach (var unit in Tree.ActiveChildren(union.Id).Where(u => demo.ById[u.Id].Kind is "school" or "military"))
                Add(july, "Chuyển về Tỉnh đoàn trực tiếp quản lý khi kết thúc hoạt động cấp huyện",
                    (unit.Id, MoveUnit.Decide(unit, Tree[province.Id], Tree.Ancestors(province), new MoveUnit.Command(province.Id, DistrictsEnd, july))));
            foreach (var unit in Tree.ActiveChildren(union.Id))
                Add(july, "Giải thể khi kết thúc hoạt động cấp huyện", (unit.Id, DissolveUnit.Decide(unit, 0, new DissolveUnit.Command(DistrictsEnd, july))));
            Add(july, "Kết thúc hoạt động cấp huyện", (union.Id, DissolveUnit.Decide(Tree[union.Id], Tree.ActiveChildren(union.Id).Count,
                new DissolveUnit.Command(DistrictsEnd, july))));
        }
    }

    /// <summary>A 2025 commune or ward union: a new union absorbing the old ones, or the one old union itself, reclassified and moved up.</summary>
    private void TakeOver(Unit province, string district, DemoData.NewCommune commune, Decision decision)
    {
        var old = commune.From.Select(name => Tree[demo.ById.Values.First(p => p.District == district && p.Commune == name).Id]).ToList();
        if (old.Count == 1)
        {
            var unit = old[0];
            const string reason = "Sắp xếp theo đơn vị hành chính cấp xã mới";
            Add(decision, reason, (unit.Id, ReclassifyUnit.Decide(unit, new ReclassifyUnit.Command(UnitLevel.Commune, null, DistrictsEnd, decision))));
            Add(decision, reason, (unit.Id, MoveUnit.Decide(Tree[unit.Id], province, Tree.Ancestors(province), new MoveUnit.Command(province.Id, DistrictsEnd, decision))));
            return;
        }
        var code = demo.Code(DemoData.ProvinceCode, commune.UnionName);
        var id = DemoProvince.IdFor("unit", code);
        Add(decision, "Thành lập theo đơn vị hành chính cấp xã mới", (id, EstablishUnit.Decide(new EstablishUnit.Command(id, code, commune.UnionName, commune.UnionName,
            UnitLevel.Commune, Sector.Communes, OrganisationKind.Union, province.Id, null, DistrictsEnd, decision), Tree[province.Id], codeTaken: false)));
        Merge(Tree[id], old, DistrictsEnd, decision, "Hợp nhất theo sắp xếp đơn vị hành chính cấp xã");
        AppointSecretary(Tree[id], DistrictsEnd, decision);
    }

    private void Merge(Unit target, IReadOnlyList<Unit> sources, DateOnly effective, Decision decision, string reason) =>
        Add(decision, reason, MergeUnits.Decide(target, Tree.Ancestors(target), [.. sources.Select(s => new MergeUnits.Source(s, Tree.ActiveChildren(s.Id)))],
            new MergeUnits.Command([.. sources.Select(s => s.Id)], effective, decision)));

    private void AppointSecretary(Unit unit, DateOnly on, Decision decision)
    {
        var appointed = DemoOrganisation.Appointment(unit, DemoOrganisation.Official(demo.Person(), Position.Secretary), on, decision);
        Add(decision, "Chỉ định Bí thư lâm thời", (appointed.AppointmentId, appointed));
    }

    private void Add(Decision decision, string reason, params IEnumerable<(Guid StreamId, object Event)> events)
    {
        var list = events.ToList();
        foreach (var (id, e) in list)
        {
            if (e is UnitEstablished or UnitRenamed or UnitMoved or UnitReclassified or UnitSplit or UnitMerged or UnitsAbsorbed or UnitDissolved)
                Tree.Apply(id, e);
        }
        Steps.Add(new Step(decision, reason, list));
    }

    /// <summary>Appends every step in order, one transaction each, at the versions the bulk append left the streams at.</summary>
    public async Task<long> WriteAsync(IDocumentStore store, CancellationToken ct)
    {
        var versions = new Dictionary<Guid, long>();
        long count = 0;
        foreach (var step in Steps)
        {
            await using var session = store.LightweightSession(demo.Office);
            session.Decision = step.Decision.NumberSymbol;
            session.Reason = step.Reason;
            foreach (var stream in step.Events.GroupBy(e => e.StreamId))
            {
                var version = versions.TryGetValue(stream.Key, out var v) ? v : demo.Streams.VersionOf(stream.Key);
                var events = stream.Select((e, i) => (object)new IdentifiedEvent(DemoStreams.EventId(stream.Key, version + i + 1), e.Event)).ToArray();
                if (version > 0)
                    session.Events.Append(stream.Key, version, events);
                else if (stream.First().Event is OfficialAppointed)
                    session.Events.StartStream<Appointment>(stream.Key, events);
                else
                    session.Events.StartStream<Unit>(stream.Key, events);
                versions[stream.Key] = version + events.Length;
                count += events.Length;
            }
            await UnitCodesProjection.SaveAsync(() => session.SaveChangesAsync(ct)).ConfigureAwait(false);
        }
        return count;
    }
}
