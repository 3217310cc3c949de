using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;
using Npgsql;

namespace DoanPlatform.Host.Tests.Cli;

/// <summary>
/// <c>audit verify</c> against the database of a running platform (its daemon on) after a year of a bloc union's work through HTTP:
/// units, officials, a cluster, a briefing with attendance and a task, scoring, an inspection whose adjustment Emulation applies.
/// </summary>
[Collection(nameof(ConsoleCapture))]
public sealed class AuditCommandTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private static readonly string[] Names = ["Chi đoàn Sở Tài chính", "Chi đoàn Sở Y tế", "Chi đoàn Thanh tra tỉnh"];

    [Fact]
    public async Task Audit_verify_is_clean_after_a_year_of_work_and_names_the_table_and_row_changed_behind_a_read_models_back()
    {
        var (unitA, absent, unitB) = await BuildYearAsync();
        var connection = factory.ConnectionString;

        var (code, output, error) = await ConsoleCapture.RunAsync(["audit", "verify", "--connection-string", connection]);

        Assert.True(code == 0, output + error);
        var names = factory.Store.Advanced.ProjectionNames;
        Assert.Contains("inspections.adjustments", names);
        foreach (var name in names)
            Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(name)}: [0-9 ]+ rows?, identical$", output);
        Assert.Contains($"audit verify: {names.Count} read model(s) checked, all identical to a rebuild from the events.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ApplyInspectionAdjustments", output, StringComparison.Ordinal);
        Assert.True(await ScalarAsync("select count(*) from doan_emulation.score_steps where step = 'Adjusted'") > 0, "the inspection's adjustment was not applied");

        // Someone "corrects" an absence in the database by hand.
        Assert.Equal(1, await ScalarAsync($"update doan_meetings.invitations set status = 'Present', reason = null where unit_id = '{absent}'"));
        (code, output, _) = await ConsoleCapture.RunAsync(["audit", "verify", "--connection-string", connection]);

        Assert.Equal(1, code);
        Assert.Contains("meetings.attendance: ", output, StringComparison.Ordinal);
        Assert.Contains("  doan_meetings.invitations: live 3 rows, rebuilt 3 rows; 1 only in live, 1 only in rebuilt", output, StringComparison.Ordinal);
        var lines = output.Split('\n');
        var live = Assert.Single(lines, l => l.Contains("only in live:", StringComparison.Ordinal));
        var rebuilt = Assert.Single(lines, l => l.Contains("only in rebuilt:", StringComparison.Ordinal));
        Assert.Contains($"\"unit_id\": \"{absent}\"", live, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"Present\"", live, StringComparison.Ordinal);
        Assert.Contains($"\"unit_id\": \"{absent}\"", rebuilt, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"UnexcusedAbsence\"", rebuilt, StringComparison.Ordinal);
        Assert.Contains("\"reason\": \"Không báo cáo lý do\"", rebuilt, StringComparison.Ordinal);
        Assert.Contains("emulation.unit_results: ", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^emulation\.unit_results: [0-9 ]+ rows, identical$", output);
        Assert.Contains("differ: meetings.attendance.", output, StringComparison.Ordinal);

        // A result deleted: only the one read model asked for is verified.
        Assert.Equal(1, await ScalarAsync($"delete from doan_emulation.unit_results where unit_id = '{unitB}'"));
        (code, output, _) = await ConsoleCapture.RunAsync(["audit", "verify", "emulation.unit_results", "--connection-string", connection]);

        Assert.Equal(1, code);
        Assert.StartsWith("emulation.unit_results: 2 rows, 1 differing", output, StringComparison.Ordinal);
        Assert.Contains("  doan_emulation.unit_results: live 2 rows, rebuilt 3 rows; 0 only in live, 1 only in rebuilt", output, StringComparison.Ordinal);
        var missing = Assert.Single(output.Split('\n'), l => l.Contains("only in rebuilt:", StringComparison.Ordinal));
        Assert.Contains($"\"unit_id\": \"{unitB}\"", missing, StringComparison.Ordinal);
        Assert.DoesNotContain("meetings.attendance", output, StringComparison.Ordinal);
        Assert.Contains("audit verify: 1 read model(s) checked, 1 differ: emulation.unit_results.", output, StringComparison.Ordinal);

        // Nothing is left behind, and the platform's daemon goes on.
        Assert.Equal(0, await ScalarAsync("select count(*) from pg_namespace where nspname like 'doan_verify_%'"));
        var admin = await factory.SignInAsync();
        await admin.PostOkAsync($"/api/organisation/units/{unitA}/officials",
            new { personName = "Lê Văn Tám", position = "DeputySecretary", term = "2022–2027", effectiveDate = "2024-11-01", decision = Api.Founding });
        await factory.WaitForNonStaleAsync();
        Assert.Equal(2, await ScalarAsync($"select count(*) from organisation.officials where unit_id = '{unitA}'"));
    }

    [Fact]
    public async Task Audit_verify_of_an_unknown_read_model_exits_2_naming_the_known_ones()
    {
        var (code, output, error) = await ConsoleCapture.RunAsync(["audit", "verify", "meetings.nothing", "--connection-string", factory.ConnectionString]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("Không có bảng tổng hợp tên 'meetings.nothing'. Các tên hợp lệ: ", error, StringComparison.Ordinal);
        Assert.Contains("meetings.attendance", error, StringComparison.Ordinal);
        Assert.Contains("emulation.unit_results", error, StringComparison.Ordinal);
    }

    /// <summary>Returns the first unit, the one absent without a reason from the briefing, and the third.</summary>
    private async Task<(Guid UnitA, Guid Absent, Guid UnitB)> BuildYearAsync()
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await admin.EstablishAsync($"A{tag}", "Tỉnh Đoàn Trà Vinh", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync($"A{tag}.K", "Đoàn Khối các cơ quan tỉnh", "Bloc", province, "2020-01-01");
        var units = new Guid[Names.Length];
        for (var i = 0; i < Names.Length; i++)
            units[i] = await admin.EstablishAsync($"A{tag}.K.{i}", Names[i], "Grassroots", bloc, "2020-01-01", sector: "Agencies");
        await admin.PostOkAsync($"/api/organisation/units/{units[2]}/rename",
            new { name = "Chi đoàn Thanh tra tỉnh Trà Vinh", effectiveDate = "2024-02-01", decision = Api.DecisionOf("05-QĐ/ĐTN", "2024-01-25") });
        await admin.PostOkAsync($"/api/organisation/units/{units[0]}/officials",
            new { personName = "Võ Thị Thư", position = "Secretary", term = "2022–2027", effectiveDate = "2022-10-01", decision = Api.Founding });
        var cluster = await IdOf(await admin.PostOkAsync("/api/organisation/clusters", new
        {
            issuingUnitId = bloc, year = 2024, name = "Khối các sở, ngành", effectiveDate = "2024-01-15", decision = Api.DecisionOf("01-QĐ/ĐTN", "2024-01-15"),
        }));
        foreach (var unit in units)
            await admin.PostOkAsync($"/api/organisation/clusters/{cluster}/members",
                new { unitId = unit, effectiveDate = "2024-01-15", decision = Api.DecisionOf("01-QĐ/ĐTN", "2024-01-15") });
        await factory.WaitForNonStaleAsync();

        // A briefing: one unit absent without a reason, a task for all, done by one.
        var meeting = await IdOf(await admin.PostOkAsync("/api/meetings", new
        {
            kind = "Briefing", conveningUnitId = bloc, title = "Hội nghị giao ban công tác Đoàn quý I, năm 2024", period = "Quý I/2024",
            heldOn = "2024-03-29", venue = "Trà Vinh", chairs = new[] { new { name = "Nguyễn Trọng Nhân", title = "Bí thư Đoàn Khối" } },
        }));
        var meetingVersion = await VersionOf(await admin.PostOkAsync($"/api/meetings/{meeting}/attendance", new
        {
            version = 1,
            entries = new object[]
            {
                new { unitId = units[0], status = "Present" }, new { unitId = units[1], status = "UnexcusedAbsence", reason = "Không báo cáo lý do" },
                new { unitId = units[2], status = "Present" },
            },
        }));
        var task = await IdOf(await admin.PostOkAsync($"/api/meetings/{meeting}/tasks", new
        {
            version = meetingVersion, text = "Đảm bảo 100% đoàn viên tải App Thanh niên Việt Nam", scope = "AllInvited", deadline = "2024-04-30",
        }));
        await admin.PostOkAsync($"/api/meetings/tasks/{task}/reports", new { unitId = units[0], note = "100% đoàn viên đã tải App", completed = true, on = "2024-04-20" });

        // Scoring: a published scale, every sheet assessed and locked, one published.
        var scale = await IdOf(await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = bloc, year = 2024, content = Scale }));
        await admin.PostOkAsync($"/api/emulation/scales/{scale}/publish", new { version = 1, effectiveDate = "2024-01-15" });
        var versions = new long[units.Length];
        for (var i = 0; i < units.Length; i++)
        {
            var url = $"/api/emulation/sheets/{units[i]}/2024";
            var entries = new object[]
            {
                new { conditionCode = "A1", value = 40m - 5 * i }, new { conditionCode = "A2", value = 1m, evidence = "Ảnh chụp màn hình App" },
                new { conditionCode = "A3", value = 30m },
            };
            var version = await VersionOf(await admin.PostOkAsync($"{url}/self-assessment", new { version = 0, scaleId = scale, entries }));
            version = await VersionOf(await admin.PostOkAsync($"{url}/submit", new { version }));
            version = await VersionOf(await admin.PostOkAsync($"{url}/assessment", new { version, entries }));
            versions[i] = await VersionOf(await admin.PostOkAsync($"{url}/lock", new { version }));
        }
        await admin.PostOkAsync($"/api/emulation/sheets/{units[2]}/2024/publish", new { version = versions[2] });

        // An inspection: the first unit's A2 evidence refused, its score adjusted through Emulation's subscription, then locked again.
        var inspector = await IdOf(await admin.PostOkAsync("/api/organisation/accounts",
            new { userName = $"kt{tag}", displayName = "Cán bộ kiểm tra", password = "Mật-khẩu-thử-nghiệm" }));
        await admin.PostOkAsync($"/api/organisation/accounts/{inspector}/grants", new { role = "Inspector", unitId = bloc });
        var plan = await IdOf(await admin.PostOkAsync("/api/inspections/plans", new
        {
            issuingUnitId = bloc, numberSymbol = "12-KH/ĐTN", year = 2024, issuedOn = "2024-10-01", from = "2024-10-01", to = "2024-10-31", unitIds = units,
            topics = new object[] { new { conditionCode = "A2", title = "Học tập 02 chuyên đề trên App Thanh niên Việt Nam" } },
            headAccountId = inspector, memberAccountIds = Array.Empty<Guid>(),
        }));
        var planVersion = await VersionOf(await admin.PostOkAsync($"/api/inspections/plans/{plan}/inspections", new
        {
            version = 1, heldOn = "2024-10-16", place = "Hội trường Đoàn Khối",
            units = units.Select((u, i) => new
            {
                unitId = u,
                reviews = new[]
                {
                    new
                    {
                        topic = "A2", verdict = i == 0 ? "Rejected" : "Accepted", comment = i == 0 ? "Minh chứng không thể hiện số đoàn viên đã học" : null,
                        explanation = (string?)null, strengths = new[] { "Chủ động triển khai chương trình công tác Đoàn" },
                        shortcomings = i == 0 ? new[] { "Số đoàn viên học tập trên App chưa đảm bảo" } : Array.Empty<string>(),
                    },
                },
                recommendations = i == 0 ? new[] { new { text = "Rà soát việc học tập trên App", deadline = "2025-03-31" } } : [],
            }),
        }));
        planVersion = await VersionOf(await admin.PostOkAsync($"/api/inspections/plans/{plan}/adjustments", new
        {
            version = planVersion, unitId = units[0], conditionCode = "A2", value = 0m, reason = "Minh chứng học tập trên App không được chấp nhận",
        }));
        var adjustment = (await admin.GetJsonAsync($"/api/inspections/plans/{plan}")).GetProperty("adjustments")[0].GetProperty("adjustmentId").GetGuid();
        versions[0] = await VersionOf(await admin.PostOkAsync($"/api/emulation/sheets/{units[0]}/2024/reopen", new
        {
            version = versions[0], decision = Api.DecisionOf("20-QĐ/ĐTN", "2024-10-20"), reason = "Điều chỉnh theo kết quả kiểm tra",
        }));
        await admin.PostOkAsync($"/api/inspections/plans/{plan}/adjustments/{adjustment}/approve", new { version = planVersion });
        await factory.WaitForNonStaleAsync();
        await factory.WaitForNonStaleAsync();
        var sheet = (await admin.GetJsonAsync($"/api/emulation/sheets/{units[0]}/2024")).GetProperty("version").GetInt64();
        await admin.PostOkAsync($"/api/emulation/sheets/{units[0]}/2024/lock", new { version = sheet });
        await factory.WaitForNonStaleAsync();
        return (units[0], units[1], units[2]);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (sql.StartsWith("select", StringComparison.Ordinal))
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<Guid> IdOf(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    private static async Task<long> VersionOf(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();

    private static readonly object Scale = TestScales.Bloc2024;
}
