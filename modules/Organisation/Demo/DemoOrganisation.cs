using System.Globalization;
using System.Text;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Accounts;
using DoanPlatform.Organisation.Clusters;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Features;
using DoanPlatform.Organisation.Import;
using DoanPlatform.Organisation.Officials;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;

namespace DoanPlatform.Organisation.Demo;

/// <summary>
/// The demo province's organisation, every event made by the module's own decisions: the unit tree imported when the platform went
/// live (1/1/2023), officials, a unit founded in 2024, the 2023 and 2024 emulation clusters, the demo accounts (one bulk append), then
/// the 2025 reform, decision by decision, as the office would record it (<see cref="DemoReform"/>).
/// </summary>
internal sealed class DemoOrganisation
{
    public static readonly DateOnly Onboarded = new(2023, 1, 1);
    public const string Term = "2022–2027";
    public const string Password = "dulieumau-2025";

    private static readonly Decision Import = new("01-QĐ/TĐTN", new DateOnly(2022, 12, 28), "");
    private static readonly DateTimeOffset AccountsCreated = new(2023, 1, 3, 8, 0, 0, TimeSpan.FromHours(7));

    private readonly Random _random = new(20230101);
    private readonly HashSet<string> _people = [];
    private readonly List<Planned> _planned = [];
    private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);

    public DemoTree Tree { get; } = new();
    public DemoStreams Streams { get; } = new();
    public Dictionary<Guid, List<OfficialSummary>> Officials { get; } = [];
    public Dictionary<Guid, Planned> ById { get; } = [];
    public List<DemoAccount> Accounts { get; } = [];
    public int Clusters { get; private set; }
    public Actor Office => Accounts.First(a => a.Role == Role.OfficeStaff).Actor;
    public string ProvinceSecretary { get; private set; } = "";

    /// <summary>A unit to import, with what the demo needs to know about it beyond the sheet.</summary>
    internal sealed record Planned(string Code, string Name, string ParentCode, UnitLevel Level, Sector Sector, string Place, string? District,
        string? Commune, string Kind)
    {
        public Guid Id { get; set; }
    }

    public static IEnumerable<string> AccountNames => ["demo.quantri", "demo.vanphong", "demo.bithu", "demo.kiemtra"];

    /// <summary>Phase one, collected in <see cref="Streams"/>: accounts, the imported tree, officials, the 2024 unit, the clusters.</summary>
    public void Build()
    {
        PlanTree();
        ProvinceSecretary = Person();
        var decision = Import with { Signer = ProvinceSecretary };
        var ids = new Queue<Guid>(_planned.Select(p => DemoProvince.IdFor("unit", p.Code)));
        var rows = _planned.Select((p, i) => new SheetRow(i + 2, p.Code, p.Name, p.ParentCode, p.Level.ToString(), p.Sector.ToString(), "")).ToList();
        var plan = ImportUnits.Decide(rows, new Dictionary<string, Guid>(), Onboarded, decision, ids.Dequeue);
        if (plan.Errors.Count > 0)
            throw new InvalidOperationException("Demo tree: " + string.Join("; ", plan.Errors.Select(e => $"{e.Row}: {e.Reason}")));

        CreateAccounts(plan.Units);
        foreach (var established in plan.Units)
        {
            var planned = _planned.First(p => p.Code == established.Code);
            planned.Id = established.UnitId;
            ById[established.UnitId] = planned;
            Tree.Apply(established.UnitId, established);
            Streams.Append<Unit>(established.UnitId, Office, $"Nhập danh sách đơn vị theo quyết định {decision.NumberSymbol}", null, established);
        }

        var founding = new Decision("37-QĐ/TĐTN", new DateOnly(2024, 3, 8), ProvinceSecretary);
        var parent = Tree.ByCode(DemoData.EnterprisesBlocCode);
        var code = Code(parent.Code, DemoData.NewIn2024);
        var id = DemoProvince.IdFor("unit", code);
        var founded = EstablishUnit.Decide(new EstablishUnit.Command(id, code, DemoData.NewIn2024, DemoData.NewIn2024, UnitLevel.Grassroots, Sector.Enterprises,
            OrganisationKind.Union, parent.Id, null, new DateOnly(2024, 3, 15), founding), parent, codeTaken: false);
        Tree.Apply(id, founded);
        ById[id] = new Planned(code, DemoData.NewIn2024, parent.Code, UnitLevel.Grassroots, Sector.Enterprises, "Bà Rịa", null, null, "bloc-member") { Id = id };
        Streams.Append<Unit>(id, Office, "Thành lập theo đề nghị của Ban Thường vụ Đoàn Khối Doanh nghiệp tỉnh", founding.NumberSymbol, founded);

        AppointOfficials();
        FormClusters(2023, new Decision("08-QĐ/TĐTN", new DateOnly(2023, 2, 17), ProvinceSecretary), new DateOnly(2023, 2, 20));
        FormClusters(2024, new Decision("06-QĐ/TĐTN", new DateOnly(2024, 2, 16), ProvinceSecretary), new DateOnly(2024, 2, 19));
    }

    /// <summary>The units as of 2023–2024 for the other modules, parents first.</summary>
    public IReadOnlyList<DemoUnit> Snapshot() =>
    [
        .. ById.Values.Select(p => (Planned: p, Unit: Tree[p.Id])).Select(x => new DemoUnit(x.Unit.Id, x.Unit.Code, x.Unit.Name, x.Unit.ParentId, x.Unit.Level,
            x.Unit.Sector, x.Unit.EstablishedOn, x.Planned.Place, Officials[x.Unit.Id])),
    ];

    private void PlanTree()
    {
        void Add(string name, string parentCode, UnitLevel level, Sector sector, string place, string? district, string kind, string? commune = null,
            string? code = null) =>
            _planned.Add(new Planned(code ?? Code(parentCode, name), name, parentCode, level, sector, place, district, commune, kind));

        const string province = DemoData.ProvinceCode;
        Add(DemoData.ProvinceName, "", UnitLevel.Province, Sector.None, "Bà Rịa", null, "province", code: province);
        foreach (var d in DemoData.Districts)
            Add(d.Name, province, UnitLevel.District, Sector.None, d.Place, d.Key, "district", code: $"{province}.{d.Key}");
        Add(DemoData.AgenciesBlocName, province, UnitLevel.Bloc, Sector.Agencies, "Bà Rịa", null, "bloc", code: DemoData.AgenciesBlocCode);
        Add(DemoData.EnterprisesBlocName, province, UnitLevel.Bloc, Sector.Enterprises, "Bà Rịa", null, "bloc", code: DemoData.EnterprisesBlocCode);
        foreach (var unit in DemoData.ProvinceUnits)
            Add(unit.Name, province, UnitLevel.Grassroots, unit.Sector, "Bà Rịa", null, "province-unit");
        foreach (var d in DemoData.Districts)
        {
            var parent = $"{province}.{d.Key}";
            foreach (var c in d.Communes)
                Add(c.UnionName, parent, UnitLevel.Grassroots, Sector.Communes, d.Place, d.Key, "commune", c.Name);
            foreach (var school in d.Schools)
                Add($"Đoàn trường {school}", parent, UnitLevel.Grassroots, Sector.Schools, d.Place, d.Key, "school");
            Add($"Đoàn cơ sở Công an {d.Locality}", parent, UnitLevel.Grassroots, Sector.ArmedForces, d.Place, d.Key, "police");
            Add($"Chi đoàn cơ sở Ban Chỉ huy Quân sự {d.Locality}", parent, UnitLevel.Grassroots, Sector.ArmedForces, d.Place, d.Key, "military");
            Add($"Đoàn cơ sở Cơ quan Ủy ban nhân dân {d.Locality}", parent, UnitLevel.Grassroots, Sector.Agencies, d.Place, d.Key, "agency");
            foreach (var other in d.Others)
                Add(other, parent, UnitLevel.Grassroots, Sector.Agencies, d.Place, d.Key, "other");
        }
        foreach (var unit in DemoData.AgenciesBloc)
            Add(unit.Name, DemoData.AgenciesBlocCode, UnitLevel.Grassroots, unit.Sector, "Bà Rịa", null, unit.Party ? "party" : "bloc-member");
        foreach (var name in DemoData.EnterprisesBloc)
            Add(name, DemoData.EnterprisesBlocCode, UnitLevel.Grassroots, Sector.Enterprises, "Bà Rịa", null, "bloc-member");
    }

    private void CreateAccounts(IReadOnlyList<UnitEstablished> units)
    {
        var province = units.First(u => u.Code == DemoData.ProvinceCode).UnitId;
        var secretaryUnit = units.First(u => u.Name == "Đoàn cơ sở Sở Tư pháp");
        var secretary = Person();
        Officials[secretaryUnit.UnitId] = [Official(secretary, Position.Secretary)];
        (string User, string Name, Role Role, Guid? Unit)[] accounts =
        [
            ("demo.quantri", "Quản trị viên (dữ liệu mẫu)", Role.Admin, null),
            ("demo.vanphong", $"{Person(female: true)} (Văn phòng Tỉnh đoàn)", Role.OfficeStaff, province),
            ("demo.bithu", secretary, Role.UnitSecretary, secretaryUnit.UnitId),
            ("demo.kiemtra", $"{Person()} (Ủy ban Kiểm tra Tỉnh đoàn)", Role.Auditor, province),
        ];
        foreach (var (user, name, role, unit) in accounts)
        {
            var created = AccountDecisions.Create(null, user, name, Password, AccountsCreated);
            var granted = AccountDecisions.GrantRole(Account.Initial.Evolve(created), role, unit, AccountsCreated);
            Streams.Append<Account>(created.AccountId, Actor.System, "Tạo tài khoản", null, created, granted);
            Accounts.Add(new DemoAccount(created.AccountId, created.UserName, created.DisplayName, Password, role, unit));
        }
    }

    private void AppointOfficials()
    {
        var decision = new Decision("02-QĐ/TĐTN", new DateOnly(2022, 12, 30), ProvinceSecretary);
        foreach (var planned in ById.Values)
        {
            var unit = Tree[planned.Id];
            Position[] positions = unit.Level switch
            {
                UnitLevel.Province => [Position.Secretary, Position.StandingDeputySecretary, Position.DeputySecretary, Position.OfficeChief],
                UnitLevel.District or UnitLevel.Bloc => [Position.Secretary, Position.DeputySecretary, Position.OfficeChief],
                _ => [Position.Secretary],
            };
            var officials = Officials.TryGetValue(unit.Id, out var known) ? known : [];
            foreach (var position in positions.Skip(officials.Count))
                officials.Add(Official(position == Position.Secretary && unit.Level == UnitLevel.Province ? ProvinceSecretary : Person(), position));
            Officials[unit.Id] = officials;
            foreach (var official in officials)
            {
                var appointing = unit.EstablishedOn == Onboarded ? decision : decision with { Date = unit.EstablishedOn };
                var appointed = Appointment(unit, official, unit.EstablishedOn, appointing);
                Streams.Append<Appointment>(appointed.AppointmentId, Office, "Cập nhật cán bộ Đoàn khi đưa hệ thống vào sử dụng", appointing.NumberSymbol,
                    appointed);
            }
        }
    }

    /// <summary>An official's appointment (its own stream), as <c>POST /units/{id}/officials</c> decides it.</summary>
    public static OfficialAppointed Appointment(Unit unit, OfficialSummary official, DateOnly on, Decision decision) =>
        AppointmentDecisions.Appoint(DemoProvince.IdFor("appointment", $"{unit.Code}/{official.Position}/{on:yyyyMMdd}"), unit, official.PersonName,
            official.Position, Term, on, decision);

    public static OfficialSummary Official(string name, Position position) => new(name, position, CurrentOfficials.PositionName(position), Term);

    private void FormClusters(int year, Decision decision, DateOnly effective)
    {
        var province = Tree.ByCode(DemoData.ProvinceCode).Id;
        var scored = ById.Values.Where(p => Tree[p.Id].Level == UnitLevel.Grassroots && Tree[p.Id].EstablishedOn <= new DateOnly(year, 12, 31)).ToList();
        for (var c = 0; c < DemoData.Clusters.Length; c++)
        {
            var id = DemoProvince.IdFor("cluster", $"{year}/{c + 1}");
            var formed = ClusterDecisions.Form(id, province, year, DemoData.Clusters[c], effective, decision);
            var cluster = EmulationCluster.Initial.Evolve(formed);
            var events = new List<object> { formed };
            foreach (var member in scored.Where(p => DemoData.ClusterOf(p.Sector, p.District) == c))
            {
                var unit = Tree[member.Id];
                // A unit founded during the year joins its cluster from its founding.
                var assigned = ClusterDecisions.Assign(cluster, unit.Id, unit.Name, null, unit.EstablishedOn > effective ? unit.EstablishedOn : effective, decision);
                cluster = cluster.Evolve(assigned);
                events.Add(assigned);
            }
            var head = cluster.Members[_random.Next(cluster.Members.Count)];
            var deputy = cluster.Members.Where(m => m != head).ElementAt(_random.Next(cluster.Members.Count - 1));
            var leaders = ClusterDecisions.NameLeaders(cluster, head, deputy, effective, decision);
            events.Add(leaders);
            Streams.Append<EmulationCluster>(id, Office, $"Phân cụm thi đua năm {year}", decision.NumberSymbol, events);
            Clusters++;
        }
    }

    /// <summary>A generated full name, never the same twice.</summary>
    public string Person(bool? female = null)
    {
        while (true)
        {
            var woman = female ?? _random.Next(2) == 0;
            var name = string.Join(' ', Pick(DemoData.FamilyNames), Pick(woman ? DemoData.FemaleMiddleNames : DemoData.MaleMiddleNames),
                Pick(woman ? DemoData.FemaleGivenNames : DemoData.MaleGivenNames));
            if (_people.Add(name))
                return name;
        }
    }

    private string Pick(string[] values) => values[_random.Next(values.Length)];

    /// <summary>A unit code from its parent's and the initials of its name: "Đoàn cơ sở Sở Tư pháp" under BRVT.DK-DCD is BRVT.DK-DCD.STP.</summary>
    public string Code(string parentCode, string name)
    {
        var code = $"{parentCode}.{Initials(name)}";
        var unique = code;
        for (var n = 2; _codes.ContainsKey(unique); n++)
            unique = code + n.ToString(CultureInfo.InvariantCulture);
        _codes[unique] = name;
        return unique;
    }

    private static string Initials(string name)
    {
        string[] prefixes = ["Chi đoàn cơ sở ", "Đoàn cơ sở ", "Đoàn trường ", "Đoàn Thanh niên ", "Đoàn "];
        var rest = prefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal)) is { } prefix ? name[prefix.Length..] : name;
        var initials = new StringBuilder();
        foreach (var word in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Ascii).Where(w => w.Length > 0 && char.IsAsciiLetterOrDigit(w[0])))
            initials.Append(word.All(char.IsAsciiDigit) || word.All(char.IsAsciiLetterUpper) ? word : char.ToUpperInvariant(word[0]).ToString());
        return initials.ToString();
    }

    private static string Ascii(string word) =>
        new([.. word.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]);
}

/// <summary>Unit states as the decisions see them, evolved with every demo event in order.</summary>
internal sealed class DemoTree
{
    private readonly Dictionary<Guid, Unit> _units = [];

    public Unit this[Guid id] => _units[id];

    public void Apply(Guid id, object @event) => _units[id] = (_units.GetValueOrDefault(id) ?? Unit.Initial).Evolve(@event);

    public Unit ByCode(string code) => _units.Values.First(u => u.Code == code);

    public Unit ByName(string name, Guid? parentId = null) =>
        _units.Values.First(u => u.Name == name && u.IsActive && (parentId is null || u.ParentId == parentId));

    public IReadOnlyList<Unit> ActiveChildren(Guid id) => [.. _units.Values.Where(u => u.IsActive && u.ParentId == id).OrderBy(u => u.Code, StringComparer.Ordinal)];

    public IReadOnlyList<Guid> Ancestors(Unit unit)
    {
        var chain = new List<Guid>();
        for (var next = unit.ParentId; next is { } id; next = _units[id].ParentId)
            chain.Add(id);
        return chain;
    }
}
