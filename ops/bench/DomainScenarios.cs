using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation;
using DoanPlatform.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace DoanPlatform.Bench;

/// <summary>
/// A latency figure: per-call milliseconds of ours (through the public HTTP API, or the module's own SQL where said)
/// and of a plain SQL read of the same rows, calls alternating ours/raw (ABBA) so that background load hits both alike.
/// </summary>
internal sealed record LatencyFigure(string Id, string Title, long Rows, IReadOnlyList<double> OursMs, IReadOnlyList<double> RawMs,
    double GoalP95Ms, string Note)
{
    public double OursP50 => Percentile(OursMs, 0.50);
    public double OursP95 => Percentile(OursMs, 0.95);
    public double RawP50 => Percentile(RawMs, 0.50);
    public double RawP95 => Percentile(RawMs, 0.95);

    /// <summary>ours / raw as time (lower is better); the median of the per-pair ratios (each pair adjacent in time).</summary>
    public double TimeMultiple => Figure.Median([.. OursMs.Zip(RawMs, (ours, raw) => ours / raw)]);

    public string Goal => string.Create(CultureInfo.InvariantCulture, $"ours p95 ≤ {GoalP95Ms:F0} ms");
    public bool Met => OursP95 <= GoalP95Ms;

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}

/// <summary>
/// Scenarios 4 (Organisation, issue 3) and 5 (Meetings, issue 4): the real host (every module, the daemon) on a fresh
/// database of the throwaway cluster, served by Kestrel on a loopback port and called with a signed-in HttpClient.
/// </summary>
internal sealed partial class DomainScenarios(BenchConfig config, TextWriter log, Dictionary<string, string> serverSettings)
{
    private const string AdminUser = "bench-admin";
    private const string AdminPassword = "Mật-khẩu-đo-hiệu-năng-2025";
    private static readonly DateOnly Founded = new(2022, 1, 1);
    private static readonly DateOnly TreeDate = new(2024, 6, 30);
    private const string Signer = "Nguyễn Văn An";

    public List<string> Explains { get; } = [];

    // ---------------------------------------------------------------- host

