using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Inspections.Tests;

/// <summary>A bloc union with its branches, a published 2024 scale and assessed sheets, built over HTTP.</summary>
internal sealed record World(HttpClient Admin, Guid Bloc, Guid[] Units, Guid ScaleId)
{
    public const string Password = "Mật-khẩu-thử-nghiệm";

    public static readonly object Scale = TestScales.Bloc2024;

    public static async Task<World> BuildAsync(SignedInFactory factory, string[] names)
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await admin.EstablishAsync($"I{tag}", "Tỉnh Đoàn Trà Vinh", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync($"I{tag}.K", "Đoàn Khối các cơ quan và doanh nghiệp tỉnh", "Bloc", province, "2020-01-01");
        var units = new Guid[names.Length];
        for (var i = 0; i < names.Length; i++)
            units[i] = await admin.EstablishAsync($"I{tag}.K.{i}", names[i], "Grassroots", bloc, "2020-01-01", sector: "Agencies");
        await factory.WaitForNonStaleAsync();
        var drafted = await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = bloc, year = 2024, content = Scale });
        var scaleId = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/emulation/scales/{scaleId}/publish", new { version = 1, effectiveDate = "2024-01-15" });
        return new World(admin, bloc, units, scaleId);
    }

    /// <summary>Waits twice: the subscription's appends are committed after the first catch-up, and projected by the second.</summary>
    public static async Task SettleAsync(PlatformFactory factory)
    {
        await factory.WaitForNonStaleAsync();
        await factory.WaitForNonStaleAsync();
    }

    public static async Task<long> VersionOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();

    public static async Task<Guid> IdOf(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    /// <summary>Self-assessed, submitted and assessed with the same values; returns the sheet's version.</summary>
    public async Task<long> AssessAsync(Guid unit, decimal a1, decimal a2, decimal a3)
    {
        var url = $"/api/emulation/sheets/{unit}/2024";
        var entries = new object[]
        {
            new { conditionCode = "A1", value = a1 }, new { conditionCode = "A2", value = a2, evidence = "Ảnh chụp màn hình App" },
            new { conditionCode = "A3", value = a3 },
        };
        var version = await VersionOf(await Admin.PostOkAsync($"{url}/self-assessment", new { version = 0, scaleId = ScaleId, entries }));
        version = await VersionOf(await Admin.PostOkAsync($"{url}/submit", new { version }));
        return await VersionOf(await Admin.PostOkAsync($"{url}/assessment", new { version, entries }));
    }

    public async Task<long> SheetVersionAsync(Guid unit) => (await Admin.GetJsonAsync($"/api/emulation/sheets/{unit}/2024")).GetProperty("version").GetInt64();

    public async Task<(Guid Id, Guid AccountId, HttpClient Client)> AccountAsync(SignedInFactory factory, string role, Guid unitId)
    {
        var user = $"u{Guid.NewGuid():N}"[..12];
        var created = await Admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName = "Cán bộ " + role, password = Password });
        var account = await IdOf(created);
        await Admin.PostOkAsync($"/api/organisation/accounts/{account}/grants", new { role, unitId });
        return (account, account, await factory.SignInAsync(user, Password));
    }

    /// <summary>An account to head a plan whose team the test does not use (a plan refuses an unknown account).</summary>
    public async Task<Guid> HeadAccountAsync()
    {
        var user = $"h{Guid.NewGuid():N}"[..12];
        return await IdOf(await Admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName = "Trưởng đoàn kiểm tra", password = Password }));
    }

    public async Task<Guid> PlanAsync(string numberSymbol, string from, string to, Guid head, Guid[] members, Guid[]? units = null, object[]? topics = null)
    {
        var issued = await Admin.PostOkAsync("/api/inspections/plans", new
        {
            issuingUnitId = Bloc, numberSymbol, year = 2024, issuedOn = from, from, to, unitIds = units ?? Units,
            topics = topics ?? new object[]
            {
                new { conditionCode = "A2", title = "Học tập 02 chuyên đề, Nghị quyết Đại hội Đoàn XII trên App Thanh niên Việt Nam" },
                new { conditionCode = (string?)null, title = "Thực hiện các cuộc thi do Đoàn cấp trên chỉ đạo" },
            },
            headAccountId = head, memberAccountIds = members,
        });
        return await IdOf(issued);
    }
}
