using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Reporting.Tests;

/// <summary>
/// One unit's 2024 across the four modules, built over HTTP by four different people: a merge under decision 845-QĐ/TĐTN, a
/// briefing with an excused absence and its correction, a self-assessment and an assessment that lowers a score, and an
/// inspection adjustment that the Emulation subscription applies.
/// </summary>
internal sealed record ReplayWorld(string Tag, HttpClient Admin, HttpClient Staff, Guid Bloc, Guid OtherBloc, Guid Unit, Guid Merged, Guid Meeting)
{
    public const string Password = "Mật-khẩu-thử-nghiệm";
    public const string Meeting2024 = "“Hội nghị giao ban tháng 3/2024” (Tháng 3/2024, ngày 15/03/2024)";

    public string UnitCode => $"R{Tag}.K.1";
    public string MergedCode => $"R{Tag}.K.2";

    public static async Task<ReplayWorld> BuildAsync(VietnamFactory factory)
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await admin.EstablishAsync($"R{tag}", "Tỉnh Đoàn Bắc Giang", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync($"R{tag}.K", "Đoàn Khối các cơ quan tỉnh", "Bloc", province, "2020-01-01");
        var other = await admin.EstablishAsync($"R{tag}.X", "Đoàn Khối doanh nghiệp tỉnh", "Bloc", province, "2020-01-01");
        var unit = await admin.EstablishAsync($"R{tag}.K.1", "Chi đoàn Sở Tài chính", "Grassroots", bloc, "2020-01-01", sector: "Agencies");
        var merged = await admin.EstablishAsync($"R{tag}.K.2", "Chi đoàn Kho bạc Nhà nước tỉnh", "Grassroots", bloc, "2020-01-01", sector: "Agencies");
        await factory.WaitForNonStaleAsync();
        await admin.PostOkAsync($"/api/organisation/units/{unit}/absorb", new
        {
            unitIds = new[] { merged }, effectiveDate = "2024-03-01", decision = Api.DecisionOf("845-QĐ/TĐTN", "2024-02-20"), reason = "Sắp xếp tổ chức bộ máy",
        });

        var (staffId, staff) = await AccountAsync(factory, admin, $"vp{tag}", "Trần Văn Phòng", "OfficeStaff", bloc);
        var (_, secretary) = await AccountAsync(factory, admin, $"bt{tag}", "Nguyễn Thị Thu", "UnitSecretary", unit);

        var convened = await staff.PostOkAsync("/api/meetings", new
        {
            kind = "Briefing", conveningUnitId = bloc, title = "Hội nghị giao ban tháng 3/2024", period = "Tháng 3/2024", heldOn = "2024-03-15",
            venue = "Hội trường Tỉnh đoàn", chairs = new[] { new { name = "Lê Văn Hùng", title = "Bí thư Đoàn Khối" } }, invitedUnits = new[] { unit },
        });
        var meeting = await IdOf(convened);
        var version = await VersionOf(await staff.PostOkAsync($"/api/meetings/{meeting}/attendance", new
        {
            version = 1, entries = new[] { new { unitId = unit, status = "ExcusedAbsence", reason = "Trùng lịch tiếp đoàn công tác của Tỉnh đoàn" } },
        }));
        await staff.PostOkAsync($"/api/meetings/{meeting}/attendance", new
        {
            version, entries = new[] { new { unitId = unit, status = "Present", reason = "Bí thư đến dự muộn, điểm danh bổ sung" } },
        });

        var scale = await IdOf(await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = bloc, year = 2024, content = TestScales.Bloc2024 }));
        await admin.PostOkAsync($"/api/emulation/scales/{scale}/publish", new { version = 1, effectiveDate = "2024-01-15" });
        var sheet = $"/api/emulation/sheets/{unit}/2024";
        version = await VersionOf(await secretary.PostOkAsync($"{sheet}/self-assessment", new
        {
            version = 0, scaleId = scale,
            entries = new object[]
            {
                new { conditionCode = "A1", value = 40m }, new { conditionCode = "A2", value = 1m, evidence = "Ảnh chụp màn hình App" },
                new { conditionCode = "A3", value = 35m },
            },
        }));
        version = await VersionOf(await secretary.PostOkAsync($"{sheet}/submit", new { version }));
        await staff.PostOkAsync($"{sheet}/assessment", new
        {
            version,
            entries = new object[]
            {
                new { conditionCode = "A1", value = 35m, comment = "Chưa tổ chức học tập cho toàn bộ đoàn viên" }, new { conditionCode = "A2", value = 1m },
                new { conditionCode = "A3", value = 35m },
            },
        });

        var plan = await IdOf(await admin.PostOkAsync("/api/inspections/plans", new
        {
            issuingUnitId = bloc, numberSymbol = "15-KH/ĐTN", year = 2024, issuedOn = "2024-10-01", from = "2024-10-01", to = "2024-10-31", unitIds = new[] { unit },
            topics = new[] { new { conditionCode = "A2", title = "Học tập 02 chuyên đề trên App Thanh niên Việt Nam" } },
            headAccountId = staffId, memberAccountIds = Array.Empty<Guid>(),
        }));
        version = await VersionOf(await admin.PostOkAsync($"/api/inspections/plans/{plan}/adjustments",
            new { version = 1, unitId = unit, conditionCode = "A2", value = 0m, reason = "Không có minh chứng học tập trên App" }));
        var adjustment = (await admin.GetJsonAsync($"/api/inspections/plans/{plan}")).GetProperty("adjustments")[0].GetProperty("adjustmentId").GetGuid();
        await admin.PostOkAsync($"/api/inspections/plans/{plan}/adjustments/{adjustment}/approve", new { version });

        // The subscription's appends are committed by the first catch-up and projected by the second.
        await factory.WaitForNonStaleAsync();
        await factory.WaitForNonStaleAsync();
        return new ReplayWorld(tag, admin, staff, bloc, other, unit, merged, meeting);
    }

    /// <summary>A new account with one role; returns its id and a signed-in client.</summary>
    public static async Task<(Guid Id, HttpClient Client)> AccountAsync(SignedInFactory factory, HttpClient admin, string user, string name, string role, Guid unitId)
    {
        var id = await IdOf(await admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName = name, password = Password }));
        await admin.PostOkAsync($"/api/organisation/accounts/{id}/grants", new { role, unitId });
        return (id, await factory.SignInAsync(user, Password));
    }

    public static async Task<long> VersionOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();

    public static async Task<Guid> IdOf(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}