    private sealed class Host(WebApplication app, HttpClient client, IDocumentStore store, string connectionString) : IAsyncDisposable
    {
        public WebApplication App => app;
        public HttpClient Client => client;
        public IDocumentStore Store => store;
        public string ConnectionString => connectionString;
        public NpgsqlDataSource Db => store.DataSource;

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<Host> StartHostAsync(string database)
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync(database);
        var app = DoanPlatform.Host.PlatformApp.Build(
            [$"--ConnectionStrings:Doan={connectionString}", "--urls=http://127.0.0.1:0", "--environment=Production",
             "--Logging:LogLevel:Default=Warning"], runDaemon: true);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await OrganisationModule.CreateAdminAsync(app.Services, AdminUser, "Quản trị đo hiệu năng", AdminPassword);
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(address),
            Timeout = TimeSpan.FromMinutes(5),
        };
        var response = await client.PostAsJsonAsync("/api/organisation/sign-in", new { userName = AdminUser, password = AdminPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Host(app, client, store, connectionString);
    }

    // ---------------------------------------------------------------- 4. organisation

    private sealed record UnitRow(string Code, string Name, string ParentCode, string Level, string Sector);

    /// <summary>One province: the province union, 15 district/bloc unions, grassroots unions under them, branches under those.</summary>
    private static List<UnitRow> Province(string code, string name, int units)
    {
        var rows = new List<UnitRow>(units) { new(code, $"Tỉnh Đoàn {name}".Normalize(), "", "Province", "") };
        var middle = new List<string>();
        for (var i = 1; i <= 15; i++)
        {
            var c = $"{code}.D{i:00}";
            middle.Add(c);
            rows.Add(i <= 10
                ? new UnitRow(c, $"Huyện Đoàn số {i} {name}".Normalize(), code, "District", "")
                : new UnitRow(c, $"Đoàn Khối cơ quan số {i - 10} {name}".Normalize(), code, "Bloc", "Agencies"));
        }
        var grassroots = Math.Max(15, (units - 16) / 15);
        var gs = new List<string>(grassroots);
        for (var g = 0; g < grassroots; g++)
        {
            var parent = middle[g % 15];
            var c = $"{parent}.G{g:000}";
            gs.Add(c);
            rows.Add(new UnitRow(c, $"Đoàn cơ sở {g + 1} – {name}".Normalize(), parent, "Grassroots", ""));
        }
        for (var b = 0; rows.Count < units; b++)
        {
            var parent = gs[b % gs.Count];
            rows.Add(new UnitRow($"{parent}.B{b / gs.Count:00}", $"Chi đoàn {b / gs.Count + 1} – {parent}".Normalize(), parent, "Branch", ""));
        }
        return rows;
    }

    private static async Task WriteCsvAsync(string path, List<UnitRow> rows)
    {
        var text = new StringBuilder("code,name,parent code,level,sector\n");
        foreach (var r in rows)
            text.Append(r.Code).Append(",\"").Append(r.Name).Append("\",").Append(r.ParentCode).Append(',').Append(r.Level).Append(',').Append(r.Sector).Append('\n');
        await File.WriteAllTextAsync(path, text.ToString(), new UTF8Encoding(false));
    }

    private static async Task ImportAsync(IServiceProvider services, string path, string number)
    {
        var (imported, errors) = await OrganisationModule.ImportUnitsAsync(services, path, Founded, number, Founded, Signer);
        Check(errors.Count == 0 && imported > 0, $"4: import rejected: {string.Join("; ", errors.Take(5))}");
    }

    public async Task<(List<LatencyFigure> Latencies, Figure Import)> OrganisationAsync()
    {
        var directory = Directory.CreateTempSubdirectory("doan-bench-");
        await using var host = await StartHostAsync("bench_4_ours");
        var raw = NpgsqlDataSource.Create(await PostgresCluster.CreateDatabaseAsync("bench_4_raw"));
        try
        {
            serverSettings["4 ours"] = await Scenarios.SettingsAsync(host.Db);
            serverSettings["4 baseline"] = await Scenarios.SettingsAsync(raw);

            // The national tree: one CSV per province through the module's import (UnitEstablished events via BulkInsertStreamsAsync).
            var stopwatch = Stopwatch.StartNew();
            var total = 0;
            for (var p = 0; p < config.Provinces; p++)
            {
                var rows = Province($"P{p:00}", $"Tỉnh {p + 1}", config.UnitsPerProvince);
                total += rows.Count;
                var path = Path.Combine(directory.FullName, $"p{p:00}.csv");
                await WriteCsvAsync(path, rows);
                await ImportAsync(host.App.Services, path, $"{p + 1:00}-QĐ/TWĐTN");
            }
            var imported = stopwatch.Elapsed.TotalSeconds;
            await host.Store.Advanced.WaitForNonStaleAsync(TimeSpan.FromMinutes(20));
            log.WriteLine(Line($"  [4]  national tree: {config.Provinces} provinces, {total:N0} units imported in {imported:F1} s, projections caught up at {stopwatch.Elapsed.TotalSeconds:F1} s"));

            // Three years of changes through the HTTP API (renames and moves of a few % of the units, 8 concurrent clients).
            var units = await UnitsAsync(host.Db);
            var changes = await ChangeAsync(host, units, (int)(total * config.ChangeFraction));
            await host.Store.Advanced.WaitForNonStaleAsync(TimeSpan.FromMinutes(20));
            await VacuumAsync(host.Db);
            var versions = await Scenarios.CountAsync(host.Db, "organisation.unit_versions");
            log.WriteLine(Line($"  [4]  {changes.Count:N0} changes (2023–2025) appended through HTTP and projected; {versions:N0} unit_versions rows"));

            // 4a/4b: the tree of one province as of 30/6/2024 (provinces in turn).
            var provinces = units.Where(u => u.Level == "Province").Select(u => u.Id).ToArray();
            var treeRows = await TreeRawAsync(host.Db, provinces[0]);
            var tree = await PairsAsync("4a", config.LatencyCalls,
                i => TreeOursAsync(host.Client, provinces[i % provinces.Length]),
                i => TreeRawAsync(host.Db, provinces[i % provinces.Length]));
            Explains.Add(await ExplainAsync(host.Db, TreeSql, provinces[0], TreeDate));

            // 4c: a unit's history (units with changes in turn).
            var changed = changes.Select(c => c.UnitId).Distinct().ToArray();
            var history = await PairsAsync("4c", config.LatencyCalls,
                i => HistoryOursAsync(host.Client, changed[i % changed.Length]),
                i => HistoryRawAsync(host.Db, changed[i % changed.Length]));
            Explains.Add(await ExplainAsync(host.Db, HistorySql, changed[0], null));

            var latencies = new List<LatencyFigure>
            {
                new("4a", "tree of one province as of a date", treeRows, tree.Ours, tree.Raw, 100,
                    $"ours: GET /api/organisation/tree?root=&asOf=2024-06-30 (HTTP over loopback, bearer token, access check, JSON, body read); " +
                    $"raw: the recursive CTE over organisation.unit_versions, every field read; {treeRows:N0} rows of ~{config.UnitsPerProvince:N0}-unit provinces in turn"),
                new("4c", "a unit's history", 2, history.Ours, history.Raw, 20,
                    "ours: GET /api/organisation/units/{id}/history; raw: select of its organisation.unit_history rows; changed units in turn (2 entries each)"),
            };

            // 4d: the full import of one province (parse, validate, append) against a binary COPY of the same rows.
            var import = await ImportVersusCopyAsync(host, raw, directory.FullName);
            return (latencies, import);
        }
        finally
        {
            await raw.DisposeAsync();
            directory.Delete(recursive: true);
        }
    }

    private sealed record UnitInfo(Guid Id, Guid? ParentId, string Code, string Level);

    private static async Task<List<UnitInfo>> UnitsAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("select unit_id, parent_id, code, level from organisation.unit_versions where valid_to is null order by code");
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<UnitInfo>();
        while (await reader.ReadAsync())
            list.Add(new UnitInfo(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2), reader.GetString(3)));
        return list;
    }

    private sealed record Change(Guid UnitId, string Url, object Body);

    private async Task<List<Change>> ChangeAsync(Host host, List<UnitInfo> units, int count)
    {
        var random = new Random(42);
        var byLevel = units.ToLookup(u => (Province: u.Code[..3], u.Level));
        var candidates = units.Where(u => u.Level is "Grassroots" or "Branch").OrderBy(_ => random.Next()).Take(count).ToList();
        var changes = new List<Change>(candidates.Count);
        var n = 0;
        foreach (var unit in candidates)
        {
            n++;
            var date = new DateOnly(2023, 1, 1).AddDays(random.Next(3 * 365));
            var decision = new { numberSymbol = $"{n}-QĐ/TĐTN", date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), signer = "Trần Thị Bình".Normalize() };
            if (n % 3 != 0)
            {
                changes.Add(new Change(unit.Id, $"/api/organisation/units/{unit.Id}/rename",
                    new { name = $"Đơn vị {unit.Code} (đổi tên {date.Year})".Normalize(), effectiveDate = decision.date, decision, reason = "Đổi tên theo quyết định" }));
                continue;
            }
            // A branch moves to another grassroots union, a grassroots union to another district/bloc, of the same province.
            var targets = unit.Level == "Branch"
                ? byLevel[(unit.Code[..3], "Grassroots")].ToList()
                : [.. byLevel[(unit.Code[..3], "District")], .. byLevel[(unit.Code[..3], "Bloc")]];
            var target = targets.Where(t => t.Id != unit.ParentId).ElementAt(random.Next(targets.Count - 1));
            changes.Add(new Change(unit.Id, $"/api/organisation/units/{unit.Id}/move",
                new { parentId = target.Id, effectiveDate = decision.date, decision, reason = "Điều chuyển theo quyết định" }));
        }

        var stopwatch = Stopwatch.StartNew();
        var next = -1;
        string? failure = null;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < changes.Count && failure is null; i = Interlocked.Increment(ref next))
            {
                using var response = await host.Client.PostAsJsonAsync(changes[i].Url, changes[i].Body);
                if (!response.IsSuccessStatusCode)
                    failure = $"{changes[i].Url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
        })));
        Check(failure is null, "4: a change failed: " + failure);
        log.WriteLine(Line($"  [4]  {changes.Count:N0} changes through HTTP in {stopwatch.Elapsed.TotalSeconds:F1} s"));
        return changes;
    }

    private const string TreeSql = """
        with recursive tree as (
            select unit_id, parent_id, code, name, short_name, level, sector, organisation, valid_from, valid_to, 0 as depth
            from organisation.unit_versions where unit_id = $1 and valid_from <= $2 and (valid_to is null or valid_to > $2)
            union all
            select c.unit_id, c.parent_id, c.code, c.name, c.short_name, c.level, c.sector, c.organisation, c.valid_from, c.valid_to, tree.depth + 1
            from organisation.unit_versions c join tree on c.parent_id = tree.unit_id
            where c.valid_from <= $2 and (c.valid_to is null or c.valid_to > $2))
        select * from tree
        """;

    private const string HistorySql = """
        select seq, effective_date, recorded_at, kind, description, decision_number, decision_date, decision_signer, actor_id, actor_name, reason
        from organisation.unit_history where unit_id = $1 order by effective_date, seq
        """;

    private static async Task<long> TreeOursAsync(HttpClient client, Guid root)
    {
        using var response = await client.GetAsync(new Uri($"/api/organisation/tree?root={root}&asOf=2024-06-30", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return json.RootElement.GetArrayLength();
    }

    private static async Task<long> TreeRawAsync(NpgsqlDataSource db, Guid root)
    {
        await using var command = db.CreateCommand(TreeSql);
        command.Parameters.Add(new NpgsqlParameter { Value = root, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = TreeDate, NpgsqlDbType = NpgsqlDbType.Date });
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0, checksum = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            checksum += reader.GetGuid(0).GetHashCode() + (reader.IsDBNull(1) ? 0 : reader.GetGuid(1).GetHashCode());
            for (var f = 2; f <= 7; f++)
                checksum += reader.GetString(f).Length;
            checksum += reader.GetFieldValue<DateOnly>(8).DayNumber + (reader.IsDBNull(9) ? 0 : reader.GetFieldValue<DateOnly>(9).DayNumber) + reader.GetInt32(10);
        }
        GC.KeepAlive(checksum);
        return rows;
    }

    private static async Task<long> HistoryOursAsync(HttpClient client, Guid unit)
    {
        using var response = await client.GetAsync(new Uri($"/api/organisation/units/{unit}/history", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return json.RootElement.GetArrayLength();
    }

    private static async Task<long> HistoryRawAsync(NpgsqlDataSource db, Guid unit)
    {
        await using var command = db.CreateCommand(HistorySql);
        command.Parameters.Add(new NpgsqlParameter { Value = unit, NpgsqlDbType = NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0, checksum = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            checksum += reader.GetInt64(0) + reader.GetFieldValue<DateOnly>(1).DayNumber + reader.GetFieldValue<DateTime>(2).Ticks;
            for (var f = 3; f <= 5; f++)
                checksum += reader.GetString(f).Length;
            checksum += reader.GetFieldValue<DateOnly>(6).DayNumber + reader.GetString(7).Length + reader.GetString(8).Length + reader.GetString(9).Length;
            checksum += reader.IsDBNull(10) ? 0 : reader.GetString(10).Length;
        }
        GC.KeepAlive(checksum);
        return rows;
    }

    /// <summary>Calls ours and raw alternately (ABBA), after a warm-up; checks both see the same number of rows.</summary>
    private async Task<(List<double> Ours, List<double> Raw)> PairsAsync(string id, int calls, Func<int, Task<long>> ours, Func<int, Task<long>> raw)
    {
        for (var i = 0; i < Math.Min(20, calls); i++)
        {
            var (o, r) = (await ours(i), await raw(i));
            Check(o == r && o > 0, $"{id}: ours returned {o} rows, the raw read {r}");
        }
        var oursMs = new List<double>(calls);
        var rawMs = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            foreach (var oursFirst in i % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var stopwatch = Stopwatch.StartNew();
                if (oursFirst)
                {
                    await ours(i);
                    oursMs.Add(stopwatch.Elapsed.TotalMilliseconds);
                }
                else
                {
                    await raw(i);
                    rawMs.Add(stopwatch.Elapsed.TotalMilliseconds);
                }
            }
        }
        log.WriteLine(Line($"  [{id}] {calls} calls each: ours p50 {LatencyFigure.Percentile(oursMs, 0.5):F2} ms p95 {LatencyFigure.Percentile(oursMs, 0.95):F2} ms, raw p50 {LatencyFigure.Percentile(rawMs, 0.5):F2} ms p95 {LatencyFigure.Percentile(rawMs, 0.95):F2} ms"));
        return (oursMs, rawMs);
    }

    private async Task<Figure> ImportVersusCopyAsync(Host host, NpgsqlDataSource raw, string directory)
    {
        var ours = new List<double>();
        var baseline = new List<double>();
        var catchUp = new List<double>();
        var units = config.ImportUnits;
        for (var round = 0; round <= config.BulkRounds; round++)
        {
            var warm = round == 0; // round 0 warms up both paths and is not reported
            foreach (var oursFirst in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var rows = Province($"I{round:00}", $"Nhập thử {round}", units);
                if (oursFirst)
                {
                    var path = Path.Combine(directory, $"import{round}.csv");
                    await WriteCsvAsync(path, rows);
                    Collect();
                    var stopwatch = Stopwatch.StartNew();
                    await ImportAsync(host.App.Services, path, $"{round + 100}-QĐ/TWĐTN");
                    var elapsed = stopwatch.Elapsed.TotalSeconds;
                    await host.Store.Advanced.WaitForNonStaleAsync(TimeSpan.FromMinutes(5));
                    if (!warm)
                    {
                        ours.Add(elapsed);
                        catchUp.Add(stopwatch.Elapsed.TotalSeconds);
                    }
                }
                else
                {
                    var table = $"raw_units_{round}";
                    await using (var create = raw.CreateCommand($"create table {table} (code text primary key, name text not null, parent_code text, level text not null, sector text not null)"))
                        await create.ExecuteNonQueryAsync();
                    Collect();
                    var stopwatch = Stopwatch.StartNew();
                    await using (var connection = await raw.OpenConnectionAsync())
                    await using (var writer = await connection.BeginBinaryImportAsync($"copy {table} (code, name, parent_code, level, sector) from stdin (format binary)"))
                    {
                        foreach (var r in rows)
                        {
                            await writer.StartRowAsync();
                            await writer.WriteAsync(r.Code, NpgsqlDbType.Text);
                            await writer.WriteAsync(r.Name, NpgsqlDbType.Text);
                            await writer.WriteAsync(r.ParentCode, NpgsqlDbType.Text);
                            await writer.WriteAsync(r.Level, NpgsqlDbType.Text);
                            await writer.WriteAsync(r.Sector, NpgsqlDbType.Text);
                        }
                        await writer.CompleteAsync();
                    }
                    if (!warm)
                        baseline.Add(stopwatch.Elapsed.TotalSeconds);
                    Check(await Scenarios.CountAsync(raw, table) == units, "4d: the COPY stored a wrong number of rows");
                }
            }
            if (!warm)
                log.WriteLine(Line($"  [4d] round {round}/{config.BulkRounds}: {units:N0} units: ours (import) {ours[^1]:F3} s (projected {catchUp[^1]:F3} s), baseline (binary COPY) {baseline[^1]:F3} s"));
        }
        return new Figure("4d", $"import of a {units:N0}-unit province", units, ours, baseline, "none set (issue 3 asks for the ratio)", 0,
            Line($"ours: OrganisationModule.ImportUnitsAsync of a CSV (read, parse, validate against the {config.Provinces}-province store, BulkInsertStreamsAsync), projections caught up after it in a median {Figure.Median(catchUp):F2} s (untimed); raw: binary COPY of the same rows (5 text columns, code primary key) into a fresh table"));
    }

    // ---------------------------------------------------------------- 5. meetings

    private static readonly string[] MeetingTypes = ["meetings.meeting_convened", "meetings.unit_invited", "meetings.unit_uninvited", "meetings.attendance_recorded", "meetings.notice_issued"];

    public async Task<(Figure Rebuild, LatencyFigure Rate)> MeetingsAsync()
    {
        await using var host = await StartHostAsync("bench_5_ours");
        serverSettings["5 ours/baseline"] = await Scenarios.SettingsAsync(host.Db);
        var random = new Random(7);
        var convening = Guid.CreateVersion7();
        var unitIds = Enumerable.Range(0, config.MeetingUnits).Select(_ => Guid.CreateVersion7()).ToArray();
        var streams = new List<BulkStream>();
        MeetingKind[] kinds = [MeetingKind.Briefing, MeetingKind.Review, MeetingKind.Briefing, MeetingKind.YearEnd];
        for (var m = 0; m < config.Meetings; m++)
        {
            var id = Guid.CreateVersion7();
            var heldOn = new DateOnly(2024, 1, 8).AddDays(m * 350 / config.Meetings);
            var kind = kinds[m % kinds.Length];
            var period = $"Quý {(heldOn.Month - 1) / 3 + 1}/2024";
            var events = new List<object>(unitIds.Length + 1)
            {
                new MeetingConvened(id, kind, convening, $"Hội nghị giao ban {period} lần {m + 1}".Normalize(), period.Normalize(), heldOn, null,
                    "Hội trường Tỉnh Đoàn".Normalize(), [new Chair("Nguyễn Văn An".Normalize(), "Bí thư Tỉnh Đoàn".Normalize())], null, unitIds, []),
            };
            foreach (var unit in unitIds)
            {
                var roll = random.Next(100);
                var status = roll < 85 ? AttendanceStatus.Present : roll < 95 ? AttendanceStatus.ExcusedAbsence : AttendanceStatus.UnexcusedAbsence;
                events.Add(new AttendanceRecorded(id, convening, kind, heldOn, unit, null, status,
                    status == AttendanceStatus.ExcusedAbsence ? "Bận công tác".Normalize() : null, false));
            }
            streams.Add(new BulkStream(id, "Meeting", events));
        }
        var attendance = (long)config.Meetings * config.MeetingUnits;
        var total = attendance + config.Meetings;
        var stopwatch = Stopwatch.StartNew();
        await host.Store.Advanced.BulkInsertStreamsAsync(streams, Scenarios.BenchActor, Scenarios.Reason);
        var written = stopwatch.Elapsed.TotalSeconds;
        await host.Store.Advanced.WaitForNonStaleAsync(TimeSpan.FromMinutes(10));
        log.WriteLine(Line($"  [5]  {config.Meetings} meetings × {config.MeetingUnits} units: {total:N0} events bulk-inserted in {written:F2} s, projected at {stopwatch.Elapsed.TotalSeconds:F2} s"));
        await CheckAttendanceAsync(host.Db, attendance);

        // 5a: rebuild against a raw read of the same events (vacuumed and read once, untimed, as in scenario 3).
        await Scenarios.VacuumAsync(host.Db);
        await ReadMeetingEventsAsync(host.Db);
        var rebuilds = new List<double>();
        var reads = new List<double>();
        for (var round = 0; round < config.BulkRounds; round++)
        {
            foreach (var oursFirst in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                Collect();
                stopwatch.Restart();
                if (oursFirst)
                {
                    await host.Store.Advanced.RebuildProjectionAsync("meetings.attendance");
                    rebuilds.Add(stopwatch.Elapsed.TotalSeconds);
                    await CheckAttendanceAsync(host.Db, attendance);
                }
                else
                {
                    var read = await ReadMeetingEventsAsync(host.Db);
                    reads.Add(stopwatch.Elapsed.TotalSeconds);
                    Check(read == total, $"5a: the raw read saw {read} events, expected {total}");
                }
            }
            log.WriteLine(Line($"  [5a] round {round + 1}/{config.BulkRounds}: {total:N0} events: ours (rebuild) {rebuilds[^1]:F2} s, baseline (plain SELECT) {reads[^1]:F2} s"));
        }
        var rebuild = new Figure("5a", $"attendance rebuild, {total:N0} events", total, rebuilds, reads, "time ≤ 3× raw read (ratio ≥ 0.33)", 1.0 / 3,
            $"ours: RebuildProjectionAsync(\"meetings.attendance\") ({config.Meetings} MeetingConvened + {attendance:N0} AttendanceRecorded, Contracts events); " +
            "raw: one SELECT of all columns of those events, every field read");

        // 5b: the rate query for one unit (the module's SQL, copied from AttendanceQueries.RateAsync) against a plain read of its rows.
        var rate = await PairsAsync("5b", config.LatencyCalls,
            i => RateAsync(host.Db, unitIds[i % unitIds.Length]),
            i => UnitRowsAsync(host.Db, unitIds[i % unitIds.Length]));
        Explains.Add(await ExplainAsync(host.Db, RateSql, unitIds[0], 2024));
        var rateFigure = new LatencyFigure("5b", "attendance rate of one unit for a year", config.Meetings, rate.Ours, rate.Raw, 10,
            "ours: the SQL of AttendanceQueries.RateAsync (copied; the module's HTTP endpoint is not called), counts of the unit's " +
            $"{config.Meetings} invitations in 2024; raw: select of that unit's doan_meetings.invitations rows, every field read");
        return (rebuild, rateFigure);
    }

    private static async Task CheckAttendanceAsync(NpgsqlDataSource db, long attendance)
    {
        await using var command = db.CreateCommand("select count(*), count(status) from doan_meetings.invitations");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Check(reader.GetInt64(0) == attendance && reader.GetInt64(1) == attendance,
            $"5: the attendance read model holds {reader.GetInt64(0)} invitations / {reader.GetInt64(1)} with a status, expected {attendance}");
    }

    private static Task<long> ReadMeetingEventsAsync(NpgsqlDataSource db) => ReadEventsOfTypesAsync(db, MeetingTypes);

    /// <summary>The raw baseline of a rebuild: every column of every event of these types, every field read.</summary>
    private static async Task<long> ReadEventsOfTypesAsync(NpgsqlDataSource db, string[] types)
    {
        await using var command = db.CreateCommand(
            "select seq, id, stream_id, version, type, data, metadata, tenant, recorded_at, tx_id from doan_events.events where type = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0, checksum = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            checksum += reader.GetInt64(0) + reader.GetGuid(1).GetHashCode() + reader.GetGuid(2).GetHashCode() + reader.GetInt64(3);
            checksum += reader.GetString(4).Length + reader.GetString(5).Length + reader.GetString(6).Length + reader.GetString(7).Length;
            checksum += reader.GetFieldValue<DateTime>(8).Ticks + (long)reader.GetFieldValue<ulong>(9);
        }
        GC.KeepAlive(checksum);
        return rows;
    }

    // Copied from modules/Meetings/ReadModels/Attendance.cs AttendanceQueries.RateAsync (the period left null, as the yearly rate asks).
    private const string RateSql = """
        select count(*), count(*) filter (where i.status = 'Present'), count(*) filter (where i.status = 'ExcusedAbsence'),
               count(*) filter (where i.status = 'UnexcusedAbsence')
        from doan_meetings.invitations i join doan_meetings.meetings m using (meeting_id)
        where i.unit_id = $1 and extract(year from m.held_on) = $2 and ($3::text is null or m.period = $3)
        """;

    private static async Task<long> RateAsync(NpgsqlDataSource db, Guid unit)
    {
        await using var command = db.CreateCommand(RateSql);
        command.Parameters.Add(new NpgsqlParameter { Value = unit });
        command.Parameters.Add(new NpgsqlParameter { Value = 2024 });
        command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (invited, present) = ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
        GC.KeepAlive(invited == 0 ? 0m : Math.Round(100m * present / invited, 2) + reader.GetInt64(2) + reader.GetInt64(3));
        return invited;
    }

    private static async Task<long> UnitRowsAsync(NpgsqlDataSource db, Guid unit)
    {
        await using var command = db.CreateCommand("select meeting_id, attendee, unit_id, person, status, reason from doan_meetings.invitations where unit_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = unit, NpgsqlDbType = NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0, checksum = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            checksum += reader.GetGuid(0).GetHashCode() + reader.GetString(1).Length + reader.GetGuid(2).GetHashCode();
            checksum += (reader.IsDBNull(3) ? 0 : reader.GetString(3).Length) + reader.GetString(4).Length + (reader.IsDBNull(5) ? 0 : reader.GetString(5).Length);
        }
        GC.KeepAlive(checksum);
        return rows;
    }

    // ---------------------------------------------------------------- helpers

    private static async Task<string> ExplainAsync(NpgsqlDataSource db, string sql, Guid id, object? second)
    {
        await using var command = db.CreateCommand("explain (analyze, buffers) " + sql);
        command.Parameters.Add(new NpgsqlParameter { Value = id, NpgsqlDbType = NpgsqlDbType.Uuid });
        if (second is DateOnly date)
            command.Parameters.Add(new NpgsqlParameter { Value = date, NpgsqlDbType = NpgsqlDbType.Date });
        else if (second is int year)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = year });
            command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        }
        var lines = new List<string> { sql.Split('\n')[0].Trim() + " …" };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add("    " + reader.GetString(0));
        return string.Join(Environment.NewLine, lines);
    }

    private static async Task VacuumAsync(NpgsqlDataSource db)
    {
        foreach (var table in new[] { "organisation.unit_versions", "organisation.unit_history" })
        {
            await using var command = db.CreateCommand($"vacuum (analyze) {table}");
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync();
        }
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
            throw new InvalidOperationException("Benchmark self-check failed: " + message);
    }
}
