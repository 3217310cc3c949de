using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Organisation.Demo;

/// <summary>
/// The demo province's organisation as data: Bà Rịa – Vũng Tàu before the 2025 reform (its city, town and district unions with their
/// communes, two bloc unions, units under the province), and the reform that follows. The names are the real places and agencies; the
/// people are generated, and how the 2025 communes group the old ones is plausible, not the official list.
/// </summary>
internal static class DemoData
{
    /// <summary>An old commune, ward or town: its union is a grassroots union of the district.</summary>
    public sealed record Commune(string Type, string Name)
    {
        // "Phường 1" is written with a capital; "phường Thắng Nhất" is not.
        public string UnionName => char.IsAsciiDigit(Name[0]) ? $"Đoàn Phường {Name}" : $"Đoàn {Type} {Name}";
    }

    /// <summary>A 2025 commune or ward union and the old unions (by place name) it takes over.</summary>
    public sealed record NewCommune(string Type, string Name, string[] From)
    {
        public string UnionName => $"Đoàn {Type} {Name}";
    }

    public sealed record District(string Key, string Name, string Locality, string Place, Commune[] Communes, string[] Schools, string[] Others,
        NewCommune[] Reform);

    /// <summary>A unit under a bloc union; Party bodies go to the Party agencies' bloc in 2025, the others to the People's Committee's.</summary>
    public sealed record BlocUnit(string Name, Sector Sector, bool Party = false);

    private static Commune P(string name) => new("phường", name);
    private static Commune X(string name) => new("xã", name);
    private static Commune T(string name) => new("thị trấn", name);
    private static NewCommune NP(string name, params string[] from) => new("phường", name, from);
    private static NewCommune NX(string name, params string[] from) => new("xã", name, from);

    public const string ProvinceCode = "BRVT";
    public const string ProvinceName = "Tỉnh đoàn Bà Rịa – Vũng Tàu";
    public const string ProvincePlace = "Bà Rịa – Vũng Tàu";

