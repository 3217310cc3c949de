using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Emulation.Tests.Features;

/// <summary>Scales over HTTP: draft, publish (immutable), amend as a new version, .xlsx export and import.</summary>
public sealed class ScaleTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private async Task<(HttpClient Admin, Guid Bloc)> BuildAsync()
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await admin.EstablishAsync($"S{tag}", "Thành Đoàn Hồ Chí Minh", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync($"S{tag}.K", "Đoàn Khối Dân – Chính – Đảng", "Bloc", province, "2020-01-01");
        // A scale checks its issuer in the unit tree of its year, an async read model.
        await factory.WaitForNonStaleAsync();
        return (admin, bloc);
    }

    [Fact]
    public async Task A_published_scale_is_amended_as_a_new_version_with_effective_date_and_reason()
    {
        var (admin, bloc) = await BuildAsync();
        var drafted = await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = bloc, year = 2023, content = TestScale.Content() });
        var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PutAsJsonAsync($"/api/emulation/scales/{id}", new { version = 1, content = TestScale.Content() with { Name = "Thang điểm (dự thảo 2)" } });
        await admin.PostOkAsync($"/api/emulation/scales/{id}/publish", new { version = 2, effectiveDate = "2023-02-23" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await admin.PostAsJsonAsync($"/api/emulation/scales/{id}/publish", new { version = 3, effectiveDate = "2023-02-23" })).StatusCode);

        var noReason = await admin.PostAsJsonAsync($"/api/emulation/scales/{id}/amendments", new { version = 3, effectiveDate = "2023-07-01", content = TestScale.Content() });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var amended = await admin.PostOkAsync($"/api/emulation/scales/{id}/amendments", new
        {
            version = 3, effectiveDate = "2023-07-01", reason = "Bổ sung điểm thưởng theo Hướng dẫn 45-HD/ĐTN", content = TestScale.Content() with { BonusCap = 8 },
        });
        var newId = (await amended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/emulation/scales/{newId}/publish", new { version = 1 });

        var old = await admin.GetJsonAsync($"/api/emulation/scales/{id}");
        Assert.Equal(("Superseded", newId, "Thang điểm (dự thảo 2)"),
            (old.GetProperty("status").GetString(), old.GetProperty("supersededBy").GetGuid(), old.GetProperty("content").GetProperty("name").GetString()));
        var current = await admin.GetJsonAsync($"/api/emulation/scales/{newId}");
        Assert.Equal((2, "2023-07-01", "Published", 8m), (current.GetProperty("number").GetInt32(), current.GetProperty("effectiveDate").GetString(),
            current.GetProperty("status").GetString(), current.GetProperty("content").GetProperty("bonusCap").GetDecimal()));
        Assert.Equal("Bổ sung điểm thưởng theo Hướng dẫn 45-HD/ĐTN", current.GetProperty("amendmentReason").GetString());

        var list = (await admin.GetJsonAsync($"/api/emulation/scales?issuingUnitId={bloc}&year=2023")).EnumerateArray().ToList();
        Assert.Equal([(1, "Superseded"), (2, "Published")], list.Select(s => (s.GetProperty("number").GetInt32(), s.GetProperty("status").GetString()!)));
        var before = await SnapshotAsync();
        await factory.Store.Advanced.RebuildProjectionAsync(DoanPlatform.Emulation.ReadModels.ScaleListProjection.ProjectionName);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_unit_scored_under_a_scale_continues_under_its_published_amendment()
    {
        var (admin, bloc) = await BuildAsync();
        var unit = await admin.EstablishAsync($"A{Guid.NewGuid():N}"[..8], "Đoàn Sở Tư pháp", "Grassroots", bloc, "2020-01-01", sector: "Agencies");
        await factory.WaitForNonStaleAsync();
        var drafted = await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = bloc, year = 2023, content = TestScale.Content() });
        var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/emulation/scales/{id}/publish", new { version = 1 });
        var url = $"/api/emulation/sheets/{unit}/2023";
        await admin.PostOkAsync($"{url}/self-assessment", new
        {
            version = 0, scaleId = id, entries = new[] { new { conditionCode = "C1", value = 5m }, new { conditionCode = "C2", value = 4m } },
        });
        Assert.Equal(6m, (await admin.GetJsonAsync(url)).GetProperty("bonus").GetDecimal());

        var amended = await admin.PostOkAsync($"/api/emulation/scales/{id}/amendments", new
        {
            version = 2, effectiveDate = "2023-07-01", reason = "Nâng mức điểm thưởng tối đa", content = TestScale.Content() with { BonusCap = 8 },
        });
        var newId = (await amended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(6m, (await admin.GetJsonAsync(url)).GetProperty("bonus").GetDecimal());
        await admin.PostOkAsync($"/api/emulation/scales/{newId}/publish", new { version = 1 });
        var sheet = await admin.GetJsonAsync(url);
        Assert.Equal(8m, sheet.GetProperty("bonus").GetDecimal());
        await admin.PostOkAsync($"{url}/self-assessment", new { version = 1, scaleId = id, entries = new[] { new { conditionCode = "A1", value = 7m } } });
        Assert.Equal(newId, (await admin.GetJsonAsync(url)).GetProperty("scaleId").GetGuid());
    }

    [Fact]
    public async Task A_scale_exported_as_xlsx_imports_as_a_new_draft_and_an_unbalanced_one_is_refused()
    {
        var (admin, bloc) = await BuildAsync();
        var drafted = await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = bloc, year = 2024, content = TestScale.Content() });
        var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var xlsx = await admin.GetAsync(new Uri($"/api/emulation/scales/{id}.xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();

        using var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var imported = await admin.PostAsync(new Uri($"/api/emulation/scales/import?issuingUnitId={bloc}&year=2024", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var copy = await admin.GetJsonAsync($"/api/emulation/scales/{(await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}");
        var original = await admin.GetJsonAsync($"/api/emulation/scales/{id}");
        Assert.Equal(original.GetProperty("content").GetRawText(), copy.GetProperty("content").GetRawText());

        var unbalanced = DoanPlatform.Emulation.Excel.ScaleWorkbook.Export(TestScale.Content(organisationMax: 25) with { MaxPoints = 55 });
        using var bad = new ByteArrayContent(unbalanced);
        var refused = await admin.PostAsync(new Uri($"/api/emulation/scales/import?issuingUnitId={bloc}&year=2024", UriKind.Relative), bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Công tác xây dựng tổ chức Đoàn", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_entry_points_export_and_import_a_scale_and_export_rankings()
    {
        var (admin, bloc) = await BuildAsync();
        var drafted = await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = bloc, year = 2025, content = TestScale.Content() });
        var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var bytes = await EmulationModule.ExportScaleAsync(factory.Services, id);
        Assert.NotNull(bytes);
        Assert.Null(await EmulationModule.ExportScaleAsync(factory.Services, Guid.NewGuid()));
        var path = Path.Combine(Path.GetTempPath(), $"Thang điểm {Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, bytes!);
        var (copy, errors) = await EmulationModule.ImportScaleAsync(factory.Services, path, bloc, 2025);
        File.Delete(path);
        Assert.Empty(errors);
        Assert.Equal("Draft", (await admin.GetJsonAsync($"/api/emulation/scales/{copy}")).GetProperty("status").GetString());
        var ranking = await EmulationModule.ExportRankingAsync(factory.Services, bloc, 2025);
        Assert.Contains(DoanPlatform.Emulation.Excel.Workbook.Read(new MemoryStream(ranking)), s => s.Name == "Xếp hạng");
    }

    [Fact]
    public async Task Malformed_scales_and_entries_get_field_errors_never_a_500()
    {
        var (admin, bloc) = await BuildAsync();
        foreach (var json in new[]
        {
            $$$"""{"issuingUnitId":"{{{bloc}}}","year":2023,"content":{"name":"X","maxPoints":10,"sections":[{"code":"A"},null],"classes":[null]}}""",
            $$$"""{"issuingUnitId":"{{{bloc}}}","year":2023,"content":{"sections":[{"code":"A","maxPoints":10,"criteria":[{"items":[{"conditions":[{"kind":"Tiered","maxPoints":10,"tiers":[null]},null]}]}]}]}}""",
            $$$"""{"issuingUnitId":"{{{bloc}}}","year":2023,"content":{"sections":[{"criteria":[{"items":[{"conditions":[{"kind":"Sometimes"}]}]}]}]}}""",
            $$$"""{"issuingUnitId":"{{{bloc}}}","year":2023}""",
        })
        {
            using var body = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            var response = await admin.PostAsync(new Uri("/api/emulation/scales", UriKind.Relative), body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{json}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var drafted = await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = bloc, year = 2023, content = TestScale.Content() });
        var scaleId = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/emulation/scales/{scaleId}/publish", new { version = 1 });
        var unit = await admin.EstablishAsync($"M{Guid.NewGuid():N}"[..8], "Đoàn Sở Nội vụ", "Grassroots", bloc, "2020-01-01", sector: "Agencies");
        await factory.WaitForNonStaleAsync();
        foreach (var json in new[]
        {
            $$$"""{"version":0,"scaleId":"{{{scaleId}}}","entries":[null]}""",
            $$$"""{"version":0,"scaleId":"{{{scaleId}}}","entries":[{"value":1}]}""",
            $$$"""{"version":0,"scaleId":"{{{scaleId}}}"}""",
            $$$"""{"scaleId":"{{{scaleId}}}","entries":[{"conditionCode":"A1","value":1}]}""",
        })
        {
            using var body = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            var response = await admin.PostAsync(new Uri($"/api/emulation/sheets/{unit}/2023/self-assessment", UriKind.Relative), body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{json}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/api/emulation/sheets/{unit}/2023", UriKind.Relative))).StatusCode);
    }

    private async Task<string> SnapshotAsync()
    {
        await using var command = factory.Store.DataSource.CreateCommand(
            "select coalesce(string_agg(row_to_json(s)::text, E'\\n' order by s.scale_id), '') from doan_emulation.scales s");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
