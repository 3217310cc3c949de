// The event store benchmark: ours against a raw Npgsql baseline measured in the same run, on the same cluster.
// Usage: dotnet run -c Release --project ops/bench -- [--quick] [--only ID[,ID]] [--json FILE] [--profile [appends|bulk|rebuild]]
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using DoanPlatform.Bench;
using DoanPlatform.Testing;

var quick = false;
var profile = false;
string? profileSection = null;
string? jsonPath = null;
string[] allIds = ["1a", "1b", "2", "3", "4a", "4c", "4d", "5a", "5b", "6a", "6b", "6c", "7a", "7b"];
HashSet<string>? only = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick":
            quick = true;
            break;
        case "--profile":
            profile = true;
            if (i + 1 < args.Length && args[i + 1] is "appends" or "bulk" or "rebuild")
                profileSection = args[++i];
            break;
        case "--only" when i + 1 < args.Length:
            only = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            if (only.FirstOrDefault(id => !allIds.Contains(id)) is { } unknown)
            {
                Console.Error.WriteLine($"Unknown scenario id '{unknown}'; known: {string.Join(",", allIds)}");
                return 2;
            }
            break;
        case "--json" when i + 1 < args.Length:
            jsonPath = args[++i];
            break;
        case "-h" or "--help":
            Console.WriteLine("Usage: dotnet run -c Release --project ops/bench -- [--quick] [--json FILE] [--profile [appends|bulk|rebuild]]");
            Console.WriteLine("  --quick    smaller counts (about a minute)");
            Console.WriteLine($"  --only I   run only these figures, comma-separated ({string.Join(",", allIds)}; 2 and 3 run together, as do 4a/4c/4d, 5a/5b and 6a/6b/6c)");
            Console.WriteLine("  --json F   also write the figures to F");
            Console.WriteLine("  --profile [appends|bulk|rebuild]  instead of the figures, break the scenarios (or one) down step by step");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'. Usage: [--quick] [--only ID[,ID]] [--json FILE] [--profile [appends|bulk|rebuild]]");
            return 2;
    }
}

#if DEBUG
Console.Error.WriteLine("warning: a Debug build; figures are only meaningful with -c Release");
#endif

var config = quick ? BenchConfig.Quick : BenchConfig.Full;
var started = Stopwatch.StartNew();
Console.WriteLine($"DoanPlatform event store benchmark ({config.Mode} run)");
Console.WriteLine($"cores: {Environment.ProcessorCount} (client and PostgreSQL share them) · .NET {Environment.Version} · {(GCSettings.IsServerGC ? "server" : "workstation")} GC");

var server = await PostgresCluster.GetAsync();
string version;
await using (var admin = Npgsql.NpgsqlDataSource.Create(server.ConnectionString("postgres")))
await using (var command = admin.CreateCommand("select version()"))
    version = (string)(await command.ExecuteScalarAsync())!;
Console.WriteLine($"server: {version.Split(" on ")[0]}, throwaway local cluster on port {server.Port}");
var loadAtStart = Profile.LoadAverage();
Console.WriteLine($"load average at start: {loadAtStart} (other work on the machine skews figures; ours and baseline alternate to share it)");
Console.WriteLine();

if (profile)
{
    await new Profile(config).RunAsync(profileSection);
    return 0;
}