    public static readonly District[] Districts =
    [
        new("VT", "Thành đoàn Vũng Tàu", "thành phố Vũng Tàu", "Vũng Tàu",
            [P("1"), P("2"), P("3"), P("4"), P("5"), P("7"), P("8"), P("9"), P("10"), P("11"), P("12"), P("Thắng Nhất"), P("Thắng Nhì"), P("Thắng Tam"),
                P("Rạch Dừa"), P("Nguyễn An Ninh"), X("Long Sơn")],
            ["THPT Vũng Tàu", "THPT Trần Nguyên Hãn", "THPT Đinh Tiên Hoàng"], [],
            [NP("Vũng Tàu", "1", "2", "3", "4", "5", "Thắng Nhì"), NP("Tam Thắng", "7", "8", "9", "Thắng Nhất", "Thắng Tam"), NP("Rạch Dừa", "Rạch Dừa", "10"),
                NP("Phước Thắng", "11", "12", "Nguyễn An Ninh"), NX("Long Sơn", "Long Sơn")]),
        new("BR", "Thành đoàn Bà Rịa", "thành phố Bà Rịa", "Bà Rịa",
            [P("Phước Hiệp"), P("Phước Trung"), P("Phước Nguyên"), P("Long Toàn"), P("Long Tâm"), P("Phước Hưng"), P("Long Hương"), P("Kim Dinh"),
                X("Tân Hưng"), X("Long Phước"), X("Hòa Long")],
            ["THPT Châu Thành", "THPT Bà Rịa", "THPT Nguyễn Bỉnh Khiêm"], [],
            [NP("Bà Rịa", "Phước Hiệp", "Phước Trung", "Phước Nguyên", "Phước Hưng"), NP("Long Hương", "Long Hương", "Kim Dinh", "Tân Hưng"),
                NP("Tam Long", "Long Toàn", "Long Tâm", "Long Phước", "Hòa Long")]),
        new("PM", "Thị đoàn Phú Mỹ", "thị xã Phú Mỹ", "Phú Mỹ",
            [P("Phú Mỹ"), P("Tân Phước"), P("Mỹ Xuân"), P("Phước Hòa"), P("Hắc Dịch"), P("Tân Hòa"), P("Tân Hải"), X("Sông Xoài"), X("Châu Pha"),
                X("Tóc Tiên")],
            ["THPT Phú Mỹ", "THPT Trần Hưng Đạo", "THPT Hắc Dịch"], [],
            [NP("Phú Mỹ", "Phú Mỹ", "Mỹ Xuân"), NP("Tân Phước", "Tân Phước", "Phước Hòa"), NP("Tân Hải", "Tân Hải", "Tân Hòa"),
                NP("Tân Thành", "Hắc Dịch", "Sông Xoài", "Tóc Tiên"), NX("Châu Pha", "Châu Pha")]),
        new("CD", "Huyện đoàn Châu Đức", "huyện Châu Đức", "Châu Đức",
            [T("Ngãi Giao"), X("Bình Ba"), X("Bình Giã"), X("Bình Trung"), X("Bàu Chinh"), X("Cù Bị"), X("Đá Bạc"), X("Kim Long"), X("Láng Lớn"),
                X("Nghĩa Thành"), X("Quảng Thành"), X("Sơn Bình"), X("Suối Nghệ"), X("Suối Rao"), X("Xà Bang"), X("Xuân Sơn")],
            ["THPT Ngô Quyền", "THPT Nguyễn Trãi", "THPT Nguyễn Du"], [],
            [NX("Ngãi Giao", "Ngãi Giao", "Bình Ba", "Suối Nghệ"), NX("Bình Giã", "Bình Giã", "Bình Trung", "Quảng Thành"),
                NX("Kim Long", "Kim Long", "Bàu Chinh", "Láng Lớn"), NX("Châu Đức", "Cù Bị", "Xà Bang"), NX("Xuân Sơn", "Xuân Sơn", "Sơn Bình", "Suối Rao"),
                NX("Nghĩa Thành", "Nghĩa Thành", "Đá Bạc")]),
        new("XM", "Huyện đoàn Xuyên Mộc", "huyện Xuyên Mộc", "Xuyên Mộc",
            [T("Phước Bửu"), X("Bàu Lâm"), X("Bình Châu"), X("Bông Trang"), X("Bưng Riềng"), X("Hòa Bình"), X("Hòa Hiệp"), X("Hòa Hội"), X("Hòa Hưng"),
                X("Phước Tân"), X("Phước Thuận"), X("Tân Lâm"), X("Xuyên Mộc")],
            ["THPT Xuyên Mộc", "THPT Phước Bửu", "THPT Hòa Bình"], [],
            [NX("Xuyên Mộc", "Xuyên Mộc", "Bông Trang", "Bưng Riềng"), NX("Hồ Tràm", "Phước Bửu", "Phước Thuận", "Phước Tân"),
                NX("Hòa Hội", "Hòa Hội", "Hòa Bình", "Hòa Hưng"), NX("Bàu Lâm", "Bàu Lâm", "Tân Lâm"), NX("Bình Châu", "Bình Châu"), NX("Hòa Hiệp", "Hòa Hiệp")]),
        new("LD", "Huyện đoàn Long Điền", "huyện Long Điền", "Long Điền",
            [T("Long Điền"), T("Long Hải"), X("An Ngãi"), X("An Nhứt"), X("Phước Hưng"), X("Phước Tỉnh"), X("Tam Phước")],
            ["THPT Trần Quang Khải", "THPT Minh Đạm", "THPT Long Hải – Phước Tỉnh"], [],
            [NX("Long Điền", "Long Điền", "An Ngãi", "An Nhứt", "Tam Phước"), NX("Long Hải", "Long Hải", "Phước Hưng", "Phước Tỉnh")]),
        new("DD", "Huyện đoàn Đất Đỏ", "huyện Đất Đỏ", "Đất Đỏ",
            [T("Đất Đỏ"), T("Phước Hải"), X("Láng Dài"), X("Lộc An"), X("Long Mỹ"), X("Long Tân"), X("Phước Hội"), X("Phước Long Thọ")],
            ["THPT Dương Bạch Mai", "THPT Võ Thị Sáu"], [],
            [NX("Đất Đỏ", "Đất Đỏ", "Long Tân", "Láng Dài", "Phước Long Thọ"), NX("Phước Hải", "Phước Hải", "Phước Hội", "Lộc An", "Long Mỹ")]),
        new("COD", "Huyện đoàn Côn Đảo", "huyện Côn Đảo", "Côn Đảo", [],
            ["THCS và THPT Võ Thị Sáu"], ["Đoàn cơ sở Vườn quốc gia Côn Đảo", "Chi đoàn cơ sở Ban Quản lý Di tích Côn Đảo"], []),
    ];

