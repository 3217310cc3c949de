using DoanPlatform.Emulation.Contracts;
using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;
using Npgsql;
using NpgsqlTypes;

namespace DoanPlatform.Bench;

/// <summary>
/// Scenario 6 (Emulation, issue 5): a province-year of scoring through the real host's HTTP API (the module's events are internal):
/// a published scale of 60 manual conditions, then per unit self-assessment (60 entries) → submit → assessment (60 entries) → lock,
/// i.e. 500 units × 60 conditions × 3 steps (Self, Assessed, Final) = 90,000 score-step rows from 4 events per unit.
/// </summary>
internal sealed partial class DomainScenarios
{
    private static readonly string[] SheetTypes =
    [
        "emulation.self_assessed", "emulation.self_assessment_submitted", "emulation.self_assessment_returned", "emulation.scores_assessed",
        "emulation.score_adjusted", "emulation.scores_locked", "emulation.result_published", "emulation.scoring_reopened", "emulation.evidence_attached",
    ];

    private const int EmulationYear = 2024;
    private const int Conditions = 60;
    private const int ClusterSize = 50;

    private static object ScaleContent()
    {
        var sections = new List<object>();
        for (var s = 0; s < 3; s++)
        {
            var code = ((char)('A' + s)).ToString();
            var conditions = Enumerable.Range(1, Conditions / 3).Select(i => new
            {
                code = $"{code}{i}", title = $"Tiêu chí {code}.{i}: thực hiện nhiệm vụ được giao số {i}".Normalize(), kind = "Manual", maxPoints = 5m,
            }).ToArray();
            sections.Add(new
            {
                code, title = $"Phần {code}: công tác Đoàn và phong trào thanh niên".Normalize(), maxPoints = 5m * conditions.Length,
                criteria = new[] { new { code = $"{code}.1", title = "Tiêu chí chung".Normalize(), items = new[] { new { code = $"{code}.1.1", title = "Nội dung".Normalize(), conditions } } } },
            });
        }
        return new
        {
            name = $"Thang điểm thi đua năm {EmulationYear}".Normalize(), guideline = "Hướng dẫn số 32-HD/ĐTN ngày 23/02/2021".Normalize(),
            maxPoints = 5m * Conditions, bonusCap = 0m, sections,
            classes = new object[]
            {
                new { name = "Hoàn thành xuất sắc nhiệm vụ".Normalize(), minTotal = 270m }, new { name = "Hoàn thành tốt nhiệm vụ".Normalize(), minTotal = 230m },
                new { name = "Hoàn thành nhiệm vụ".Normalize(), minTotal = 150m }, new { name = "Không hoàn thành nhiệm vụ".Normalize(), minTotal = -1000000m },
            },
            tieBreaks = new object[] { new { kind = "SectionTotal", sectionCode = "A" }, new { kind = "SectionTotal", sectionCode = "B" } },
            topAward = "Cờ thi đua".Normalize(),
        };
    }

