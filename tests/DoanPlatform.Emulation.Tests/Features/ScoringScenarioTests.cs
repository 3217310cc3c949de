using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Emulation.ReadModels;
using DoanPlatform.Testing;

namespace DoanPlatform.Emulation.Tests.Features;

/// <summary>A bloc union's emulation year over HTTP: scale, self-assessment, assessment, lock, publish, explain.</summary>
public sealed class ScoringScenarioTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private const string Password = "Mật-khẩu-thử-nghiệm";

    private sealed record Bloc(HttpClient Admin, Guid Id, Guid[] Units);

    private async Task<Bloc> BuildAsync()
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await admin.EstablishAsync($"E{tag}", "Tỉnh Đoàn Bà Rịa – Vũng Tàu", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync($"E{tag}.DK", "Đoàn Khối Dân – Chính – Đảng", "Bloc", province, "2020-01-01");
        var units = new[]
        {
            await admin.EstablishAsync($"E{tag}.DK.1", "Đoàn Sở Tài chính", "Grassroots", bloc, "2020-01-01", sector: "Agencies"),
            await admin.EstablishAsync($"E{tag}.DK.2", "Đoàn Sở Ngoại vụ", "Grassroots", bloc, "2020-01-01", sector: "Agencies"),
            await admin.EstablishAsync($"E{tag}.DK.3", "Đoàn Ban Chỉ huy Quân sự", "Grassroots", bloc, "2020-01-01", sector: "ArmedForces"),
        };
        await factory.WaitForNonStaleAsync();
        return new Bloc(admin, bloc, units);
    }

    private async Task<HttpClient> AccountAsync(HttpClient admin, string role, Guid unitId)
    {
        var user = $"u{Guid.NewGuid():N}"[..12];
        var created = await admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName = "Cán bộ " + role, password = Password });
        var account = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/organisation/accounts/{account}/grants", new { role, unitId });
        return await factory.SignInAsync(user, Password);
    }

    private static async Task<Guid> PublishedScaleAsync(HttpClient admin, Guid issuing)
    {
        var drafted = await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = issuing, year = 2023, content = TestScale.Content() });
        var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/emulation/scales/{id}/publish", new { version = 1, effectiveDate = "2023-02-23" });
        return id;
    }

    private static async Task<(Guid Id, long Version)> BriefingAsync(Bloc bloc, string heldOn, params object[] entries)
    {
        var convened = await bloc.Admin.PostOkAsync("/api/meetings", new
        {
            kind = "Briefing", conveningUnitId = bloc.Id, title = "Hội nghị giao ban công tác Đoàn", period = "Quý I/2023", heldOn,
            venue = "Vũng Tàu", chairs = new[] { new { name = "Nguyễn Đăng Khoa", title = "Bí thư Đoàn Khối" } },
        });
        var id = (await convened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var recorded = await bloc.Admin.PostOkAsync($"/api/meetings/{id}/attendance", new { version = 1, entries });
        return (id, (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());
    }

    private static object Entry(Guid unit, string status, string? reason = null) => new { unitId = unit, status, reason };

    private static async Task<long> VersionOf(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();

    [Fact]
    public async Task A_scale_with_every_kind_scores_as_the_hand_calculation_and_the_computed_attendance_stops_changing_at_lock()
    {
        var bloc = await BuildAsync();
        var unit = bloc.Units[0];

        var unbalanced = await bloc.Admin.PostAsJsonAsync("/api/emulation/scales",
            new { issuingUnitId = bloc.Id, year = 2023, content = TestScale.Content(organisationMax: 25) with { MaxPoints = 55 } });
        Assert.Equal(HttpStatusCode.BadRequest, unbalanced.StatusCode);
        var problem = await unbalanced.Content.ReadAsStringAsync();
        Assert.Contains("sections[1].maxPoints", problem, StringComparison.Ordinal);
        Assert.Contains("Công tác xây dựng tổ chức Đoàn", problem, StringComparison.Ordinal);
        var scaleId = await PublishedScaleAsync(bloc.Admin, bloc.Id);
        var immutable = await bloc.Admin.PutAsJsonAsync($"/api/emulation/scales/{scaleId}", new { version = 2, content = TestScale.Content() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, immutable.StatusCode);

        var first = await BriefingAsync(bloc, "2023-03-31", Entry(unit, "Present"), Entry(bloc.Units[1], "Present"));
        var second = await BriefingAsync(bloc, "2023-06-30", Entry(unit, "ExcusedAbsence", "Đi công tác"), Entry(bloc.Units[1], "Present"));

        var secretary = await AccountAsync(bloc.Admin, "UnitSecretary", unit);
        var office = await AccountAsync(bloc.Admin, "OfficeStaff", bloc.Id);
        var office2 = await AccountAsync(bloc.Admin, "OfficeStaff", bloc.Id);
        var url = $"/api/emulation/sheets/{unit}/2023";

        var aboveMax = await secretary.PostAsJsonAsync($"{url}/self-assessment", new { version = 0, scaleId, entries = new[] { new { conditionCode = "A1", value = 12m } } });
        Assert.Equal(HttpStatusCode.BadRequest, aboveMax.StatusCode);
        Assert.Contains("entries[0].value", await aboveMax.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var otherUnit = await secretary.PostAsJsonAsync($"/api/emulation/sheets/{bloc.Units[1]}/2023/self-assessment",
            new { version = 0, scaleId, entries = new[] { new { conditionCode = "A1", value = 5m } } });
        Assert.Equal(HttpStatusCode.Forbidden, otherUnit.StatusCode);

        var self = await secretary.PostOkAsync($"{url}/self-assessment", new
        {
            version = 0, scaleId,
            entries = new object[]
            {
                new { conditionCode = "A1", value = 8m }, new { conditionCode = "A2", value = 1m, evidence = "12-KH/ĐTN ngày 10/01/2023" },
                new { conditionCode = "A3", value = 80m }, new { conditionCode = "B2", value = 9m }, new { conditionCode = "B4", value = 1m },
                new { conditionCode = "C1", value = 4m }, new { conditionCode = "C2", value = 3m },
            },
        });
        var version = await VersionOf(self);
        version = await VersionOf(await secretary.PostOkAsync($"{url}/submit", new { version }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await secretary.PostAsJsonAsync($"{url}/self-assessment",
            new { version, entries = new[] { new { conditionCode = "A1", value = 10m } } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostAsJsonAsync($"{url}/assessment",
            new { version, entries = new[] { new { conditionCode = "A1", value = 10m } } })).StatusCode);

        // Two office staff assess at once: one wins, the other gets 409 and nothing is lost.
        var both = await Task.WhenAll(
            office.PostAsJsonAsync($"{url}/assessment", new { version, entries = new[] { new { conditionCode = "A1", value = 8m, comment = (string?)null } } }),
            office2.PostAsJsonAsync($"{url}/assessment", new { version, entries = new[] { new { conditionCode = "A1", value = 8m, comment = (string?)null } } }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order());
        version++;

        // One absence (excused): B1 = 8. Hand calculation: A 8 + 5 + 12 = 25; B 8 + 9 = 17; bonus 7 capped at 6; penalty 2 → 46.
        await factory.WaitForNonStaleAsync();
        var sheet = await office.GetJsonAsync(url);
        Assert.Equal((46m, 6m, 2m), (sheet.GetProperty("total").GetDecimal(), sheet.GetProperty("bonus").GetDecimal(), sheet.GetProperty("penalty").GetDecimal()));
        Assert.False(sheet.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "B3").GetProperty("applicable").GetBoolean());

        // A late correction of the second briefing (present after all) lifts B1 to 10 before lock.
        await bloc.Admin.PostOkAsync($"/api/meetings/{second.Id}/attendance",
            new { version = second.Version, entries = new[] { Entry(unit, "Present", "Đính chính: đơn vị có dự, ký sổ muộn") } });
        await factory.WaitForNonStaleAsync();
        Assert.Equal(48m, (await office.GetJsonAsync(url)).GetProperty("total").GetDecimal());

        version = await VersionOf(await office.PostOkAsync($"{url}/lock", new { version }));
        await bloc.Admin.PostOkAsync($"/api/meetings/{first.Id}/attendance",
            new { version = first.Version, entries = new[] { Entry(unit, "UnexcusedAbsence", "Đính chính sau khi chốt") } });
        await factory.WaitForNonStaleAsync();
        var locked = await office.GetJsonAsync(url);
        Assert.Equal((48m, "Locked", "Hoàn thành xuất sắc nhiệm vụ"),
            (locked.GetProperty("total").GetDecimal(), locked.GetProperty("status").GetString(), locked.GetProperty("classification").GetString()));

        version = await VersionOf(await office.PostOkAsync($"{url}/publish", new { version }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await office.PostAsJsonAsync($"{url}/assessment",
            new { version, entries = new[] { new { conditionCode = "A1", value = 10m, comment = "sửa" } } })).StatusCode);
        var noDecision = await office.PostAsJsonAsync($"{url}/reopen", new { version, reason = "Khiếu nại" });
        Assert.Equal(HttpStatusCode.BadRequest, noDecision.StatusCode);

        await factory.WaitForNonStaleAsync();
        var explain = await office.GetJsonAsync($"{url}/explain/A1");
        Assert.Equal(["Self", "Assessed", "Final"], explain.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
        Assert.All(explain.GetProperty("steps").EnumerateArray(), s => Assert.False(string.IsNullOrEmpty(s.GetProperty("actor").GetString())));

        // The exported scoring sheet reads back with our figures, its totals real formulas.
        var xlsx = await office.GetAsync(new Uri($"{url}.xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.StartsWith("Bảng điểm thi đua 2023 - Đoàn Sở Tài chính", xlsx.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        var (sheetName, cells) = Assert.Single(DoanPlatform.Emulation.Excel.Workbook.Read(await xlsx.Content.ReadAsStreamAsync()));
        Assert.Equal("Bảng điểm", sheetName);
        Assert.Equal("Tự chấm", cells["E2"].Value);
        var totalRow = cells.Single(c => c.Value.Value == "TỔNG ĐIỂM").Key[1..];
        var total = cells[$"I{totalRow}"];
        Assert.Equal("48", total.Value);
        Assert.NotNull(total.Formula);
        var parts = total.Formula!.Split('+');
        Assert.Equal(48m, parts.Sum(p => decimal.Parse(cells[p].Value!, System.Globalization.CultureInfo.InvariantCulture)));
        var bonusRow = cells.Single(c => c.Value.Value == "Cộng điểm thưởng").Key[1..];
        Assert.Equal(("6", true), (cells[$"I{bonusRow}"].Value, cells[$"I{bonusRow}"].Formula!.StartsWith("MIN(SUM(", StringComparison.Ordinal)));

        // Re-opening a published result takes a decision, which the auditor sees.
        version = await VersionOf(await office.PostOkAsync($"{url}/reopen",
            new { version, reason = "Chấp nhận khiếu nại của đơn vị", decision = new { numberSymbol = "15-QĐ/ĐTN", date = "2024-01-05", signer = "Nguyễn Đăng Khoa" } }));
        Assert.Equal("Assessed", (await office.GetJsonAsync(url)).GetProperty("status").GetString());
        await factory.WaitForNonStaleAsync();
        var reopened = (await office.GetJsonAsync($"{url}/explain/A1")).GetProperty("steps").EnumerateArray().Last();
        Assert.Equal(("Reopened", "15-QĐ/ĐTN"), (reopened.GetProperty("step").GetString(), reopened.GetProperty("decision").GetString()));

        var before = await SnapshotAsync();
        await factory.Store.Advanced.RebuildProjectionAsync(MeetingFactsProjection.ProjectionName);
        await factory.Store.Advanced.RebuildProjectionAsync(ScoreStepsProjection.ProjectionName);
        await factory.Store.Advanced.RebuildProjectionAsync(UnitResultsProjection.ProjectionName);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_returned_self_assessment_is_corrected_and_resubmitted()
    {
        var bloc = await BuildAsync();
        var scaleId = await PublishedScaleAsync(bloc.Admin, bloc.Id);
        var unit = bloc.Units[2];
        var url = $"/api/emulation/sheets/{unit}/2023";
        var entries = new object[]
        {
            new { conditionCode = "A1", value = 10m }, new { conditionCode = "A2", value = 1m, evidence = "05-KH/ĐTN" },
            new { conditionCode = "A3", value = 100m }, new { conditionCode = "B3", value = 10m },
        };
        var version = await VersionOf(await bloc.Admin.PostOkAsync($"{url}/self-assessment", new { version = 0, scaleId, entries }));
        version = await VersionOf(await bloc.Admin.PostOkAsync($"{url}/submit", new { version }));
        var noReason = await bloc.Admin.PostAsJsonAsync($"{url}/return", new { version });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        version = await VersionOf(await bloc.Admin.PostOkAsync($"{url}/return", new { version, reason = "Thiếu minh chứng tiêu chí A3" }));
        Assert.Equal("Returned", (await bloc.Admin.GetJsonAsync(url)).GetProperty("status").GetString());
        version = await VersionOf(await bloc.Admin.PostOkAsync($"{url}/self-assessment",
            new { version, entries = new[] { new { conditionCode = "A3", value = 90m, evidence = "Báo cáo 20-BC/ĐTN" } } }));
        version = await VersionOf(await bloc.Admin.PostOkAsync($"{url}/submit", new { version }));
        var stale = await bloc.Admin.PostAsJsonAsync($"{url}/submit", new { version = version - 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var sheet = await bloc.Admin.GetJsonAsync(url);
        Assert.Equal(("Submitted", 10m + 5 + 13.5m + 10 + 10), (sheet.GetProperty("status").GetString(), sheet.GetProperty("total").GetDecimal()));

        // Assessment, then an inspection's adjustment; the auditor sees every step with its reason.
        version = await VersionOf(await bloc.Admin.PostOkAsync($"{url}/assessment",
            new { version, entries = new[] { new { conditionCode = "A3", value = 85m, comment = "Số liệu đối chiếu chỉ đạt 85%" } } }));
        var unexplained = await bloc.Admin.PostAsJsonAsync($"{url}/adjustments", new { version, conditionCode = "A3", value = 95m });
        Assert.Equal(HttpStatusCode.BadRequest, unexplained.StatusCode);
        await bloc.Admin.PostOkAsync($"{url}/adjustments",
            new { version, conditionCode = "A3", value = 95m, reason = "Theo kết luận kiểm tra", reference = "03-KL/ĐTN" });
        await factory.WaitForNonStaleAsync();
        var steps = (await bloc.Admin.GetJsonAsync($"{url}/explain/A3")).GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["Self", "Returned", "Self", "Assessed", "Adjusted"], steps.Select(s => s.GetProperty("step").GetString()));
        Assert.Equal([100m, 90m, 85m, 95m], steps.Where(s => s.GetProperty("value").ValueKind == JsonValueKind.Number).Select(s => s.GetProperty("value").GetDecimal()));
        Assert.Equal(("Theo kết luận kiểm tra", "03-KL/ĐTN"), (steps[4].GetProperty("reason").GetString(), steps[4].GetProperty("decision").GetString()));
        Assert.Equal("Thiếu minh chứng tiêu chí A3", steps[1].GetProperty("reason").GetString());
        var line = (await bloc.Admin.GetJsonAsync(url)).GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "A3");
        Assert.Equal((95m, 14.25m), (line.GetProperty("value").GetDecimal(), line.GetProperty("points").GetDecimal()));
    }

    private async Task<string> SnapshotAsync()
    {
        await using var command = factory.Store.DataSource.CreateCommand(
            "select coalesce(string_agg(row_to_json(a)::text, E'\\n' order by a.meeting_id, a.unit_id), '') from doan_emulation.briefing_attendance a " +
            "union all select coalesce(string_agg(row_to_json(t)::text, E'\\n' order by t.task_id, t.unit_id), '') from doan_emulation.unit_tasks t " +
            "union all select coalesce(string_agg(row_to_json(s)::text, E'\\n' order by s.seq, s.condition_code), '') from doan_emulation.score_steps s " +
            "union all select coalesce(string_agg(row_to_json(r)::text, E'\\n' order by r.sheet_id), '') from doan_emulation.unit_results r");
        await using var reader = await command.ExecuteReaderAsync();
        var parts = new List<string>();
        while (await reader.ReadAsync())
            parts.Add(reader.GetString(0));
        return string.Join("\n--\n", parts);
    }
}