    /// <summary>Côn Đảo becomes a special zone (đặc khu) on 1/7/2025: its union is renamed and reclassified, its units stay.</summary>
    public const string SpecialZoneKey = "COD";
    public const string SpecialZoneName = "Đoàn đặc khu Côn Đảo";

    public const string AgenciesBlocCode = "BRVT.DK-DCD";
    public const string AgenciesBlocName = "Đoàn Khối Dân – Chính – Đảng tỉnh";

    public static readonly BlocUnit[] AgenciesBloc =
    [
        new("Đoàn cơ sở Văn phòng Tỉnh ủy", Sector.Agencies, Party: true),
        new("Chi đoàn cơ sở Ban Tổ chức Tỉnh ủy", Sector.Agencies, Party: true),
        new("Chi đoàn cơ sở Ban Tuyên giáo Tỉnh ủy", Sector.Agencies, Party: true),
        new("Chi đoàn cơ sở Ủy ban Kiểm tra Tỉnh ủy", Sector.Agencies, Party: true),
        new("Chi đoàn cơ sở Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", Sector.Agencies, Party: true),
        new("Đoàn cơ sở Cơ quan Liên đoàn Lao động tỉnh", Sector.Agencies, Party: true),
        new("Chi đoàn cơ sở Cơ quan Hội Liên hiệp Phụ nữ tỉnh", Sector.Agencies, Party: true),
        new("Chi đoàn cơ sở Báo Bà Rịa – Vũng Tàu", Sector.Agencies, Party: true),
        new("Đoàn cơ sở Trường Chính trị tỉnh", Sector.Agencies, Party: true),
        new("Đoàn cơ sở Văn phòng Ủy ban nhân dân tỉnh", Sector.Agencies),
        new("Đoàn cơ sở Sở Kế hoạch và Đầu tư", Sector.Agencies),
        new("Đoàn cơ sở Sở Tài chính", Sector.Agencies),
        new("Chi đoàn cơ sở Sở Ngoại vụ", Sector.Agencies),
        new("Đoàn cơ sở Sở Nông nghiệp và Phát triển nông thôn", Sector.Agencies),
        new("Đoàn cơ sở Sở Tài nguyên và Môi trường", Sector.Agencies),
        new("Đoàn cơ sở Sở Tư pháp", Sector.Agencies),
        new("Đoàn cơ sở Sở Y tế", Sector.Agencies),
        new("Đoàn cơ sở Sở Giáo dục và Đào tạo", Sector.Agencies),
        new("Đoàn cơ sở Sở Công Thương", Sector.Agencies),
        new("Đoàn cơ sở Sở Xây dựng", Sector.Agencies),
        new("Đoàn cơ sở Sở Giao thông vận tải", Sector.Agencies),
        new("Đoàn cơ sở Sở Văn hóa và Thể thao", Sector.Agencies),
        new("Chi đoàn cơ sở Sở Du lịch", Sector.Agencies),
        new("Chi đoàn cơ sở Sở Khoa học và Công nghệ", Sector.Agencies),
        new("Đoàn cơ sở Sở Lao động – Thương binh và Xã hội", Sector.Agencies),
        new("Chi đoàn cơ sở Sở Nội vụ", Sector.Agencies),
        new("Chi đoàn cơ sở Sở Thông tin và Truyền thông", Sector.Agencies),
        new("Chi đoàn cơ sở Thanh tra tỉnh", Sector.Agencies),
        new("Đoàn cơ sở Đài Phát thanh và Truyền hình tỉnh", Sector.Agencies),
        new("Đoàn cơ sở Bệnh viện Bà Rịa", Sector.Agencies),
        new("Đoàn cơ sở Bệnh viện Lê Lợi", Sector.Agencies),
        new("Đoàn cơ sở Trung tâm Kiểm soát bệnh tật tỉnh", Sector.Agencies),
        new("Chi đoàn cơ sở Kho bạc Nhà nước tỉnh", Sector.Agencies),
        new("Đoàn cơ sở Cục Thuế tỉnh", Sector.Agencies),
        new("Đoàn cơ sở Bảo hiểm xã hội tỉnh", Sector.Agencies),
        new("Đoàn trường Cao đẳng Kỹ thuật Nguyễn Trường Tộ", Sector.Schools),
        new("Đoàn trường Trung cấp Kỹ thuật Nông nghiệp", Sector.Schools),
        new("Đoàn trường Trung cấp nghề Kỹ thuật – Nghiệp vụ Tôn Đức Thắng", Sector.Schools),
    ];

