using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using DoanPlatform.Emulation.Contracts;
using DoanPlatform.EventStore;
using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Topic = DoanPlatform.Inspections.Contracts.Topic;

namespace DoanPlatform.Bench;

/// <summary>
/// Scenario 7 (Reporting, issue 7): the yearly review workbook of a synthetic province-year, 5,000 scored units × 60 conditions
/// (quick: 500), against a bare OpenXmlWriter loop writing the same cells from memory, in the same run.
/// The source data are the other modules' public contract events, bulk-appended with BulkInsertStreamsAsync, then projected by the
/// running daemon into the read models the export reads; the organisation tree, clusters and scale go through the real module APIs.
/// </summary>
internal sealed partial class DomainScenarios
{
    private const int ReviewYear = EmulationYear;
    private const int Briefings = 4;
    private const int Tasks = 3;
    private static readonly DateOnly[] BriefingDays = [new(2024, 3, 28), new(2024, 6, 27), new(2024, 9, 26), new(2024, 12, 19)];
    private static readonly DateOnly[] TaskDeadlines = [new(2024, 3, 31), new(2024, 6, 30), new(2024, 9, 30)];

    /// <summary>What the bench generated, kept in memory: the baseline writes its cells from here.</summary>
    private sealed record ReviewData(
        string IssuerName, (string Code, string Name)[] Direct, (Guid Id, string Code, string Name)[] Units, string[] ClusterOf, decimal[][] Self,
        decimal[][] Assessed, decimal[] Totals, string[] Classes, AttendanceStatus[,] Attendance, DateOnly?[,] Completed, int Inspected);

    private static string ConditionCode(int i) => $"{(char)('A' + i / (Conditions / 3))}{i % (Conditions / 3) + 1}";

    private static (string Name, decimal Min)[] ReviewClasses { get; } =
        [("Hoàn thành xuất sắc nhiệm vụ".Normalize(), 270m), ("Hoàn thành tốt nhiệm vụ".Normalize(), 230m), ("Hoàn thành nhiệm vụ".Normalize(), 150m),
         ("Không hoàn thành nhiệm vụ".Normalize(), decimal.MinValue)];

