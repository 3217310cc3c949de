using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Testing;

namespace DoanPlatform.Host.Tests.Cli;

/// <summary>A fresh database on which <c>demo</c> ran once, before the host serving it starts.</summary>
public sealed partial class DemoDatabase : PlatformFactory
{
    public (int Code, string Out, string Error) Demo { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Demo = await ConsoleCapture.RunAsync(["demo", "--connection-string", ConnectionString]);
    }

    /// <summary>A client carrying the bearer token of the demo account <paramref name="user"/>, with the password the demo printed.</summary>
    public async Task<HttpClient> SignInAsync(string user)
    {
        var password = Password().Match(Demo.Out).Groups[1].Value;
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/organisation/sign-in", new { userName = user, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [GeneratedRegex(@"mật khẩu: ([^)\s]+)\)")]
    private static partial Regex Password();
}

[Collection(nameof(ConsoleCapture))]
public sealed partial class DemoCommandTests(DemoDatabase database) : IClassFixture<DemoDatabase>
{
    private static readonly Guid Plan = DemoProvince.IdFor("plan", "2024/45-KH/TĐTN");

    [Fact]
    public async Task Demo_prints_what_it_loaded_and_the_accounts_and_leaves_no_backlog()
    {
        var (code, output, error) = database.Demo;
        Assert.True(code == 0, error);
        Assert.Contains("Đã nạp dữ liệu mẫu: Tỉnh đoàn Bà Rịa – Vũng Tàu (mã BRVT).", output, StringComparison.Ordinal);
        Assert.Matches(@"Tổ chức: \d+ đơn vị", output);
        Assert.Matches(@"Hội nghị: \d+ hội nghị giao ban", output);
        Assert.Matches(@"[\d.]+ sự kiện trong [\d,]+ giây", output);
        foreach (var user in new[] { "demo.quantri", "demo.vanphong", "demo.bithu", "demo.kiemtra" })
            Assert.Contains(user, output, StringComparison.Ordinal);

        var (status, statusOut, _) = await ConsoleCapture.RunAsync(["projections", "status", "--connection-string", database.ConnectionString]);
        Assert.Equal(0, status);
        var backlogs = Behind().Matches(statusOut).Select(m => long.Parse(m.Groups[1].Value.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(database.Store.Advanced.ProjectionNames.Count + 1, backlogs.Count);
        Assert.All(backlogs, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task The_printed_accounts_sign_in_and_reach_their_own_scope_only()
    {
        var admin = await SignInAsync("demo.quantri");
        var tree = (await admin.GetJsonAsync($"/api/organisation/tree?root={await ProvinceAsync(admin)}&asOf=2024-06-30")).EnumerateArray().ToList();
        Guid Unit(string name) => tree.Single(n => n.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
        var (own, other) = (Unit("Đoàn cơ sở Sở Tư pháp"), Unit("Đoàn cơ sở Sở Y tế"));

        var secretary = await SignInAsync("demo.bithu");
        var me = await secretary.GetJsonAsync("/api/organisation/accounts/me");
        Assert.Equal("Published", (await secretary.GetJsonAsync($"/api/emulation/sheets/{own}/2023")).GetProperty("status").GetString());
        var steps = (await secretary.GetJsonAsync($"/api/emulation/sheets/{own}/2023/explain/A1")).GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["Self", "Assessed", "Final"], steps.Select(s => s.GetProperty("step").GetString()));
        Assert.Equal(me.GetProperty("displayName").GetString(), steps[0].GetProperty("actor").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync(new Uri($"/api/emulation/sheets/{other}/2023", UriKind.Relative))).StatusCode);

        var auditor = await SignInAsync("demo.kiemtra");
        Assert.NotEmpty((await auditor.GetJsonAsync($"/api/organisation/units/{other}/history")).EnumerateArray());
        var establish = await auditor.PostAsJsonAsync("/api/organisation/units", new
        {
            code = "BRVT.X", name = "Đoàn thử", level = "Grassroots", parentId = other, effectiveDate = "2025-01-01",
            decision = new { numberSymbol = "1-QĐ/TĐTN", date = "2025-01-01", signer = "Lê Văn A" },
        });
        Assert.Equal(HttpStatusCode.Forbidden, establish.StatusCode);

        var wrong = await database.CreateClient().PostAsJsonAsync("/api/organisation/sign-in", new { userName = "demo.vanphong", password = "sai-mat-khau-2025" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task The_tree_of_mid_2024_and_of_mid_2025_differ_by_the_reform_and_the_district_level_ends_on_1_July_2025()
    {
        var admin = await SignInAsync("demo.quantri");
        var province = await ProvinceAsync(admin);

        var before = await admin.TreeAsync(province, "2024-06-30");
        Assert.Equal("Tỉnh đoàn Bà Rịa – Vũng Tàu", before[0]);
        Assert.Contains("  Huyện đoàn Châu Đức", before);
        Assert.Contains("  Đoàn Khối Dân – Chính – Đảng tỉnh", before);
        Assert.Contains("  Đoàn Khối Doanh nghiệp tỉnh", before);
        Assert.Contains("    Đoàn cơ sở Công an huyện Châu Đức", before);
        Assert.InRange(before.Length, 150, 320);

        var mid2025 = await admin.TreeAsync(province, "2025-06-30");
        Assert.NotEqual(before, mid2025);
        Assert.DoesNotContain("  Đoàn Khối Dân – Chính – Đảng tỉnh", mid2025);
        Assert.DoesNotContain("  Đoàn Khối Doanh nghiệp tỉnh", mid2025);
        Assert.Contains("  Đoàn Khối các cơ quan Đảng tỉnh", mid2025);
        Assert.Contains("  Đoàn Khối Ủy ban nhân dân tỉnh", mid2025);
        Assert.DoesNotContain("    Đoàn cơ sở Công an huyện Châu Đức", mid2025);
        Assert.Contains("  Huyện đoàn Châu Đức", mid2025);

        var after = await admin.TreeAsync(province, "2025-07-01");
        Assert.DoesNotContain(after, line => line.Contains("Huyện đoàn", StringComparison.Ordinal) || line.Contains("Thành đoàn", StringComparison.Ordinal));
        Assert.Contains("  Đoàn xã Ngãi Giao", after);
        Assert.Contains("  Đoàn đặc khu Côn Đảo", after);
        Assert.Equal(before, await admin.TreeAsync(province, "2024-06-30"));
    }

    [Fact]
    public async Task The_2023_rankings_have_every_cluster_classified_and_units_have_attendance_rates()
    {
        var office = await SignInAsync("demo.vanphong");
        var province = await ProvinceAsync(await SignInAsync("demo.quantri"));

        var rankings = (await office.GetJsonAsync($"/api/emulation/rankings?issuingUnitId={province}&year=2023")).EnumerateArray().ToList();
        Assert.Equal(7, rankings.Count);
        var rows = rankings.SelectMany(c => c.GetProperty("rows").EnumerateArray()).ToList();
        Assert.All(rankings, c => Assert.Equal(1, c.GetProperty("rows")[0].GetProperty("rank").GetInt32()));
        Assert.All(rows, r => Assert.Equal("Published", r.GetProperty("status").GetString()));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("classification").GetString())));
        Assert.True(rows.Select(r => r.GetProperty("classification").GetString()).Distinct().Count() >= 3);

        var rates = new List<JsonElement>();
        foreach (var unit in rows.Take(40).Select(r => r.GetProperty("unitId").GetGuid()))
            rates.Add(await office.GetJsonAsync($"/api/meetings/attendance-rates?unitId={unit}&year=2023"));
        Assert.All(rates, r => Assert.Equal(12, r.GetProperty("invited").GetInt32()));
        Assert.All(rates, r => Assert.Equal(12, r.GetProperty("present").GetInt32() + r.GetProperty("excused").GetInt32() + r.GetProperty("unexcused").GetInt32()));
        Assert.Contains(rates, r => r.GetProperty("excused").GetInt32() > 0);
        Assert.True(rates.Average(r => r.GetProperty("rate").GetDecimal()) > 80);
    }

    [Fact]
    public async Task The_approved_inspection_adjustment_is_applied_to_the_2024_score_once()
    {
        var auditor = await SignInAsync("demo.kiemtra");
        var adjustments = (await auditor.GetJsonAsync($"/api/inspections/adjustments?planId={Plan}")).EnumerateArray().ToList();
        // Every rejected evidence of a condition that requires it is proposed for voiding; the issuer approved one, the rest await a decision.
        var statuses = adjustments.Select(a => a.GetProperty("status").GetString()).ToList();
        Assert.Single(statuses, s => s == "Applied");
        Assert.True(statuses.Count >= 2);
        Assert.All(statuses.Where(s => s != "Applied"), s => Assert.Equal("Proposed", s));
        var applied = adjustments.Single(a => a.GetProperty("status").GetString() == "Applied");
        var (unit, condition) = (applied.GetProperty("unitId").GetGuid(), applied.GetProperty("conditionCode").GetString());

        var sheet = await auditor.GetJsonAsync($"/api/emulation/sheets/{unit}/2024");
        Assert.Equal("Assessed", sheet.GetProperty("status").GetString());
        var line = sheet.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("code").GetString() == condition);
        Assert.Equal(0m, line.GetProperty("adjusted").GetDecimal());
        var steps = (await auditor.GetJsonAsync($"/api/emulation/sheets/{unit}/2024/explain/{condition}")).GetProperty("steps").EnumerateArray().ToList();
        var adjusted = Assert.Single(steps, s => s.GetProperty("step").GetString() == "Adjusted");
        Assert.Equal("45-KH/TĐTN", adjusted.GetProperty("decision").GetString());
        Assert.Equal(1, await ScalarAsync("select count(*) from doan_events.events where type = 'emulation.score_adjusted'"));
        Assert.Equal(1, await ScalarAsync("select count(*) from doan_events.events where type = 'inspections.adjustment_applied'"));
    }

    [Fact]
    public async Task Rebuilding_every_read_model_gives_the_rows_the_demo_left()
    {
        var store = database.Store;
        foreach (var name in store.Advanced.ProjectionNames)
        {
            var shadow = await store.Advanced.RebuildProjectionAsync(name, swap: false);
            try
            {
                var tables = await ListAsync("select tablename from pg_tables where schemaname = $1", shadow);
                Assert.NotEmpty(tables);
                foreach (var table in tables)
                {
                    var live = Assert.Single(await ListAsync("select schemaname from pg_tables where tablename = $1 and schemaname not like 'doan_shadow%'", table));
                    Assert.True(await ScalarAsync($"select count(*) from \"{live}\".\"{table}\"") > 0, $"{live}.{table} is empty after the demo");
                    var differ = await ScalarAsync($"""
                        select (select count(*) from (select * from "{shadow}"."{table}" except all select * from "{live}"."{table}") a)
                             + (select count(*) from (select * from "{live}"."{table}" except all select * from "{shadow}"."{table}") b)
                        """);
                    Assert.True(differ == 0, $"{name}: {differ} rows of {live}.{table} differ from a rebuild");
                }
            }
            finally
            {
                await using var drop = store.DataSource.CreateCommand($"drop schema \"{shadow}\" cascade");
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    [Fact]
    public async Task After_the_demo_audit_verify_is_clean_and_the_2023_yearly_review_has_every_unit_with_the_platforms_figures()
    {
        var connection = database.ConnectionString;
        var (verify, verifyOut, verifyError) = await ConsoleCapture.RunAsync(["audit", "verify", "--connection-string", connection]);
        Assert.True(verify == 0, verifyOut + verifyError);
        var names = database.Store.Advanced.ProjectionNames;
        foreach (var name in names)
            Assert.Matches($@"(?m)^{Regex.Escape(name)}: [0-9 ]+ rows?, identical$", verifyOut);
        Assert.DoesNotContain("only in", verifyOut, StringComparison.Ordinal);
        Assert.Contains($"audit verify: {names.Count} read model(s) checked, all identical to a rebuild from the events.", verifyOut, StringComparison.Ordinal);

        var folder = Directory.CreateTempSubdirectory("doan-demo-");
        try
        {
            var path = Path.Combine(folder.FullName, "Tổng kết năm 2023 - Bà Rịa – Vũng Tàu.xlsx");
            var (export, _, exportError) = await ConsoleCapture.RunAsync(
                ["export", "yearly-review", "--unit", "BRVT", "--year", "2023", "--out", path, "--connection-string", connection]);
            Assert.True(export == 0, exportError);
            var summary = SummaryRows(path);

            // The review's units: the province's direct units at the end of 2023 and every unit ranked in its 2023 clusters.
            var admin = await SignInAsync("demo.quantri");
            var province = await ProvinceAsync(admin);
            var tree = (await admin.GetJsonAsync($"/api/organisation/tree?root={province}&asOf=2023-12-31")).EnumerateArray().ToList();
            var codeOf = tree.ToDictionary(n => n.GetProperty("id").GetGuid(), n => n.GetProperty("code").GetString()!);
            var ranked = (await admin.GetJsonAsync($"/api/emulation/rankings?issuingUnitId={province}&year=2023")).EnumerateArray()
                .SelectMany(c => c.GetProperty("rows").EnumerateArray()).ToList();
            var expected = ranked.Select(r => codeOf[r.GetProperty("unitId").GetGuid()])
                .Concat(tree.Where(n => n.GetProperty("depth").GetInt32() == 1).Select(n => n.GetProperty("code").GetString()!)).ToHashSet();
            Assert.InRange(summary.Count, 180, 220);
            Assert.Equal(expected.Order(StringComparer.Ordinal), summary.Keys.Order(StringComparer.Ordinal));
            foreach (var row in ranked)
            {
                var line = summary[codeOf[row.GetProperty("unitId").GetGuid()]];
                Assert.Equal(row.GetProperty("unitName").GetString(), line["C"]);
                Assert.Equal(row.GetProperty("total").GetDecimal(), Number(line["E"]));
                Assert.Equal(row.GetProperty("classification").GetString(), line["F"]);
                Assert.Equal(row.GetProperty("rank").GetInt32(), Number(line["G"]));
            }

            var justice = summary.Values.Single(l => l["C"] == "Đoàn cơ sở Sở Tư pháp");
            var justiceId = codeOf.Single(c => c.Value == justice["B"]).Key;
            var rate = await admin.GetJsonAsync($"/api/meetings/attendance-rates?unitId={justiceId}&year=2023");
            Assert.Equal(rate.GetProperty("invited").GetInt32(), Number(justice["I"]));
            Assert.Equal(rate.GetProperty("present").GetInt32(), Number(justice["J"]));
            Assert.Equal(rate.GetProperty("excused").GetInt32(), Number(justice["K"]));
            Assert.Equal(rate.GetProperty("unexcused").GetInt32(), Number(justice["L"]));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The "Tổng hợp" sheet's unit rows (those numbered in column A), by unit code (column B): column letter → text or number.</summary>
    private static Dictionary<string, Dictionary<string, string?>> SummaryRows(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name?.Value == "Tổng hợp");
        var rows = new Dictionary<string, Dictionary<string, string?>>();
        foreach (var row in ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Row>())
        {
            var cells = row.Elements<Cell>().ToDictionary(c => new string([.. c.CellReference!.Value!.TakeWhile(char.IsLetter)]),
                c => c.InlineString?.InnerText ?? c.CellValue?.Text);
            if (int.TryParse(cells.GetValueOrDefault("A"), out _) && cells.GetValueOrDefault("B") is { Length: > 0 } code)
                rows.Add(code, cells);
        }
        return rows;
    }

    private static decimal Number(string? cell) => decimal.Parse(cell!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_second_demo_is_refused_with_exit_code_2_and_writes_nothing()
    {
        var events = await ScalarAsync("select count(*) from doan_events.events");
        var (code, output, error) = await ConsoleCapture.RunAsync(["demo", "--connection-string", database.ConnectionString]);
        Assert.Equal(2, code);
        Assert.Contains("BRVT", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Đã nạp", output, StringComparison.Ordinal);
        Assert.Equal(events, await ScalarAsync("select count(*) from doan_events.events"));
    }

    private Task<HttpClient> SignInAsync(string user) => database.SignInAsync(user);

    private static async Task<Guid> ProvinceAsync(HttpClient admin) =>
        (await admin.GetJsonAsync("/api/organisation/tree?asOf=2024-06-30")).EnumerateArray()
        .Single(n => n.GetProperty("code").GetString() == "BRVT").GetProperty("id").GetGuid();

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = database.Store.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<string>> ListAsync(string sql, string value)
    {
        await using var command = database.Store.DataSource.CreateCommand(sql);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }

    [GeneratedRegex(@"(?m)^\S+\s+(?:trực tiếp \(inline\)|chạy nền \(async\)|phản ứng \(nền\))\s+\S+\s+([\d.]+)")]
    private static partial Regex Behind();
}
