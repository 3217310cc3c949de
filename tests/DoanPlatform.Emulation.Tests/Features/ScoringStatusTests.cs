using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Emulation.Features;
using DoanPlatform.Testing;

namespace DoanPlatform.Emulation.Tests.Features;

/// <summary>What Emulation tells Inspections about a condition whose evidence an inspection rejected.</summary>
public sealed class ScoringStatusTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    [Fact]
    public async Task Only_a_condition_requiring_evidence_self_assessed_above_zero_and_still_counting_can_be_voided()
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await admin.EstablishAsync($"S{tag}", "Tỉnh Đoàn Vĩnh Long", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync($"S{tag}.K", "Đoàn Khối các cơ quan tỉnh", "Bloc", province, "2020-01-01");
        var unit = await admin.EstablishAsync($"S{tag}.K.1", "Đoàn Sở Tài chính", "Grassroots", bloc, "2020-01-01", sector: "Agencies");
        await factory.WaitForNonStaleAsync();
        var drafted = await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = bloc, year = 2023, content = TestScale.Content() });
        var scaleId = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/emulation/scales/{scaleId}/publish", new { version = 1 });
        var status = new ScoringStatus(factory.Store);
        Assert.False(await status.SelfAssessedWithRequiredEvidenceAsync(unit, 2023, "A2"));

        var url = $"/api/emulation/sheets/{unit}/2023";
        var entries = new object[]
        {
            new { conditionCode = "A1", value = 9m }, new { conditionCode = "A2", value = 1m, evidence = "Kế hoạch số 12-KH/ĐTN" }, new { conditionCode = "A3", value = 80m },
            new { conditionCode = "B2", value = 8m },
        };
        await admin.PostOkAsync($"{url}/self-assessment", new { version = 0, scaleId, entries });
        await admin.PostOkAsync($"{url}/submit", new { version = 1 });
        await admin.PostOkAsync($"{url}/assessment", new { version = 2, entries });

        Assert.True(await status.SelfAssessedWithRequiredEvidenceAsync(unit, 2023, "A2"));
        Assert.False(await status.SelfAssessedWithRequiredEvidenceAsync(unit, 2023, "A1"));
        Assert.False(await status.SelfAssessedWithRequiredEvidenceAsync(unit, 2023, "Z9"));
        Assert.False(await status.SelfAssessedWithRequiredEvidenceAsync(unit, 2024, "A2"));

        // Already voided (here by the upper level's adjustment): nothing left to void.
        await admin.PostOkAsync($"{url}/adjustments", new { version = 3, conditionCode = "A2", value = 0m, reason = "Không có kế hoạch", reference = "05-KL/ĐTN" });
        Assert.False(await status.SelfAssessedWithRequiredEvidenceAsync(unit, 2023, "A2"));
    }
}