    public async Task<Figure> ReportingAsync()
    {
        var count = config.Mode == "quick" ? 500 : 5_000;
        var directory = Directory.CreateTempSubdirectory("doan-bench-");
        await using var host = await StartHostAsync("bench_7_ours");
        try
        {
            serverSettings["7 ours/baseline"] = await Scenarios.SettingsAsync(host.Db);
            var stopwatch = Stopwatch.StartNew();
            var data = await SetUpReviewAsync(host, directory.FullName, count);
            var province = (await host.App.Services.GetRequiredService<IUnitDirectory>().FindByCodeAsync("P07", new DateOnly(ReviewYear, 12, 31)))!.Id;
            log.WriteLine(Line($"  [7]  province-year of {count:N0} units × {Conditions} conditions set up and projected in {stopwatch.Elapsed.TotalSeconds:F1} s"));

            var ours = Path.Combine(directory.FullName, "ours.xlsx");
            var bare = Path.Combine(directory.FullName, "baseline.xlsx");
            var oursSeconds = new List<double>();
            var bareSeconds = new List<double>();
            var oursMemory = new List<Memory>();
            var bareMemory = new List<Memory>();
            for (var round = 0; round < config.BulkRounds; round++)
            {
                foreach (var oursFirst in round % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    if (oursFirst)
                    {
                        var (seconds, memory) = await MeasureAsync(async () =>
                        {
                            await using var file = new FileStream(ours, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                            await ReportingModule.WriteYearlyReviewAsync(host.App.Services, province, ReviewYear, file);
                        });
                        oursSeconds.Add(seconds);
                        oursMemory.Add(memory);
                    }
                    else
                    {
                        var (seconds, memory) = await MeasureAsync(() =>
                        {
                            using var file = new FileStream(bare, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                            WriteBaseline(file, data);
                            return Task.CompletedTask;
                        });
                        bareSeconds.Add(seconds);
                        bareMemory.Add(memory);
                    }
                }
                log.WriteLine(Line($"  [7a] round {round + 1}/{config.BulkRounds}: ours {oursSeconds[^1]:F2} s (peak RSS {oursMemory[^1].PeakMb:F0} MB, +{oursMemory[^1].RiseMb:F0} MB, managed peak {oursMemory[^1].ManagedMb:F0} MB), baseline {bareSeconds[^1]:F2} s (peak RSS {bareMemory[^1].PeakMb:F0} MB, +{bareMemory[^1].RiseMb:F0} MB, managed peak {bareMemory[^1].ManagedMb:F0} MB)"));
            }

            // The two workbooks hold the same cells, sheet by sheet.
            var oursCells = CountCells(ours);
            var bareCells = CountCells(bare);
            Check(oursCells.SequenceEqual(bareCells), $"7a: ours wrote {string.Join("/", oursCells)} cells per sheet, the baseline {string.Join("/", bareCells)}");
            var cells = oursCells.Sum();
            if (Environment.GetEnvironmentVariable("DOAN_BENCH_WORKBOOK") is { Length: > 0 } keep)
                File.Copy(ours, keep, overwrite: true);
            var peak = oursMemory.Max(m => m.PeakMb);
            return new Figure("7a", $"yearly review .xlsx, {count:N0} units", cells, oursSeconds, bareSeconds, "time ≤ 2× raw; peak < 500 MB", 0.5,
                Line($"ours: ReportingModule.WriteYearlyReviewAsync to a file: the per-unit figures from the read models, then the 7 sheets streamed from ") +
                Line($"database readers through OpenXmlWriter ({cells:N0} cells, {string.Join("/", oursCells.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))} per sheet, ") +
                Line($"{new FileInfo(ours).Length / 1e6:F1} MB); raw: a bare OpenXmlWriter loop writing the same cells (counted in both files) from in-memory arrays into the same ") +
                Line($"zip layout. 'events' = cells. Memory, per run (GC'd and /proc/self/clear_refs reset before each): ours peak RSS {peak:F0} MB ") +
                Line($"(max of {oursMemory.Count} runs; +{oursMemory.Max(m => m.RiseMb):F0} MB over the process before it, managed heap peak {oursMemory.Max(m => m.ManagedMb):F0} MB), ") +
                Line($"baseline {bareMemory.Max(m => m.PeakMb):F0} MB (+{bareMemory.Max(m => m.RiseMb):F0} MB, managed {bareMemory.Max(m => m.ManagedMb):F0} MB); the process holds the host ") +
                Line($"(Kestrel, daemon, pools) for both. Goal peak < 500 MB: {(peak < 500 ? "met" : "NOT MET")}"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // ---------------------------------------------------------------- data

    private async Task<ReviewData> SetUpReviewAsync(Host host, string directory, int count)
    {
        var rows = Province("P07", "Tỉnh Tổng kết", 16 + count);
        var path = Path.Combine(directory, "p07.csv");
        await WriteCsvAsync(path, rows);
        await ImportAsync(host.App.Services, path, "07-QĐ/TWĐTN");
        await host.Store.Advanced.WaitForNonStaleAsync(TimeSpan.FromMinutes(10));
        var names = rows.ToDictionary(r => r.Code, r => r.Name);
        var all = await UnitsAsync(host.Db);
        var province = all.Single(u => u.Code == "P07");
        var units = all.Where(u => u.Level is "Grassroots" or "Branch").Select(u => (u.Id, u.Code, Name: names[u.Code])).ToArray();
        var direct = all.Where(u => u.ParentId == province.Id).Select(u => (u.Code, Name: names[u.Code])).ToArray();
        Check(units.Length == count, $"7: {units.Length} scored units, expected {count}");

        // Clusters of 50 and the published 60-condition scale, through HTTP as an office would.
        var clusterCount = (count + ClusterSize - 1) / ClusterSize;
        var decision = new { numberSymbol = "05-QĐ/TĐTN", date = "2024-01-15", signer = "Nguyễn Văn An".Normalize() };
        var clusterOf = new string[count];
        await ParallelAsync(8, clusterCount, async c =>
        {
            var name = $"Cụm thi đua số {c + 1}".Normalize();
            var formed = await PostOkAsync(host.Client, "/api/organisation/clusters", new
            {
                issuingUnitId = province.Id, year = ReviewYear, name, effectiveDate = "2024-01-15", decision, reason = "Phân cụm thi đua".Normalize(),
            });
            var id = formed.GetProperty("id").GetGuid();
            for (var u = c * ClusterSize; u < Math.Min(count, (c + 1) * ClusterSize); u++)
            {
                clusterOf[u] = name;
                await PostOkAsync(host.Client, $"/api/organisation/clusters/{id}/members",
                    new { unitId = units[u].Id, effectiveDate = "2024-01-15", decision, reason = "Phân cụm thi đua".Normalize() });
            }
        });
        var drafted = await PostOkAsync(host.Client, "/api/emulation/scales", new { issuingUnitId = province.Id, year = ReviewYear, content = ScaleContent() });
        var scaleId = drafted.GetProperty("id").GetGuid();
        await PostOkAsync(host.Client, $"/api/emulation/scales/{scaleId}/publish", new { version = 1, effectiveDate = "2024-02-23" });

        // The year's contract events, bulk-appended.
        var random = new Random(17);
        var self = new decimal[count][];
        var assessed = new decimal[count][];
        var totals = new decimal[count];
        var classes = new string[count];
        var attendance = new AttendanceStatus[Briefings, count];
        var completed = new DateOnly?[Tasks, count];
        var streams = new List<BulkStream>();
        for (var m = 0; m < Briefings; m++)
        {
            var id = Guid.CreateVersion7();
            var period = $"Quý {m + 1}/{ReviewYear}".Normalize();
            var events = new List<object>(count + 1)
            {
                new MeetingConvened(id, MeetingKind.Briefing, province.Id, $"Hội nghị giao ban công tác Đoàn {period}".Normalize(), period, BriefingDays[m], null,
                    "Hội trường Tỉnh Đoàn".Normalize(), [new Chair("Nguyễn Văn An".Normalize(), "Bí thư Tỉnh Đoàn".Normalize())], null, [.. units.Select(u => u.Id)], []),
            };
            for (var u = 0; u < count; u++)
            {
                var roll = random.Next(100);
                attendance[m, u] = roll < 85 ? AttendanceStatus.Present : roll < 95 ? AttendanceStatus.ExcusedAbsence : AttendanceStatus.UnexcusedAbsence;
                events.Add(new AttendanceRecorded(id, province.Id, MeetingKind.Briefing, BriefingDays[m], units[u].Id, null, attendance[m, u],
                    attendance[m, u] == AttendanceStatus.ExcusedAbsence ? "Bận công tác theo kế hoạch của cơ quan".Normalize() : null, false));
            }
            streams.Add(new BulkStream(id, "Meeting", events));
            if (m >= Tasks)
                continue;
            var task = Guid.CreateVersion7();
            var taskEvents = new List<object>
            {
                new TaskAssigned(task, id, province.Id, $"Triển khai nhiệm vụ trọng tâm {period} tới 100% chi đoàn".Normalize(), AssigneeScope.AllInvited, null,
                    [.. units.Select(u => u.Id)], TaskDeadlines[m], null, "100% chi đoàn".Normalize(), []),
            };
            for (var u = 0; u < count; u++)
            {
                var roll = random.Next(100);
                completed[m, u] = roll < 70 ? TaskDeadlines[m].AddDays(-random.Next(0, 20)) : roll < 85 ? TaskDeadlines[m].AddDays(random.Next(1, 20)) : null;
                if (completed[m, u] is { } on)
                    taskEvents.Add(new TaskCompleted(task, units[u].Id, $"Báo cáo số {u + 1}-BC/ĐTN".Normalize(), on));
            }
            streams.Add(new BulkStream(task, "MeetingTask", taskEvents));
        }
        for (var u = 0; u < count; u++)
        {
            var sheet = Guid.CreateVersion7();
            self[u] = [.. Enumerable.Range(0, Conditions).Select(_ => random.Next(6, 11) / 2m)];
            assessed[u] = [.. self[u].Select((v, i) => i % 10 == 3 ? Math.Max(0, v - 1) : v)];
            var sections = Enumerable.Range(0, 3).ToDictionary(s => ((char)('A' + s)).ToString(), s => assessed[u].Skip(s * Conditions / 3).Take(Conditions / 3).Sum());
            totals[u] = assessed[u].Sum();
            var classIndex = Array.FindIndex(ReviewClasses, c => totals[u] >= c.Min);
            classes[u] = ReviewClasses[classIndex].Name;
            var absences = Enumerable.Range(0, Briefings).Count(m => attendance[m, u] != AttendanceStatus.Present);
            var unexcused = Enumerable.Range(0, Briefings).Count(m => attendance[m, u] == AttendanceStatus.UnexcusedAbsence);
            var done = Enumerable.Range(0, Tasks).Count(t => completed[t, u] is not null);
            List<object> events =
            [
                new SelfAssessed(sheet, units[u].Id, ReviewYear, scaleId, [.. self[u].Select((v, i) => new ScoreEntry(ConditionCode(i), v))]),
                new SelfAssessmentSubmitted(sheet, new DateOnly(ReviewYear, 11, 15)),
                new ScoresAssessed(sheet, [.. assessed[u].Select((v, i) => new ScoreEntry(ConditionCode(i), v, v == self[u][i] ? null : "Chưa đủ minh chứng, trừ 1 điểm".Normalize()))]),
                new ScoresLocked(sheet, units[u].Id, ReviewYear, scaleId, province.Id, Sector.None, UnitLevel.Grassroots, new UnitFacts(absences, unexcused, Tasks, done),
                    new DateOnly(ReviewYear, 12, 20), totals[u], totals[u], 0, 0, sections, classes[u], classIndex, [sections["A"], sections["B"]], "Cờ thi đua".Normalize(),
                    [.. assessed[u].Select((v, i) => new FinalScore(ConditionCode(i), v, v, false))]),
            ];
            if (u % 2 == 0)
                events.Add(new ResultPublished(sheet, new DateOnly(ReviewYear, 12, 28)));
            streams.Add(new BulkStream(sheet, "ScoreSheet", events));
        }
        // One plan inspects one unit in ten: two topics each, a recommendation each, half of them reported done.
        var inspected = count / 10;
        var plan = Guid.CreateVersion7();
        var inspection = Guid.CreateVersion7();
        var held = new DateOnly(ReviewYear, 10, 16);
        var planEvents = new List<object>
        {
            new PlanIssued(plan, province.Id, "12-KH/TĐTN".Normalize(), ReviewYear, new DateOnly(ReviewYear, 10, 1), new DateOnly(ReviewYear, 10, 1),
                new DateOnly(ReviewYear, 10, 31), [.. units.Take(inspected).Select(u => u.Id)],
                [new Topic("A1", "Học tập nghị quyết".Normalize()), new Topic(null, "Phát triển đoàn viên".Normalize())], Guid.CreateVersion7(), []),
            new InspectionHeld(plan, inspection, held, "Hội trường Tỉnh Đoàn".Normalize(), [.. units.Take(inspected).Select(u => u.Id)]),
        };
        for (var u = 0; u < inspected; u++)
        {
            planEvents.Add(new TopicReviewed(plan, inspection, units[u].Id, ReviewYear, held, "A1", u % 3 == 0 ? EvidenceVerdict.Rejected : EvidenceVerdict.Accepted,
                "Minh chứng chưa đầy đủ".Normalize(), null, ["Chủ động triển khai".Normalize()], u % 3 == 0 ? ["Thiếu biên bản học tập".Normalize()] : []));
            planEvents.Add(new TopicReviewed(plan, inspection, units[u].Id, ReviewYear, held, "Phát triển đoàn viên".Normalize(), EvidenceVerdict.PartlyAccepted,
                null, "Đoàn viên mới chuyển đến".Normalize(), [], ["Hồ sơ kết nạp chưa đầy đủ".Normalize()]));
            var recommendation = Guid.CreateVersion7();
            planEvents.Add(new RecommendationMade(plan, recommendation, inspection, units[u].Id, ReviewYear, "Hoàn thiện hồ sơ kết nạp đoàn viên".Normalize(),
                new DateOnly(ReviewYear, 12, 31)));
            if (u % 2 == 0)
                planEvents.Add(new RecommendationReported(plan, recommendation, units[u].Id, new DateOnly(ReviewYear, 12, 10), "Đã hoàn thành".Normalize(), true));
        }
        streams.Add(new BulkStream(plan, "InspectionPlan", planEvents));
        var appended = await host.Store.Advanced.BulkInsertStreamsAsync(streams, Scenarios.BenchActor, Scenarios.Reason);
        await host.Store.Advanced.WaitForNonStaleAsync(TimeSpan.FromMinutes(30));
        log.WriteLine(Line($"  [7]  {appended:N0} contract events bulk-appended (sheets, briefings, tasks, an inspection) and projected"));
        await using (var command = host.Db.CreateCommand("""
            select (select count(*) from doan_reporting.review_score_lines), (select count(*) from doan_reporting.review_attendance),
                   (select count(*) from doan_reporting.review_tasks), (select count(*) from doan_reporting.review_findings)
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            Check((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)) == ((long)count * Conditions, (long)count * Briefings, (long)count * Tasks, inspected * 2L),
                $"7: the read models hold {reader.GetInt64(0)}/{reader.GetInt64(1)}/{reader.GetInt64(2)}/{reader.GetInt64(3)} rows");
        }
        return new ReviewData(names["P07"], direct, units, clusterOf, self, assessed, totals, classes, attendance, completed, inspected);
    }

    // ---------------------------------------------------------------- measuring

    private readonly record struct Memory(double PeakMb, double RiseMb, double ManagedMb);

    /// <summary>
    /// Times one run and its memory: the process's peak resident set while it ran (Linux: /proc/self/clear_refs resets the high-water
    /// mark, /proc/self/status's VmHWM reads it), how far that rose above the resident set at the start, and the managed heap's peak (sampled).
    /// </summary>
    private static async Task<(double Seconds, Memory Memory)> MeasureAsync(Func<Task> run)
    {
        Collect();
        var start = ResetPeakResidentSet();
        var managed = GC.GetTotalMemory(false);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                managed = Math.Max(managed, GC.GetTotalMemory(false));
                try { await Task.Delay(10, stop.Token); }
                catch (OperationCanceledException) { }
            }
        });
        var stopwatch = Stopwatch.StartNew();
        await run();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        var peak = Status("VmHWM") ?? Environment.WorkingSet;
        return (seconds, new Memory(peak / 1e6, (peak - start) / 1e6, managed / 1e6));
    }

    private static long ResetPeakResidentSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux: the peak is then the process's lifetime peak (reported as such by Environment.WorkingSet).
        }
        return Status("VmRSS") ?? Environment.WorkingSet;
    }

    private static long? Status(string key)
    {
        if (!File.Exists("/proc/self/status"))
            return null;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static int[] CountCells(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return [.. zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).OrderBy(e => e.FullName.Length).ThenBy(e => e.FullName)
            .Select(e =>
            {
                using var reader = XmlReader.Create(e.Open());
                var cells = 0;
                while (reader.Read())
                    if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "c")
                        cells++;
                return cells;
            })];
    }

    // ---------------------------------------------------------------- the baseline

    /// <summary>
    /// The same cells as the review, sheet by sheet, written by a bare OpenXmlWriter loop from the arrays the bench generated: inline strings,
    /// numbers, dates as serial numbers, the same total formulas with a cached value; no read models, no queries, no layout beyond the cells.
    /// </summary>
    private static void WriteBaseline(Stream output, ReviewData d)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var n = d.Units.Length;
        string[] sheets = ["Tổng hợp", "Điểm chi tiết", "Xếp hạng cụm", "Dự giao ban", "Nhiệm vụ", "Kiểm tra", "Kiến nghị"];
        string Status(AttendanceStatus s) => s switch { AttendanceStatus.Present => "Có mặt", AttendanceStatus.ExcusedAbsence => "Vắng có phép", _ => "Vắng không phép" };
        object? Rate(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 2);

        IEnumerable<object?[]> Summary()
        {
            var i = 0;
            foreach (var unit in d.Units.Select((u, k) => (u.Code, u.Name, k)))
            {
                var u = unit.k;
                var present = Enumerable.Range(0, Briefings).Count(m => d.Attendance[m, u] == AttendanceStatus.Present);
                var excused = Enumerable.Range(0, Briefings).Count(m => d.Attendance[m, u] == AttendanceStatus.ExcusedAbsence);
                var onTime = Enumerable.Range(0, Tasks).Count(t => d.Completed[t, u] <= TaskDeadlines[t]);
                var late = Enumerable.Range(0, Tasks).Count(t => d.Completed[t, u] > TaskDeadlines[t]);
                var inspected = u < d.Inspected;
                yield return [++i, unit.Code, unit.Name, d.ClusterOf[u], d.Totals[u], d.Classes[u], u % ClusterSize + 1, u % 2 == 0 ? "Đã công bố" : "Đã chốt",
                    Briefings, present, excused, Briefings - present - excused, Rate(present, Briefings), Tasks, onTime, late, Tasks - onTime - late, Rate(onTime, Tasks),
                    inspected ? (u % 3 == 0 ? 0 : 1) : 0, inspected ? 1 : 0, inspected && u % 3 == 0 ? 1 : 0, inspected ? 1 : 0, inspected && u % 2 == 1 ? 1 : 0];
            }
            foreach (var (code, name) in d.Direct)
                yield return [++i, code, name, null, null, null, null, "Chưa chấm", 0, 0, 0, 0, null, 0, 0, 0, 0, null, 0, 0, 0, 0, 0];
        }
        IEnumerable<object?[]> Scores()
        {
            for (var u = 0; u < n; u++)
                for (var c = 0; c < Conditions; c++)
                {
                    var code = ConditionCode(c);
                    yield return [d.Units[u].Code, d.Units[u].Name, code[..1], code, $"Tiêu chí {code[..1]}.{c % (Conditions / 3) + 1}: thực hiện nhiệm vụ được giao số {c % (Conditions / 3) + 1}",
                        5m, d.Self[u][c], d.Assessed[u][c], null, d.Assessed[u][c], d.Assessed[u][c]];
                }
        }
        IEnumerable<object?[]> Rankings()
        {
            for (var u = 0; u < n; u++)
                yield return [d.ClusterOf[u], u % ClusterSize + 1, d.Units[u].Code, d.Units[u].Name, d.Totals[u], d.Classes[u], u % 2 == 0 ? "Đã công bố" : "Đã chốt",
                    u % ClusterSize == 0 ? "Cờ thi đua" : null];
        }
        IEnumerable<object?[]> Attendance()
        {
            for (var m = 0; m < Briefings; m++)
                for (var u = 0; u < n; u++)
                    yield return [BriefingDays[m], $"Hội nghị giao ban công tác Đoàn Quý {m + 1}/{ReviewYear}", $"Quý {m + 1}/{ReviewYear}", d.IssuerName, d.Units[u].Code,
                        d.Units[u].Name, Status(d.Attendance[m, u]), d.Attendance[m, u] == AttendanceStatus.ExcusedAbsence ? "Bận công tác theo kế hoạch của cơ quan" : null];
        }
        IEnumerable<object?[]> TaskRows()
        {
            for (var u = 0; u < n; u++)
                for (var t = 0; t < Tasks; t++)
                    yield return [d.Units[u].Code, d.Units[u].Name, $"Triển khai nhiệm vụ trọng tâm Quý {t + 1}/{ReviewYear} tới 100% chi đoàn", "100% chi đoàn",
                        TaskDeadlines[t], d.Completed[t, u], d.Completed[t, u] is null ? "Chưa hoàn thành" : d.Completed[t, u] <= TaskDeadlines[t] ? "Đúng hạn" : "Trễ hạn",
                        d.Completed[t, u] is null ? null : $"Báo cáo số {u + 1}-BC/ĐTN"];
        }
        IEnumerable<object?[]> Findings()
        {
            for (var u = 0; u < d.Inspected; u++)
            {
                yield return [d.Units[u].Code, d.Units[u].Name, "12-KH/TĐTN", new DateOnly(ReviewYear, 10, 16), "A1", u % 3 == 0 ? "Không chấp nhận" : "Chấp nhận",
                    "Minh chứng chưa đầy đủ", null, "Chủ động triển khai", u % 3 == 0 ? "Thiếu biên bản học tập" : null];
                yield return [d.Units[u].Code, d.Units[u].Name, "12-KH/TĐTN", new DateOnly(ReviewYear, 10, 16), "Phát triển đoàn viên", "Chấp nhận một phần", null,
                    "Đoàn viên mới chuyển đến", null, "Hồ sơ kết nạp chưa đầy đủ"];
            }
        }
        IEnumerable<object?[]> Recommendations()
        {
            for (var u = 0; u < d.Inspected; u++)
                yield return [d.Units[u].Code, d.Units[u].Name, "12-KH/TĐTN", "Hoàn thiện hồ sơ kết nạp đoàn viên", new DateOnly(ReviewYear, 12, 31),
                    u % 2 == 0 ? "Đã thực hiện" : "Chưa thực hiện", u % 2 == 0 ? new DateOnly(ReviewYear, 12, 10) : null, u % 2 == 0 ? "Đã hoàn thành" : null];
        }
        object Formula(string text, decimal cached) => (text, cached);
        object?[] Total(int columns, int labelAt, string label, params (int Column, object Cell)[] cells)
        {
            var row = new object?[columns];
            row[labelAt] = label;
            foreach (var (column, cell) in cells)
                row[column] = cell;
            return row;
        }
        var classCounts = d.Classes.GroupBy(c => c).OrderBy(g => Array.FindIndex(ReviewClasses, r => r.Name == g.Key)).ToList();
        var last = n + d.Direct.Length + 4;
        List<(IEnumerable<object?[]> Rows, int Columns, object?[][] Totals)> content =
        [
            (Summary(), 23, [Total(23, 2, "Tổng cộng", [.. new[] { 8, 9, 10, 11, 13, 14, 15, 16, 18, 19, 20, 21, 22 }.Select(c => (c, Formula($"SUM(A5:A{last})", 0m))),
                (12, Formula("IF(SUM(I5:I9)=0,0,ROUND(SUM(J5:J9)/SUM(I5:I9)*100,2))", 0m)), (17, Formula("IF(SUM(N5:N9)=0,0,ROUND(SUM(O5:O9)/SUM(N5:N9)*100,2))", 0m))]),
                Total(23, 2, "Bình quân tổng điểm", (4, Formula($"IF(COUNT(E5:E{last})=0,0,ROUND(AVERAGE(E5:E{last}),2))", 0m))),
                .. classCounts.Select(g => Total(23, 2, $"Số đơn vị xếp loại {g.Key}", (5, Formula($"COUNTIF(F5:F{last},\"={g.Key}\")", g.Count()))))]),
            (Scores(), 11, [Total(11, 1, "Tổng cộng", (10, Formula($"SUM(K5:K{n * Conditions + 4})", 0m)))]),
            (Rankings(), 8, [Total(8, 0, "Số đơn vị được xếp hạng", (1, Formula($"COUNT(B5:B{n + 4})", n))), Total(8, 0, "Số đơn vị đề nghị khen thưởng", (1, Formula($"COUNTA(H5:H{n + 4})", 0m)))]),
            (Attendance(), 8, [.. new[] { "Có mặt", "Vắng có phép", "Vắng không phép", "Chưa ghi nhận" }.Select(s => Total(8, 5, s, (6, Formula($"COUNTIF(G5:G{Briefings * n + 4},\"={s}\")", 0m))))]),
            (TaskRows(), 8, [.. new[] { "Đúng hạn", "Trễ hạn", "Chưa hoàn thành" }.Select(s => Total(8, 1, s, (6, Formula($"COUNTIF(G5:G{Tasks * n + 4},\"={s}\")", 0m))))]),
            (Findings(), 10, [.. new[] { "Chấp nhận", "Chấp nhận một phần", "Không chấp nhận" }.Select(s => Total(10, 1, s, (5, Formula($"COUNTIF(F5:F{2 * d.Inspected + 4},\"={s}\")", 0m))))]),
            (Recommendations(), 8, [.. new[] { "Đã thực hiện", "Chưa thực hiện" }.Select(s => Total(8, 1, s, (5, Formula($"COUNTIF(F5:F{d.Inspected + 4},\"={s}\")", 0m))))]),
        ];

        var letters = Enumerable.Range(0, 23).Select(i => ((char)('A' + i)).ToString()).ToArray();
        for (var s = 0; s < content.Count; s++)
        {
            var (rows, columns, totals) = content[s];
            using var stream = zip.CreateEntry($"xl/worksheets/sheet{s + 1}.xml", CompressionLevel.Fastest).Open();
            using var writer = OpenXmlWriter.Create(stream, new UTF8Encoding(false));
            writer.WriteStartDocument(true);
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            var r = 0;
            void Row(object?[] cells)
            {
                var number = (++r).ToString(CultureInfo.InvariantCulture);
                writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", null!, number)]);
                for (var c = 0; c < cells.Length; c++)
                {
                    var reference = letters[c] + number;
                    switch (cells[c])
                    {
                        case string text:
                            writer.WriteStartElement(new Cell(), [new("r", null!, reference), new("s", null!, "4"), new("t", null!, "inlineStr")]);
                            writer.WriteStartElement(new InlineString());
                            writer.WriteElement(new Text(text));
                            writer.WriteEndElement();
                            break;
                        case (string formula, decimal cached):
                            writer.WriteStartElement(new Cell(), [new("r", null!, reference), new("s", null!, "10")]);
                            writer.WriteElement(new CellFormula(formula));
                            writer.WriteElement(new CellValue(cached.ToString(CultureInfo.InvariantCulture)));
                            break;
                        case DateOnly date:
                            writer.WriteStartElement(new Cell(), [new("r", null!, reference), new("s", null!, "8")]);
                            writer.WriteElement(new CellValue((date.DayNumber - 693593).ToString(CultureInfo.InvariantCulture)));
                            break;
                        case null:
                            writer.WriteStartElement(new Cell(), [new("r", null!, reference), new("s", null!, "4")]);
                            break;
                        default:
                            writer.WriteStartElement(new Cell(), [new("r", null!, reference), new("s", null!, "7")]);
                            writer.WriteElement(new CellValue(Convert.ToString(cells[c], CultureInfo.InvariantCulture)!));
                            break;
                    }
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            }
            Row(["Tỉnh Đoàn Tổng kết"]);
            Row([$"{sheets[s]} - Năm {ReviewYear}"]);
            Row([]);
            Row([.. Enumerable.Range(0, columns).Select(c => (object?)$"Cột {c + 1}")]);
            foreach (var row in rows)
                Row(row);
            foreach (var row in totals)
                Row(row);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        using (var stream = new StreamWriter(zip.CreateEntry("xl/workbook.xml", CompressionLevel.Fastest).Open()))
            stream.Write($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{string.Concat(sheets.Select((name, i) => $"<sheet name=\"{name}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>"))}</sheets></workbook>""");
        using (var stream = new StreamWriter(zip.CreateEntry("xl/_rels/workbook.xml.rels", CompressionLevel.Fastest).Open()))
            stream.Write($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{string.Concat(sheets.Select((_, i) => $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"))}</Relationships>""");
        using (var stream = new StreamWriter(zip.CreateEntry("_rels/.rels", CompressionLevel.Fastest).Open()))
            stream.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        using (var stream = new StreamWriter(zip.CreateEntry("[Content_Types].xml", CompressionLevel.Fastest).Open()))
            stream.Write($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{string.Concat(sheets.Select((_, i) => $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))}</Types>""");
    }
}