bool Wanted(params string[] ids) => only is null || ids.Any(only.Contains);
var scenarios = new Scenarios(config, Console.Out);
var domain = new DomainScenarios(config, Console.Out, scenarios.ServerSettings);
var figures = new List<Figure>();
var latencies = new List<LatencyFigure>();
if (Wanted("1a", "1b"))
{
    Console.WriteLine("1. single-event appends with expected-version checks");
    if (Wanted("1a"))
        figures.Add(await scenarios.SingleAppendsAsync(1, config.SingleWriterEventsPerRound));
    if (Wanted("1b"))
        figures.Add(await scenarios.SingleAppendsAsync(config.Writers, config.EventsPerWriterPerRound));
}
if (Wanted("2", "3"))
{
    Console.WriteLine("2./3. bulk append, then async rebuild over those events");
    var (bulk, rebuild) = await scenarios.BulkAndRebuildAsync();
    figures.Add(bulk);
    figures.Add(rebuild);
}
if (Wanted("4a", "4c", "4d"))
{
    Console.WriteLine($"4. organisation: a national tree of {config.Provinces} provinces × {config.UnitsPerProvince:N0} units through the real host");
    var (orgLatencies, import) = await domain.OrganisationAsync();
    latencies.AddRange(orgLatencies);
    figures.Add(import);
}
if (Wanted("5a", "5b"))
{
    Console.WriteLine($"5. meetings: attendance of a province-year ({config.MeetingUnits} units × {config.Meetings} meetings) through the real host");
    var (rebuild, rate) = await domain.MeetingsAsync();
    figures.Add(rebuild);
    latencies.Add(rate);
}
if (Wanted("6a", "6b", "6c"))
{
    Console.WriteLine($"6. emulation: a province-year ({config.EmulationUnits} units × 60 conditions × 3 steps) through the real host");
    var (rebuild, rankings, export) = await domain.EmulationAsync();
    figures.Add(rebuild);
    latencies.Add(rankings);
    latencies.Add(export);
}
if (Wanted("7a"))
{
    Console.WriteLine($"7a. reporting: the yearly review workbook of a province-year ({(quick ? 500 : 5_000):N0} units × 60 conditions) against a bare OpenXmlWriter loop");
    figures.Add(await domain.ReportingAsync());
}
if (Wanted("7b"))
{
    Console.WriteLine($"7b. audit verify: a read model over {(long)config.BulkStreams * config.BulkEventsPerStream:N0} events rebuilt into a shadow schema and compared");
    figures.Add(await scenarios.VerifyAsync());
}
if (only is not null)
{
    figures.RemoveAll(f => !only.Contains(f.Id));
    latencies.RemoveAll(f => !only.Contains(f.Id));
}

var settings = scenarios.ServerSettings.Values.Distinct().ToList();
var fsyncOff = scenarios.ServerSettings.Values.All(s => s.StartsWith("fsync=off", StringComparison.Ordinal));
Console.WriteLine();
Console.WriteLine($"durability: {string.Join(" | ", settings)} — checked in every scenario's databases, ours and baseline: fsync is {(fsyncOff ? "off in both" : "NOT off in both")}");
Console.WriteLine();

string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
var header = $"{"#",-3} {"figure",-40} {"events",10} {"ours ev/s",11} {"ours s",8} {"raw ev/s",11} {"raw s",8} {"ratio",7} {"ours time",10}  {"goal",-34} {"status",-7}";
Console.WriteLine(header);
Console.WriteLine(new string('-', header.Length));
foreach (var f in figures)
{
    Console.WriteLine($"{f.Id,-3} {f.Title,-40} {f.Events,10:N0} {F(f.OursEventsPerSecond, "N0"),11} {F(f.OursSeconds, "F2"),8} " +
                      $"{F(f.BaselineEventsPerSecond, "N0"),11} {F(f.BaselineSeconds, "F2"),8} {F(f.ThroughputRatio, "F2") + "×",7} " +
                      $"{F(f.TimeMultiple, "F2") + "× raw",10}  {f.Goal,-34} {(f.MinThroughputRatio == 0 ? "n/a" : f.Met ? "met" : "NOT MET"),-7}");
}
if (latencies.Count > 0)
{
    Console.WriteLine();
    var lheader = $"{"#",-3} {"figure",-40} {"rows",6} {"ours p50",9} {"ours p95",9} {"raw p50",9} {"raw p95",9} {"ours/raw",9}  {"goal",-20} {"status",-7}";
    Console.WriteLine(lheader);
    Console.WriteLine(new string('-', lheader.Length));
    foreach (var f in latencies)
        Console.WriteLine($"{f.Id,-3} {f.Title,-40} {f.Rows,6:N0} {F(f.OursP50, "F2") + " ms",9} {F(f.OursP95, "F2") + " ms",9} {F(f.RawP50, "F2") + " ms",9} " +
                          $"{F(f.RawP95, "F2") + " ms",9} {F(f.TimeMultiple, "F2") + "×",9}  {f.Goal,-20} {(f.Met ? "met" : "NOT MET"),-7}");
}
Console.WriteLine();
Console.WriteLine($"events = per round; seconds = median of {config.Rounds} interleaved rounds (scenario 1) or {config.BulkRounds} (scenarios 2, 3, 4d, 5a, 7b); load average at end: {Profile.LoadAverage()}");
Console.WriteLine("ratio = ours / raw as throughput (events/s): higher is better, 1.00× is as fast as raw; the median of the per-round ratios");
Console.WriteLine("(each round pairs an ours run and a raw run adjacent in time). 'ours time' is its inverse: lower is better.");
Console.WriteLine("latency figures: ms per call over interleaved calls (ours, raw, raw, ours, …); ours/raw = median of per-pair time ratios (lower is better).");
foreach (var f in figures)
    Console.WriteLine($"  {f.Id}: {f.Note}");