    public const string EnterprisesBlocCode = "BRVT.DK-DN";
    public const string EnterprisesBlocName = "Đoàn Khối Doanh nghiệp tỉnh";

    public static readonly string[] EnterprisesBloc =
    [
        "Đoàn cơ sở Công ty Điện lực Bà Rịa – Vũng Tàu",
        "Đoàn cơ sở Công ty Cổ phần Cấp nước Bà Rịa – Vũng Tàu",
        "Chi đoàn cơ sở Công ty TNHH MTV Xổ số kiến thiết Bà Rịa – Vũng Tàu",
        "Đoàn cơ sở Viễn thông Bà Rịa – Vũng Tàu",
        "Đoàn cơ sở Viettel Bà Rịa – Vũng Tàu",
        "Đoàn cơ sở Bưu điện tỉnh Bà Rịa – Vũng Tàu",
        "Đoàn cơ sở Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh",
        "Chi đoàn cơ sở Ngân hàng TMCP Ngoại thương chi nhánh Vũng Tàu",
        "Chi đoàn cơ sở Ngân hàng TMCP Đầu tư và Phát triển chi nhánh Bà Rịa – Vũng Tàu",
        "Chi đoàn cơ sở Ngân hàng TMCP Công Thương chi nhánh Bà Rịa – Vũng Tàu",
        "Đoàn cơ sở Công ty TNHH MTV Công trình Đô thị Vũng Tàu",
        "Chi đoàn cơ sở Công ty Cổ phần Xe khách Bà Rịa – Vũng Tàu",
        "Đoàn cơ sở Công ty TNHH Cảng quốc tế Cái Mép",
        "Chi đoàn cơ sở Công ty TNHH MTV Khai thác thủy lợi tỉnh",
        "Chi đoàn cơ sở Công ty Cổ phần Du lịch Côn Đảo",
        "Đoàn cơ sở Công ty Cổ phần Phát triển Khu công nghiệp Châu Đức",
    ];

    /// <summary>A unit established in 2024, so the 2023 and 2024 lists differ.</summary>
    public const string NewIn2024 = "Đoàn cơ sở Công ty Cổ phần Cảng Phước An";

    public static readonly BlocUnit[] ProvinceUnits =
    [
        new("Đoàn Thanh niên Công an tỉnh", Sector.ArmedForces),
        new("Đoàn cơ sở Bộ Chỉ huy Quân sự tỉnh", Sector.ArmedForces),
        new("Đoàn cơ sở Bộ Chỉ huy Bộ đội Biên phòng tỉnh", Sector.ArmedForces),
        new("Đoàn trường Đại học Bà Rịa – Vũng Tàu", Sector.Schools),
        new("Đoàn trường Cao đẳng Kỹ thuật Công nghệ Bà Rịa – Vũng Tàu", Sector.Schools),
        new("Đoàn trường Cao đẳng Y tế Bà Rịa – Vũng Tàu", Sector.Schools),
        new("Đoàn trường THPT chuyên Lê Quý Đôn", Sector.Schools),
    ];