    private static async Task<JsonElement> PostOkAsync(HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Check(response.IsSuccessStatusCode, $"6: POST {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task ParallelAsync(int clients, int count, Func<int, Task> work)
    {
        var next = -1;
        Exception? failure = null;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count && failure is null; i = Interlocked.Increment(ref next))
            {
                try { await work(i); }
                catch (Exception e) { failure = e; }
            }
        })));
        if (failure is not null)
            throw new InvalidOperationException("Benchmark self-check failed: " + failure.Message, failure);
    }

    public async Task<(Figure Rebuild, LatencyFigure Rankings, LatencyFigure Export)> EmulationAsync()
    {
        var directory = Directory.CreateTempSubdirectory("doan-bench-");
        await using var host = await StartHostAsync("bench_6_ours");
        try
        {
            serverSettings["6 ours/baseline"] = await Scenarios.SettingsAsync(host.Db);
            var stopwatch = Stopwatch.StartNew();

            // One province: the province union, 15 district/bloc unions, then exactly EmulationUnits grassroots unions and branches (the scored units).
            var rows = Province("P00", "Tỉnh Thi đua", 16 + config.EmulationUnits);
            var path = Path.Combine(directory.FullName, "p00.csv");
            await WriteCsvAsync(path, rows);
            await ImportAsync(host.App.Services, path, "01-QĐ/TWĐTN");
            await host.Store.Advanced.WaitForNonStaleAsync(TimeSpan.FromMinutes(10));
            var units = await UnitsAsync(host.Db);
            var province = units.Single(u => u.Level == "Province").Id;
            var scored = units.Where(u => u.Level is "Grassroots" or "Branch").Select(u => u.Id).ToArray();
            Check(scored.Length == config.EmulationUnits, $"6: {scored.Length} scored units, expected {config.EmulationUnits}");

            // Clusters of 50 (formed and filled through HTTP, clusters in parallel, members of one cluster in turn).
            var clusterCount = (scored.Length + ClusterSize - 1) / ClusterSize;
            var decision = new { numberSymbol = "05-QĐ/TĐTN", date = "2024-01-15", signer = "Nguyễn Văn An".Normalize() };
            var clusters = new Guid[clusterCount];
            await ParallelAsync(8, clusterCount, async c =>
            {
                var formed = await PostOkAsync(host.Client, "/api/organisation/clusters", new
                {
                    issuingUnitId = province, year = EmulationYear, name = $"Cụm thi đua số {c + 1}".Normalize(), effectiveDate = "2024-01-15", decision,
                    reason = "Phân cụm thi đua".Normalize(),
                });
                clusters[c] = formed.GetProperty("id").GetGuid();
                foreach (var unit in scored.Skip(c * ClusterSize).Take(ClusterSize))
                    await PostOkAsync(host.Client, $"/api/organisation/clusters/{clusters[c]}/members",
                        new { unitId = unit, effectiveDate = "2024-01-15", decision, reason = "Phân cụm thi đua".Normalize() });
            });

            // The scale, drafted and published.
            var drafted = await PostOkAsync(host.Client, "/api/emulation/scales", new { issuingUnitId = province, year = EmulationYear, content = ScaleContent() });
            var scaleId = drafted.GetProperty("id").GetGuid();
            await PostOkAsync(host.Client, $"/api/emulation/scales/{scaleId}/publish", new { version = 1, effectiveDate = "2024-02-23" });
            await host.Store.Advanced.WaitForNonStaleAsync(TimeSpan.FromMinutes(10));
            var setUp = stopwatch.Elapsed.TotalSeconds;

            // The workflow of every unit: 4 HTTP writes each, 8 concurrent clients.
            var random = new Random(11);
            var values = scored.Select(_ => Enumerable.Range(0, Conditions).Select(_ => random.Next(6, 11) / 2m).ToArray()).ToArray();
            string Code(int i) => $"{(char)('A' + i / (Conditions / 3))}{i % (Conditions / 3) + 1}";
            stopwatch.Restart();
            await ParallelAsync(8, scored.Length, async u =>
            {
                var url = $"/api/emulation/sheets/{scored[u]}/{EmulationYear}";
                var self = Enumerable.Range(0, Conditions).Select(i => new { conditionCode = Code(i), value = values[u][i], comment = (string?)null,
                    evidence = i % 10 == 0 ? $"{i + 1}-BC/ĐTN ngày 15/11/2024".Normalize() : null }).ToArray();
                var version = (await PostOkAsync(host.Client, $"{url}/self-assessment", new { version = 0, scaleId, entries = self })).GetProperty("version").GetInt64();
                version = (await PostOkAsync(host.Client, $"{url}/submit", new { version })).GetProperty("version").GetInt64();
                // The office lowers one condition in ten, with the comment the module requires.
                var assessed = Enumerable.Range(0, Conditions).Select(i => i % 10 == 3
                    ? new { conditionCode = Code(i), value = Math.Max(0, values[u][i] - 1), comment = (string?)"Chưa đủ minh chứng, trừ 1 điểm".Normalize() }
                    : new { conditionCode = Code(i), value = values[u][i], comment = (string?)null }).ToArray();
                version = (await PostOkAsync(host.Client, $"{url}/assessment", new { version, entries = assessed })).GetProperty("version").GetInt64();
                await PostOkAsync(host.Client, $"{url}/lock", new { version });
            });
            var written = stopwatch.Elapsed.TotalSeconds;
            await host.Store.Advanced.WaitForNonStaleAsync(TimeSpan.FromMinutes(10));
            var events = (long)scored.Length * 4;
            var steps = (long)scored.Length * Conditions * 3;
            log.WriteLine(Line($"  [6]  province of {rows.Count:N0} units, {clusterCount} clusters and a 60-condition scale set up in {setUp:F1} s; {scored.Length:N0} sheets × 4 HTTP writes ({events:N0} events) in {written:F1} s ({1000 * written / events:F2} ms/event, 8 clients), projected at {stopwatch.Elapsed.TotalSeconds:F1} s"));
            await CheckEmulationAsync(host.Db, steps, scored.Length);
            Check(await CountSheetEventsAsync(host.Db) == events, "6: unexpected number of sheet events");

            // 6a: rebuild of the two read models the ranking and explain read, against a raw read of the same events.
            await Scenarios.VacuumAsync(host.Db);
            await ReadSheetEventsAsync(host.Db);
            var rebuilds = new List<double>();
            var reads = new List<double>();
            var stepsOnly = new List<double>();
            for (var round = 0; round < config.BulkRounds; round++)
            {
                foreach (var oursFirst in round % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    Collect();
                    stopwatch.Restart();
                    if (oursFirst)
                    {
                        await host.Store.Advanced.RebuildProjectionAsync("emulation.score_steps");
                        stepsOnly.Add(stopwatch.Elapsed.TotalSeconds);
                        await host.Store.Advanced.RebuildProjectionAsync("emulation.unit_results");
                        rebuilds.Add(stopwatch.Elapsed.TotalSeconds);
                        await CheckEmulationAsync(host.Db, steps, scored.Length);
                    }
                    else
                    {
                        var read = await ReadSheetEventsAsync(host.Db);
                        reads.Add(stopwatch.Elapsed.TotalSeconds);
                        Check(read == events, $"6a: the raw read saw {read} events, expected {events}");
                    }
                }
                log.WriteLine(Line($"  [6a] round {round + 1}/{config.BulkRounds}: {events:N0} events ({steps:N0} score steps): ours (rebuild) {rebuilds[^1]:F2} s (score_steps {stepsOnly[^1]:F2} s, {1000 * stepsOnly[^1] / steps:F3} ms/row), baseline (plain SELECT) {reads[^1]:F2} s"));
            }
            var rebuild = new Figure("6a", $"score steps+results rebuild, {events:N0} ev", events, rebuilds, reads, "time ≤ 3× raw read (ratio ≥ 0.33)", 1.0 / 3,
                Line($"ours: RebuildProjectionAsync(\"emulation.score_steps\") then (\"emulation.unit_results\") over the {events:N0} sheet events written through HTTP ") +
                Line($"({scored.Length:N0} × SelfAssessed(60 entries), SelfAssessmentSubmitted, ScoresAssessed(60 entries), ScoresLocked(60 finals)) → {steps:N0} score_steps rows + {scored.Length:N0} unit_results rows ") +
                Line($"(one INSERT per row: {steps / (double)events:F0} rows per event); raw: one SELECT of all columns of those events, every field read. ") +
                "The issue's '~90,000 events' are the 90,000 condition-steps: the module writes one event per step per sheet, carrying all 60 conditions");

            // 6b: the rankings of the province's clusters (the HTTP endpoint) against a plain read of the year's unit_results rows.
            var rankings = await PairsAsync("6b", config.LatencyCalls,
                _ => RankingsOursAsync(host.Client, province),
                _ => ResultsRawAsync(host.Db, province, null));
            Explains.Add(await ExplainResultsAsync(host.Db, province));
            var rankingFigure = new LatencyFigure("6b", $"rankings of {clusterCount} clusters ({scored.Length} units)", scored.Length, rankings.Ours, rankings.Raw, 100,
                $"ours: GET /api/emulation/rankings?issuingUnitId=&year={EmulationYear} (HTTP, bearer token, access check, unit_results + the year's cluster " +
                "membership and unit names from Organisation, ordering with tie-breaks and Vietnamese collation, JSON parsed); raw: select of the province-year's " +
                "unit_results rows, every field read. Goal: none in the issue; 100 ms is our reading of an interactive page");

            // 6c: export of one cluster's ranking as .xlsx against a plain read of that cluster's unit_results rows.
            var members = clusters.Select((c, i) => (c, scored.Skip(i * ClusterSize).Take(ClusterSize).ToArray())).ToArray();
            var export = await PairsAsync("6c", config.LatencyCalls,
                i => ExportOursAsync(host.Client, province, members[i % members.Length].c),
                i => ResultsRawAsync(host.Db, province, members[i % members.Length].Item2));
            var exportFigure = new LatencyFigure("6c", $"export of one cluster's ranking (.xlsx)", ClusterSize, export.Ours, export.Raw, 1000,
                $"ours: GET /api/emulation/rankings.xlsx?issuingUnitId=&year={EmulationYear}&clusterId= (builds every cluster's ranking, filters one, " +
                "reads the scale's stream, writes the Open XML workbook; body unzipped and its data rows counted); raw: select of that cluster's " +
                "unit_results rows. Goal: none in the issue; 1 s is our reading of a download");
            return (rebuild, rankingFigure, exportFigure);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task CheckEmulationAsync(NpgsqlDataSource db, long steps, int units)
    {
        await using var command = db.CreateCommand("select (select count(*) from doan_emulation.score_steps), (select count(*) from doan_emulation.unit_results)");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Check(reader.GetInt64(0) == steps && reader.GetInt64(1) == units,
            $"6: the read models hold {reader.GetInt64(0)} score steps / {reader.GetInt64(1)} results, expected {steps} / {units}");
    }

    private static async Task<long> CountSheetEventsAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("select count(*) from doan_events.events where type = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = SheetTypes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Task<long> ReadSheetEventsAsync(NpgsqlDataSource db) => ReadEventsOfTypesAsync(db, SheetTypes);

    private static async Task<long> RankingsOursAsync(HttpClient client, Guid issuer)
    {
        using var response = await client.GetAsync(new Uri($"/api/emulation/rankings?issuingUnitId={issuer}&year={EmulationYear}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return json.RootElement.EnumerateArray().Sum(c => (long)c.GetProperty("rows").GetArrayLength());
    }

    private static async Task<long> ExportOursAsync(HttpClient client, Guid issuer, Guid cluster)
    {
        using var response = await client.GetAsync(new Uri($"/api/emulation/rankings.xlsx?issuingUnitId={issuer}&year={EmulationYear}&clusterId={cluster}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var sheet = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        using var text = new StreamReader(sheet.Open());
        var xml = await text.ReadToEndAsync();
        var rowTags = xml.Split("<x:row").Length - 1 + xml.Split("<row").Length - 1;
        return rowTags - 2; // the title and the header
    }

    private const string ResultsSql = """
        select sheet_id, unit_id, year, issuing_unit_id, scale_id, status, total, base, bonus, penalty, sections::text, classification, class_index, tie_keys::text, top_award
        from doan_emulation.unit_results where issuing_unit_id = $1 and year = $2 and ($3::uuid[] is null or unit_id = any($3))
        """;

    private static async Task<long> ResultsRawAsync(NpgsqlDataSource db, Guid issuer, Guid[]? units)
    {
        await using var command = db.CreateCommand(ResultsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = issuer, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = EmulationYear });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)units ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0, checksum = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            checksum += reader.GetGuid(0).GetHashCode() + reader.GetGuid(1).GetHashCode() + reader.GetInt32(2) + reader.GetGuid(3).GetHashCode() + reader.GetGuid(4).GetHashCode();
            checksum += reader.GetString(5).Length + (long)(reader.GetDecimal(6) + reader.GetDecimal(7) + reader.GetDecimal(8) + reader.GetDecimal(9));
            checksum += reader.GetString(10).Length + (reader.IsDBNull(11) ? 0 : reader.GetString(11).Length) + reader.GetInt32(12) + reader.GetString(13).Length;
            checksum += reader.IsDBNull(14) ? 0 : reader.GetString(14).Length;
        }
        GC.KeepAlive(checksum);
        return rows;
    }

    private static async Task<string> ExplainResultsAsync(NpgsqlDataSource db, Guid issuer)
    {
        await using var command = db.CreateCommand("explain (analyze, buffers) " + ResultsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = issuer, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = EmulationYear });
        command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        var lines = new List<string> { ResultsSql.Split('\n')[0].Trim() + " …" };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add("    " + reader.GetString(0));
        return string.Join(Environment.NewLine, lines);
    }
}