foreach (var f in latencies)
    Console.WriteLine($"  {f.Id}: {f.Note}");
foreach (var explain in domain.Explains)
    Console.WriteLine("  EXPLAIN (ANALYZE, BUFFERS) " + explain);
Console.WriteLine();
Console.WriteLine("summary:");
foreach (var f in figures)
{
    var detail = f.Id is "3" or "5a" or "6a"
        ? $"rebuild takes {F(f.TimeMultiple, "F2")}× the raw read time (goal ≤ 3×)"
        : f.Id == "7a"
        ? $"the export takes {F(f.TimeMultiple, "F2")}× the bare writer's time (goal ≤ 2×; memory in its note)"
        : f.MinThroughputRatio == 0
            ? $"{F(f.ThroughputRatio, "F2")}× raw throughput, i.e. {F(f.TimeMultiple, "F1")}× the raw time (no goal set)"
            : $"{F(f.ThroughputRatio, "F2")}× raw throughput (goal {f.Goal.Split(' ')[0]} {F(f.MinThroughputRatio, "F2")}×)";
    Console.WriteLine($"  goal {f.Id} ({f.Title}): {detail}: {(f.MinThroughputRatio == 0 ? "reported" : f.Met ? "met" : "not met")}");
}
foreach (var f in latencies)
    Console.WriteLine($"  goal {f.Id} ({f.Title}): p50 {F(f.OursP50, "F2")} ms / p95 {F(f.OursP95, "F2")} ms, {F(f.TimeMultiple, "F2")}× the plain SQL read ({f.Goal}): {(f.Met ? "met" : "not met")}");
Console.WriteLine($"total time {F(started.Elapsed.TotalSeconds, "F1")} s");

if (jsonPath is not null)
{
    var report = new
    {
        mode = config.Mode,
        cores = Environment.ProcessorCount,
        server = version,
        fsyncOffInBoth = fsyncOff,
        loadAverage = new { start = loadAtStart, end = Profile.LoadAverage() },
        serverSettings = scenarios.ServerSettings,
        ratioMeaning = "ours/baseline as throughput (events per second), median of per-round ratios; higher is better",
        figures = figures.Select(f => new
        {
            id = f.Id,
            title = f.Title,
            events = f.Events,
            ours = new { seconds = f.OursSeconds, eventsPerSecond = f.OursEventsPerSecond, rounds = f.OursRounds },
            baseline = new { seconds = f.BaselineSeconds, eventsPerSecond = f.BaselineEventsPerSecond, rounds = f.BaselineRounds },
            throughputRatio = f.ThroughputRatio,
            timeMultiple = f.TimeMultiple,
            goal = f.Goal,
            minThroughputRatio = f.MinThroughputRatio,
            met = f.Met,
            note = f.Note,
        }),
        latencies = latencies.Select(f => new
        {
            id = f.Id,
            title = f.Title,
            rows = f.Rows,
            ours = new { p50Ms = f.OursP50, p95Ms = f.OursP95, calls = f.OursMs.Count },
            baseline = new { p50Ms = f.RawP50, p95Ms = f.RawP95, calls = f.RawMs.Count },
            timeMultiple = f.TimeMultiple,
            goal = f.Goal,
            met = f.Met,
            note = f.Note,
        }),
        explains = domain.Explains,
        totalSeconds = started.Elapsed.TotalSeconds,
    };
    var directory = Path.GetDirectoryName(Path.GetFullPath(jsonPath));
    if (directory is not null)
        Directory.CreateDirectory(directory);
    await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, ReportJson.Options));
    Console.WriteLine($"wrote {jsonPath}");
}
return 0;

internal static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