    /// <summary>1/3/2025: the 2025 merges of provincial departments (their unions merge the same way); a renamed survivor keeps the merged name.</summary>
    public static readonly (string Into, string[] From, string? Rename)[] DepartmentMerges =
    [
        ("Đoàn cơ sở Sở Tài chính", ["Đoàn cơ sở Sở Kế hoạch và Đầu tư"], null),
        ("Đoàn cơ sở Sở Nông nghiệp và Phát triển nông thôn", ["Đoàn cơ sở Sở Tài nguyên và Môi trường"], "Đoàn cơ sở Sở Nông nghiệp và Môi trường"),
        ("Chi đoàn cơ sở Sở Nội vụ", ["Đoàn cơ sở Sở Lao động – Thương binh và Xã hội"], "Đoàn cơ sở Sở Nội vụ"),
        ("Chi đoàn cơ sở Sở Khoa học và Công nghệ", ["Chi đoàn cơ sở Sở Thông tin và Truyền thông"], "Đoàn cơ sở Sở Khoa học và Công nghệ"),
        ("Đoàn cơ sở Đài Phát thanh và Truyền hình tỉnh", ["Chi đoàn cơ sở Báo Bà Rịa – Vũng Tàu"], "Đoàn cơ sở Báo và Phát thanh, Truyền hình Bà Rịa – Vũng Tàu"),
    ];

    public const string PartyBlocCode = "BRVT.DK-CQD";
    public const string PartyBlocName = "Đoàn Khối các cơ quan Đảng tỉnh";
    public const string GovernmentBlocCode = "BRVT.DK-UBND";
    public const string GovernmentBlocName = "Đoàn Khối Ủy ban nhân dân tỉnh";

    /// <summary>Every cluster of the year; scored units are placed by <see cref="ClusterOf"/>.</summary>
    public static readonly string[] Clusters =
    [
        "Cụm thi đua số 1: xã, phường Vũng Tàu – Bà Rịa – Phú Mỹ",
        "Cụm thi đua số 2: xã, thị trấn Châu Đức – Xuyên Mộc",
        "Cụm thi đua số 3: xã, thị trấn Long Điền – Đất Đỏ",
        "Cụm thi đua số 4: khối cơ quan",
        "Cụm thi đua số 5: khối doanh nghiệp",
        "Cụm thi đua số 6: khối trường học",
        "Cụm thi đua số 7: khối lực lượng vũ trang",
    ];

    /// <summary>The index in <see cref="Clusters"/> of a scored unit: communes by area, the others by sector.</summary>
    public static int ClusterOf(Sector sector, string? districtKey) => sector switch
    {
        Sector.Communes => districtKey is "VT" or "BR" or "PM" ? 0 : districtKey is "CD" or "XM" ? 1 : 2,
        Sector.Enterprises => 4,
        Sector.Schools => 5,
        Sector.ArmedForces => 6,
        _ => 3,
    };

    // Generated people: common Vietnamese family, middle and given names.
    public static readonly string[] FamilyNames =
        ["Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm", "Mai"];

    public static readonly string[] MaleMiddleNames = ["Văn", "Minh", "Hoàng", "Thanh", "Quốc", "Hữu", "Đức", "Thành", "Công", "Tấn", "Ngọc", "Duy", "Trọng", "Anh"];

    public static readonly string[] FemaleMiddleNames = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bảo", "Mỹ", "Thùy", "Phương", "Hồng", "Khánh", "Minh"];

    public static readonly string[] MaleGivenNames =
        ["An", "Bình", "Cường", "Dũng", "Duy", "Hải", "Hiếu", "Hùng", "Huy", "Khang", "Khoa", "Kiên", "Long", "Lộc", "Minh", "Nam", "Nhân", "Phát", "Phong",
            "Phúc", "Quân", "Quang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Tín", "Toàn", "Trí", "Trung", "Tuấn", "Tùng", "Việt", "Vinh"];

    public static readonly string[] FemaleGivenNames =
        ["Anh", "Châu", "Diễm", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhi", "Nhung",
            "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thư", "Trang", "Trâm", "Uyên", "Vân", "Vy", "Xuân", "Yến"];
}
