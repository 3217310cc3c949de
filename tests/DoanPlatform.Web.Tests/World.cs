using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Web.Tests;

/// <summary>
/// A province with a bloc union of <c>units</c> grassroots units (the office's own scope) and a district union with one
/// commune union (another office's scope), an office account on the bloc, built through the HTTP API.
/// </summary>
public sealed record World(HttpClient Admin, string Tag, Guid Province, Guid Bloc, Guid[] Units, string[] UnitNames, Guid District, Guid Commune,
    string Office)
{
    public const string BlocName = "Đoàn Khối Dân – Chính – Đảng tỉnh";
    public const string DistrictName = "Huyện đoàn Côn Đảo";
    public const string CommuneName = "Đoàn xã Long Sơn";

    private static readonly string[] Names =
    [
        "Chi đoàn Văn phòng Tỉnh ủy", "Đoàn cơ sở Sở Tài chính", "Đoàn cơ sở Sở Y tế", "Đoàn cơ sở Sở Giáo dục và Đào tạo",
        "Đoàn cơ sở Ủy ban Mặt trận Tổ quốc", "Chi đoàn Hội Nông dân", "Đoàn cơ sở Sở Nội vụ", "Đoàn cơ sở Sở Tư pháp",
    ];

    public static async Task<World> BuildAsync(WebFixture web, int units = 4)
    {
        var admin = await web.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var province = await admin.EstablishAsync($"T{tag}", "Tỉnh đoàn Bà Rịa – Vũng Tàu", "Province", null, "2010-01-01");
        var bloc = await admin.EstablishAsync($"T{tag}.DK", BlocName, "Bloc", province, "2010-01-01");
        var names = new string[units];
        var ids = new Guid[units];
        for (var i = 0; i < units; i++)
            names[i] = i < Names.Length ? Names[i] : $"Đoàn cơ sở Sở số {i + 1:00}";
        await Parallel.ForEachAsync(Enumerable.Range(0, units), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, _) =>
            ids[i] = await admin.EstablishAsync($"T{tag}.DK.{i + 1:00}", names[i], "Grassroots", bloc, "2010-01-01", sector: "Agencies"));
        var district = await admin.EstablishAsync($"T{tag}.CD", DistrictName, "District", province, "2010-01-01");
        var commune = await admin.EstablishAsync($"T{tag}.CD.LS", CommuneName, "Grassroots", district, "2010-01-01", sector: "Communes");
        await web.WaitForNonStaleAsync();
        var office = await web.AccountAsync(admin, "Nguyễn Thị Văn Phòng", "OfficeStaff", bloc);
        return new World(admin, tag, province, bloc, ids, names, district, commune, office);
    }

    /// <summary>A briefing the bloc convened on <paramref name="heldOn"/> and one task for every invited unit due on <paramref name="deadline"/>.</summary>
    public async Task<Guid> BriefingWithTaskAsync(string title, string period, string heldOn, string task, string deadline)
    {
        var convened = await Admin.PostOkAsync("/api/meetings", new
        {
            kind = "Briefing", conveningUnitId = Bloc, title, period, heldOn, venue = "Vũng Tàu", chairs = new[] { new { name = "Nguyễn Đăng Khoa", title = "Bí thư" } },
        });
        var meeting = (await convened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Admin.PostOkAsync($"/api/meetings/{meeting}/tasks", new { version = 1, text = task, scope = "AllInvited", deadline });
        return meeting;
    }

    /// <summary>An inspection plan of the bloc over all its units in October 2024, issued by the admin over HTTP; its id.</summary>
    public async Task<Guid> IssuePlanAsync(string numberSymbol)
    {
        // A plan refuses an unknown head account.
        var user = $"h{Guid.NewGuid():N}"[..12];
        var created = await Admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName = "Trưởng đoàn kiểm tra", password = SignedInFactory.AdminPassword });
        var head = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var issued = await Admin.PostOkAsync("/api/inspections/plans", new
        {
            issuingUnitId = Bloc, numberSymbol, year = 2024, issuedOn = "2024-09-20", from = "2024-10-01", to = "2024-10-31",
            unitIds = Units, topics = new[] { new { title = "Công tác phát triển đoàn viên" } }, headAccountId = head, memberAccountIds = Array.Empty<Guid>(),
        });
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
