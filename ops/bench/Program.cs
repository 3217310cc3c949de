// The event store benchmark: ours against a raw Npgsql baseline measured in the same run, on the same cluster.
// Usage: dotnet run -c Release --project ops/bench -- [--quick] [--json FILE] [--profile [appends|bulk|rebuild]]
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
        case "--json" when i + 1 < args.Length:
            jsonPath = args[++i];
            break;
        case "-h" or "--help":
            Console.WriteLine("Usage: dotnet run -c Release --project ops/bench -- [--quick] [--json FILE] [--profile [appends|bulk|rebuild]]");
            Console.WriteLine("  --quick    smaller counts (under a minute)");
            Console.WriteLine("  --json F   also write the figures to F");
            Console.WriteLine("  --profile [appends|bulk|rebuild]  instead of the figures, break the scenarios (or one) down step by step");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'. Usage: [--quick] [--json FILE] [--profile [appends|bulk|rebuild]]");
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

var scenarios = new Scenarios(config, Console.Out);
var figures = new List<Figure>();
Console.WriteLine("1. single-event appends with expected-version checks");
figures.Add(await scenarios.SingleAppendsAsync(1, config.SingleWriterEventsPerRound));
figures.Add(await scenarios.SingleAppendsAsync(config.Writers, config.EventsPerWriterPerRound));
Console.WriteLine("2./3. bulk append, then async rebuild over those events");
var (bulk, rebuild) = await scenarios.BulkAndRebuildAsync();
figures.Add(bulk);
figures.Add(rebuild);

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
                      $"{F(f.TimeMultiple, "F2") + "× raw",10}  {f.Goal,-34} {(f.Met ? "met" : "NOT MET"),-7}");
}
Console.WriteLine();
Console.WriteLine($"events = per round; seconds = median of {config.Rounds} interleaved rounds (scenario 1) or {config.BulkRounds} (scenarios 2 and 3); load average at end: {Profile.LoadAverage()}");
Console.WriteLine("ratio = ours / raw as throughput (events/s): higher is better, 1.00× is as fast as raw; the median of the per-round ratios");
Console.WriteLine("(each round pairs an ours run and a raw run adjacent in time). 'ours time' is its inverse: lower is better.");
foreach (var f in figures)
    Console.WriteLine($"  {f.Id}: {f.Note}");
Console.WriteLine();
Console.WriteLine("summary:");
foreach (var f in figures)
{
    var detail = f.Id == "3"
        ? $"rebuild takes {F(f.TimeMultiple, "F2")}× the raw read time (goal ≤ 3×)"
        : $"{F(f.ThroughputRatio, "F2")}× raw throughput (goal {f.Goal.Split(' ')[0]} {F(f.MinThroughputRatio, "F2")}×)";
    Console.WriteLine($"  goal {f.Id} ({f.Title}): {detail}: {(f.Met ? "met" : "not met")}");
}
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
