using System.Globalization;
using System.Text;
using DoanPlatform.Emulation.Contracts;
using DoanPlatform.EventStore;
using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Contracts.Documents;
using DoanPlatform.Reporting.Excel;
using DoanPlatform.Reporting.ReadModels;
using Npgsql;

namespace DoanPlatform.Reporting.Features;

/// <summary>
/// The yearly review (tổng kết năm) of an issuing unit: its units with their result, rank, briefing attendance, tasks and inspection results,
/// then the detail behind each. The per-unit figures are loaded up front; the long lists (300,000 score lines for a province) are streamed
/// from the read models straight into the workbook as it is written.
/// </summary>
internal sealed class YearlyReview
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    private const int ProgressEvery = 10_000;
    private static readonly StringComparer Vietnamese = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: false);

    private sealed record ReviewUnit(Guid Id, string Code, string Name, string? Cluster, RankedUnit? Ranked);

    private readonly NpgsqlDataSource _db;
    private readonly IUnitDirectory _directory;
    private readonly UnitSummary _issuer;
    private readonly int _year;
    private readonly List<ReviewUnit> _units;
    private readonly Dictionary<Guid, ReviewUnit> _byId;
    private readonly IReadOnlyList<ScaleConditionInfo> _conditions;
    private readonly IReadOnlyList<ClusterStanding> _standings;
    private readonly IReadOnlyDictionary<Guid, SheetResult> _sheets;
    private readonly IReadOnlyDictionary<Guid, AttendanceCount> _attendance;
    private readonly IReadOnlyDictionary<Guid, TaskCount> _tasks;
    private readonly IReadOnlyDictionary<Guid, InspectionCount> _inspections;
    private readonly DateOnly _exportedOn;
    private readonly string _signer;
    private readonly string[] _topicOrder;

    private YearlyReview(NpgsqlDataSource db, IUnitDirectory directory, UnitSummary issuer, int year, List<ReviewUnit> units,
        IReadOnlyList<ScaleConditionInfo> conditions, IReadOnlyList<ClusterStanding> standings, IReadOnlyDictionary<Guid, SheetResult> sheets,
        IReadOnlyDictionary<Guid, AttendanceCount> attendance, IReadOnlyDictionary<Guid, TaskCount> tasks, IReadOnlyDictionary<Guid, InspectionCount> inspections,
        DateOnly exportedOn, string signer, string[] topicOrder)
    {
        _topicOrder = topicOrder;
        (_db, _directory, _issuer, _year, _units, _conditions, _standings) = (db, directory, issuer, year, units, conditions, standings);
        (_sheets, _attendance, _tasks, _inspections, _exportedOn, _signer) = (sheets, attendance, tasks, inspections, exportedOn, signer);
        _byId = units.ToDictionary(u => u.Id);
    }

    /// <summary>"Tổng kết năm 2023 - Đoàn Khối Dân – Chính – Đảng.xlsx": the short name, any character a file system refuses made a dash.</summary>
    public static string FileName(UnitSummary issuer, int year) =>
        FileNames.Safe($"Tổng kết năm {year} - {(string.IsNullOrWhiteSpace(issuer.ShortName) ? issuer.Name : issuer.ShortName)}") + ".xlsx";

    /// <summary>The issuing unit by id or code: as it stood at the end of the year, else at its start, else a code in use today.</summary>
    public static async Task<UnitSummary?> FindIssuerAsync(IUnitDirectory directory, string unit, int year, DateOnly today, CancellationToken ct)
    {
        var (end, start) = (new DateOnly(year, 12, 31), new DateOnly(year, 1, 1));
        if (Guid.TryParse(unit, out var id))
            return await directory.FindAsync(id, end, ct) ?? await directory.FindAsync(id, start, ct);
        var code = Input.Clean(unit) ?? "";
        if ((await directory.FindByCodeAsync(code, end, ct) ?? await directory.FindByCodeAsync(code, start, ct)) is { } found)
            return found;
        return await directory.FindByCodeAsync(code, today, ct) is { } current
            ? await directory.FindAsync(current.Id, end, ct) ?? await directory.FindAsync(current.Id, start, ct)
            : null;
    }

    /// <summary>
    /// The review's units: the issuer's direct units at the end of the year, its clusters' members for the year, and every unit scored
    /// against its scales; ordered by cluster (as the issuer set them), within a cluster by rank, then the rest by name. The summary sheet
    /// is dated <paramref name="exportedOn"/> and signed for by the issuer's secretary of that day (of the year's end, if it no longer exists).
    /// </summary>
    public static async Task<YearlyReview> LoadAsync(IDocumentStore store, IUnitDirectory directory, IScaleCatalog catalog, IClusterRankings rankings,
        UnitSummary issuer, int year, DateOnly exportedOn, CancellationToken ct)
    {
        var db = store.DataSource;
        var scales = await catalog.ScalesAsync(issuer.Id, year, ct);
        // The version in effect orders the conditions; older versions add only the codes it dropped.
        var conditions = scales.OrderBy(s => s.Superseded).ThenByDescending(s => s.Number).SelectMany(s => s.Conditions).DistinctBy(c => c.Code).ToList();
        var sheets = await ScoreLines.SheetsAsync(db, [.. scales.Select(s => s.ScaleId)], year, ct);
        var standings = await rankings.RankingsAsync(issuer.Id, year, ct);
        var clusters = await directory.ClustersAsync(issuer.Id, year, ct);
        var (end, start) = (new DateOnly(year, 12, 31), new DateOnly(year, 1, 1));
        var children = await directory.ChildrenAsync(issuer.Id, end, ct);

        var ids = children.Select(c => c.Id).Concat(clusters.SelectMany(c => c.Members)).Concat(sheets.Keys).ToHashSet();
        var found = new Dictionary<Guid, UnitSummary>(await directory.FindManyAsync(ids, end, ct));
        foreach (var (id, unit) in await directory.FindManyAsync([.. ids.Where(id => !found.ContainsKey(id))], start, ct))
            found[id] = unit;
        var clusterOf = new Dictionary<Guid, string>();
        foreach (var cluster in clusters)
            foreach (var member in cluster.Members)
                clusterOf.TryAdd(member, cluster.Name);
        var ranked = standings.SelectMany(s => s.Units).GroupBy(u => u.UnitId).ToDictionary(g => g.Key, g => g.First());
        ReviewUnit Unit(Guid id) => new(id, found.TryGetValue(id, out var u) ? u.Code : "", found.TryGetValue(id, out u) ? u.Name : id.ToString(),
            clusterOf.GetValueOrDefault(id), ranked.GetValueOrDefault(id));

        var units = new List<ReviewUnit>();
        var placed = new HashSet<Guid>();
        foreach (var cluster in clusters)
        {
            var standing = standings.FirstOrDefault(s => s.ClusterId == cluster.Id)?.Units.Select(u => u.UnitId) ?? [];
            var rest = cluster.Members.Except(standing).Select(Unit).OrderBy(u => u.Name, Vietnamese);
            units.AddRange(standing.Select(Unit).Concat(rest).Where(u => placed.Add(u.Id)));
        }
        units.AddRange(ids.Where(id => !placed.Contains(id)).Select(Unit).OrderBy(u => u.Name, Vietnamese).ThenBy(u => u.Code, StringComparer.Ordinal));

        Guid[] unitIds = [.. units.Select(u => u.Id)];
        var officials = await directory.OfficialsAsync(issuer.Id, exportedOn, ct) is { Count: > 0 } now ? now : await directory.OfficialsAsync(issuer.Id, end, ct);
        var secretary = officials.FirstOrDefault(o => o.Position == Position.Secretary)?.PersonName ?? "";
        var topicOrder = await TopicOrderAsync(store, conditions, year, ct);
        return new YearlyReview(db, directory, issuer, year, units, conditions, standings, sheets,
            await BriefingAttendance.CountsAsync(db, unitIds, year, ct), await TaskCompletion.CountsAsync(db, unitIds, year, ct),
            await InspectionResults.CountsAsync(db, unitIds, year, ct), exportedOn, secretary, topicOrder);
    }

    /// <summary>The year's inspection topics as the scale orders their conditions, then the free topics in their plans' order.</summary>
    private static async Task<string[]> TopicOrderAsync(IDocumentStore store, IReadOnlyList<ScaleConditionInfo> conditions, int year, CancellationToken ct)
    {
        var topics = new List<Topic>();
        await using var query = store.QuerySession();
        foreach (var planId in await InspectionResults.PlansAsync(store.DataSource, year, ct))
        {
            if ((await query.Events.FetchStreamAsync(planId, ct: ct)).Select(e => e.Data).OfType<PlanIssued>().FirstOrDefault() is { } plan)
                topics.AddRange(plan.Topics);
        }
        var position = conditions.Select((c, i) => (c.Code, i)).ToDictionary(c => c.Code, c => c.i, StringComparer.Ordinal);
        // A review names its topic by title or by condition code.
        return [.. topics.Select((t, i) => (Topic: t, Scale: t.ConditionCode is { } code && position.TryGetValue(code, out var p) ? p : int.MaxValue, i))
            .OrderBy(t => t.Scale).ThenBy(t => t.i).SelectMany(t => new[] { t.Topic.Title, t.Topic.ConditionCode }).OfType<string>().Distinct()];
    }

    public async Task WriteAsync(Stream output, Action<string, long, long>? progress, CancellationToken ct)
    {
        using var workbook = new XlsxStreamWriter(output);
        WriteSummary(workbook, progress);
        await WriteScoresAsync(workbook, progress, ct);
        WriteRankings(workbook, progress);
        await WriteAttendanceAsync(workbook, progress, ct);
        await WriteTasksAsync(workbook, progress, ct);
        await WriteFindingsAsync(workbook, progress, ct);
        await WriteRecommendationsAsync(workbook, progress, ct);
        workbook.Complete();
    }

    private SheetWriter Sheet(XlsxStreamWriter workbook, string name, string subtitle, params Column[] columns) =>
        workbook.AddSheet(name, _issuer.Name, $"{subtitle} - Năm {_year}", columns);

    private IEnumerable<string> Codes => _units.Select(u => u.Code);

    private IEnumerable<string> Names => _units.Select(u => u.Name);

    private string Day => _exportedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static void Count(Action<string, long, long>? progress, SheetWriter sheet, long total)
    {
        if (sheet.DataRows % ProgressEvery == 0 || sheet.DataRows == total)
            progress?.Invoke(sheet.Name, sheet.DataRows, total);
    }

    private static string CountIf(CellRange range, string text) =>
        $"COUNTIF({range},\"={text.Replace("~", "~~", StringComparison.Ordinal).Replace("*", "~*", StringComparison.Ordinal).Replace("?", "~?", StringComparison.Ordinal).Replace("\"", "\"\"", StringComparison.Ordinal)}\")";

    /// <summary>Closes a sheet whose rows are labelled in one column: a COUNTIF row per label, or a note when there were no rows.</summary>
    private static void CompleteWithCounts(SheetWriter sheet, int labelColumn, int column, IEnumerable<(string Label, int Count)> counts, string empty)
    {
        if (sheet.DataRows == 0)
            sheet.Note(empty);
        else
            foreach (var (label, count) in counts)
                sheet.TotalRow(label, labelColumn, new TotalCell(column, CountIf(sheet.Data(column), label), count));
        sheet.Complete();
    }

    private void WriteSummary(XlsxStreamWriter workbook, Action<string, long, long>? progress)
    {
        Column[] columns =
        [
            new("STT", 6, ColumnKind.Integer), Column.Fit("Mã đơn vị", Codes, max: 24), Column.Fit("Đơn vị", Names, min: 24, max: 42),
            Column.Fit("Cụm thi đua", _units.Select(u => u.Cluster), min: 12, max: 28), new("Tổng điểm", 10, ColumnKind.Decimal),
            Column.Fit("Xếp loại", _sheets.Values.Select(s => s.Classification), min: 12, max: 28), new("Hạng trong cụm", 8, ColumnKind.Integer),
            new("Kết quả", 12), new("Giao ban được mời", 9, ColumnKind.Integer),
            new("Có mặt", 8, ColumnKind.Integer), new("Vắng có phép", 8, ColumnKind.Integer), new("Vắng không phép", 8, ColumnKind.Integer),
            new("Tỷ lệ dự giao ban (%)", 10, ColumnKind.Decimal), new("Nhiệm vụ được giao", 9, ColumnKind.Integer),
            new("Hoàn thành đúng hạn", 9, ColumnKind.Integer), new("Hoàn thành trễ hạn", 9, ColumnKind.Integer), new("Chưa hoàn thành", 9, ColumnKind.Integer),
            new("Tỷ lệ đúng hạn (%)", 10, ColumnKind.Decimal), new("Kiểm tra: chấp nhận", 9, ColumnKind.Integer),
            new("Kiểm tra: chấp nhận một phần", 9, ColumnKind.Integer), new("Kiểm tra: không chấp nhận", 9, ColumnKind.Integer),
            new("Kiến nghị", 9, ColumnKind.Integer), new("Kiến nghị chưa thực hiện", 9, ColumnKind.Integer),
        ];
        var sheet = workbook.AddSheet("Tổng hợp", _issuer.Name, $"Tổng kết năm: kết quả thi đua, giao ban, nhiệm vụ, kiểm tra - Năm {_year}", columns,
            new SheetCover("ĐOÀN TNCS HỒ CHÍ MINH", $"Số liệu xuất ngày {Day} từ các sổ theo dõi của DoanPlatform."));
        int[] summed = [8, 9, 10, 11, 13, 14, 15, 16, 18, 19, 20, 21, 22];
        var sums = new decimal[23];
        var totals = new List<decimal>();
        foreach (var unit in _units)
        {
            var sheetResult = _sheets.GetValueOrDefault(unit.Id);
            var result = sheetResult is { IsFinal: true } ? sheetResult : null;
            var a = _attendance.GetValueOrDefault(unit.Id) ?? new AttendanceCount(0, 0, 0, 0);
            var t = _tasks.GetValueOrDefault(unit.Id) ?? new TaskCount(0, 0, 0, 0);
            var i = _inspections.GetValueOrDefault(unit.Id) ?? new InspectionCount(0, 0, 0, 0, 0);
            decimal[] counts = [a.Invited, a.Present, a.Excused, a.Unexcused, t.Assigned, t.OnTime, t.Late, t.Open, i.Accepted, i.PartlyAccepted, i.Rejected,
                i.Recommendations, i.OpenRecommendations];
            for (var c = 0; c < summed.Length; c++)
                sums[summed[c]] += counts[c];
            if (result?.Total is { } total)
                totals.Add(total);

            sheet.StartRow();
            sheet.Number(sheet.DataRows);
            sheet.Text(unit.Code);
            sheet.Text(unit.Name);
            sheet.Text(unit.Cluster);
            sheet.Number(result?.Total);
            sheet.Text(result?.Classification);
            sheet.Number(unit.Ranked?.Rank);
            sheet.Text(sheetResult switch
            {
                null => "Chưa chấm",
                { Status: "Published" } => "Đã công bố",
                { Status: "Locked" } => "Đã chốt",
                _ => "Chưa chốt",
            });
            foreach (var count in counts[..4])
                sheet.Number(count);
            sheet.Number(a.Rate);
            foreach (var count in counts[4..8])
                sheet.Number(count);
            sheet.Number(t.OnTimeRate);
            foreach (var count in counts[8..])
                sheet.Number(count);
            sheet.EndRow();
            Count(progress, sheet, _units.Count);
        }

        if (sheet.DataRows == 0)
        {
            sheet.Note($"Năm {_year} chưa có đơn vị nào: chưa có đơn vị trực thuộc, cụm thi đua hay bảng điểm.");
            sheet.Signature(Signature());
            sheet.Complete();
            return;
        }
        string Range(int column) => sheet.Data(column).ToString();
        static decimal Rate(decimal part, decimal whole) => whole == 0 ? 0 : Math.Round(100 * part / whole, 2, MidpointRounding.AwayFromZero);
        sheet.TotalRow("Tổng cộng", 2,
        [
            .. summed.Select(c => new TotalCell(c, $"SUM({Range(c)})", sums[c])),
            new TotalCell(12, $"IF(SUM({Range(8)})=0,0,ROUND(SUM({Range(9)})/SUM({Range(8)})*100,2))", Rate(sums[9], sums[8]), Integer: false),
            new TotalCell(17, $"IF(SUM({Range(13)})=0,0,ROUND(SUM({Range(14)})/SUM({Range(13)})*100,2))", Rate(sums[14], sums[13]), Integer: false),
        ]);
        sheet.TotalRow("Bình quân tổng điểm", 2, new TotalCell(4, $"IF(COUNT({Range(4)})=0,0,ROUND(AVERAGE({Range(4)}),2))",
            totals.Count == 0 ? 0 : Math.Round(totals.Average(), 2, MidpointRounding.AwayFromZero), Integer: false));
        var classes = _sheets.Values.Where(s => s.IsFinal && s.Classification is not null && _byId.ContainsKey(s.UnitId))
            .GroupBy(s => s.Classification!).OrderBy(g => g.Min(s => s.ClassIndex)).ThenBy(g => g.Key, Vietnamese);
        foreach (var group in classes)
            sheet.TotalRow($"Số đơn vị xếp loại {group.Key}", 2, new TotalCell(5, CountIf(sheet.Data(5), group.Key), group.Count()));
        sheet.Signature(Signature());
        sheet.Complete();
    }

    private SheetSignature Signature() => new("NGƯỜI LẬP BIỂU", OfficialDocument.PlaceAndDate("……", _exportedOn),
        "TM. BAN THƯỜNG VỤ", "BÍ THƯ", _signer);

    private async Task WriteScoresAsync(XlsxStreamWriter workbook, Action<string, long, long>? progress, CancellationToken ct)
    {
        // A condition's value is what the unit counts (a rate, a number of absences, 1 for đạt): the points come from it, in their own columns.
        var sheet = Sheet(workbook, "Điểm chi tiết", "Điểm thi đua theo từng điều kiện chấm: giá trị tự chấm, cấp trên chấm, điều chỉnh, chốt và điểm",
            Column.Fit("Mã đơn vị", Codes, max: 24), Column.Fit("Đơn vị", Names, min: 20, max: 40), new("Phần", 6),
            Column.Fit("Mã điều kiện", _conditions.Select(c => c.Code), max: 10), Column.Fit("Điều kiện chấm", _conditions.Select(c => c.Title), min: 30, max: 64),
            Column.Fit("Giá trị tính bằng", _conditions.Select(c => c.Measure), min: 10, max: 16),
            new("Giá trị tự chấm", 9, ColumnKind.Decimal), new("Giá trị cấp trên chấm", 9, ColumnKind.Decimal), new("Giá trị điều chỉnh", 9, ColumnKind.Decimal),
            new("Giá trị chốt", 9, ColumnKind.Decimal), new("Điểm tối đa", 9, ColumnKind.Decimal), new("Điểm đạt", 9, ColumnKind.Decimal));
        var scored = _units.Where(u => _sheets.ContainsKey(u.Id)).ToArray();
        Guid[] sheetIds = [.. scored.Select(u => _sheets[u.Id].SheetId)];
        var titles = _conditions.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var total = await ScoreLines.CountAsync(_db, sheetIds, ct);
        var points = 0m;
        await foreach (var line in ScoreLines.ReadAsync(_db, sheetIds, [.. _conditions.Select(c => c.Code)], ct))
        {
            var unit = scored[line.SheetIndex];
            var condition = titles.GetValueOrDefault(line.ConditionCode);
            sheet.StartRow();
            sheet.Text(unit.Code);
            sheet.Text(unit.Name);
            sheet.Text(condition?.SectionCode);
            sheet.Text(line.ConditionCode);
            sheet.Text(condition?.Title);
            sheet.Text(condition?.Measure);
            sheet.Number(line.Self);
            sheet.Number(line.Assessed);
            sheet.Number(line.Adjusted);
            sheet.Number(line.FinalValue);
            sheet.Number(condition?.MaxPoints);
            sheet.Number(line.FinalPoints);
            sheet.EndRow();
            points += line.FinalPoints ?? 0;
            Count(progress, sheet, total);
        }
        if (sheet.DataRows == 0)
            sheet.Note($"Chưa có bảng điểm nào chấm theo thang điểm năm {_year} của đơn vị.");
        else
            sheet.TotalRow("Tổng cộng", 1, new TotalCell(11, $"SUM({sheet.Data(11)})", points, Integer: false));
        sheet.Complete();
    }

    private void WriteRankings(XlsxStreamWriter workbook, Action<string, long, long>? progress)
    {
        var sheet = Sheet(workbook, "Xếp hạng cụm", "Xếp hạng thi đua trong từng cụm",
            Column.Fit("Cụm thi đua", _standings.Select(s => s.Cluster), min: 12, max: 30), new("Hạng", 7, ColumnKind.Integer),
            Column.Fit("Mã đơn vị", Codes, max: 24), Column.Fit("Đơn vị", Names, min: 24, max: 42), new("Tổng điểm", 10, ColumnKind.Decimal),
            Column.Fit("Xếp loại", _standings.SelectMany(s => s.Units).Select(u => u.Classification), min: 12, max: 28), new("Kết quả", 12),
            Column.Fit("Đề nghị khen thưởng", _standings.SelectMany(s => s.Units).Select(u => u.ProposedAward), min: 12, max: 30));
        var total = _standings.Sum(s => s.Units.Count);
        foreach (var standing in _standings)
        {
            foreach (var ranked in standing.Units)
            {
                var unit = _byId.GetValueOrDefault(ranked.UnitId);
                sheet.StartRow();
                sheet.Text(standing.Cluster);
                sheet.Number(ranked.Rank);
                sheet.Text(unit?.Code);
                sheet.Text(unit?.Name ?? ranked.UnitId.ToString());
                sheet.Number(ranked.Total);
                sheet.Text(ranked.Classification);
                sheet.Text(ranked.Published ? "Đã công bố" : "Đã chốt");
                sheet.Text(ranked.ProposedAward);
                sheet.EndRow();
                Count(progress, sheet, total);
            }
        }
        if (sheet.DataRows == 0)
            sheet.Note($"Năm {_year} chưa có cụm thi đua hoặc chưa có kết quả được chốt.");
        else
        {
            sheet.TotalRow("Số đơn vị được xếp hạng", 0, new TotalCell(1, $"COUNT({sheet.Data(1)})", total));
            sheet.TotalRow("Số đơn vị đề nghị khen thưởng", 0,
                new TotalCell(1, $"COUNTA({sheet.Data(7)})", _standings.Sum(s => s.Units.Count(u => u.ProposedAward is not null))));
        }
        sheet.Complete();
    }

    private static string AttendanceText(AttendanceStatus? status) => status switch
    {
        AttendanceStatus.Present => "Có mặt",
        AttendanceStatus.ExcusedAbsence => "Vắng có phép",
        AttendanceStatus.UnexcusedAbsence => "Vắng không phép",
        _ => "Chưa ghi nhận",
    };

    private async Task WriteAttendanceAsync(XlsxStreamWriter workbook, Action<string, long, long>? progress, CancellationToken ct)
    {
        var sheet = Sheet(workbook, "Dự giao ban", "Tham dự hội nghị giao ban của từng đơn vị",
            new("Ngày họp", 11, ColumnKind.Date), new("Hội nghị", 48, ColumnKind.LongText), new("Kỳ", 12), new("Đơn vị triệu tập", 30),
            Column.Fit("Mã đơn vị", Codes, max: 24), Column.Fit("Đơn vị", Names, min: 20, max: 36), new("Tình trạng", 16), new("Lý do", 36, ColumnKind.LongText));
        var total = _attendance.Values.Sum(a => (long)a.Invited);
        var conveners = new Dictionary<Guid, string>();
        var counts = new Dictionary<string, int>();
        Guid[] unitIds = [.. _units.Select(u => u.Id)];
        await foreach (var line in BriefingAttendance.ReadAsync(_db, unitIds, _year, ct))
        {
            if (!conveners.TryGetValue(line.ConveningUnitId, out var convener))
                conveners[line.ConveningUnitId] = convener = (await _directory.FindAsync(line.ConveningUnitId, line.HeldOn, ct))?.Name ?? "";
            var unit = _units[line.UnitIndex];
            var status = AttendanceText(line.Status);
            counts[status] = counts.GetValueOrDefault(status) + 1;
            sheet.StartRow();
            sheet.Date(line.HeldOn);
            sheet.Text(line.Title);
            sheet.Text(line.Period);
            sheet.Text(convener);
            sheet.Text(unit.Code);
            sheet.Text(unit.Name);
            sheet.Text(status);
            sheet.Text(line.Reason);
            sheet.EndRow();
            Count(progress, sheet, total);
        }
        CompleteWithCounts(sheet, 5, 6, new[] { AttendanceStatus.Present, AttendanceStatus.ExcusedAbsence, AttendanceStatus.UnexcusedAbsence, (AttendanceStatus?)null }
            .Select(s => AttendanceText(s)).Select(s => (s, counts.GetValueOrDefault(s))), $"Năm {_year} các đơn vị chưa được mời dự hội nghị giao ban nào.");
    }

    private async Task WriteTasksAsync(XlsxStreamWriter workbook, Action<string, long, long>? progress, CancellationToken ct)
    {
        var sheet = Sheet(workbook, "Nhiệm vụ", "Thực hiện nhiệm vụ được giao (theo hạn trong năm)",
            Column.Fit("Mã đơn vị", Codes, max: 24), Column.Fit("Đơn vị", Names, min: 20, max: 36), new("Nhiệm vụ", 50, ColumnKind.LongText),
            new("Chỉ tiêu", 20, ColumnKind.LongText),
            new("Hạn", 11, ColumnKind.Date), new("Ngày hoàn thành", 11, ColumnKind.Date), new("Tình trạng", 16), new("Báo cáo gần nhất", 36, ColumnKind.LongText));
        var total = _tasks.Values.Sum(t => (long)t.Assigned);
        var counts = new Dictionary<string, int>();
        await foreach (var line in TaskCompletion.ReadAsync(_db, [.. _units.Select(u => u.Id)], _year, ct))
        {
            var unit = _units[line.UnitIndex];
            var status = line.CompletedOn is null ? "Chưa hoàn thành" : line.OnTime ? "Đúng hạn" : "Trễ hạn";
            counts[status] = counts.GetValueOrDefault(status) + 1;
            sheet.StartRow();
            sheet.Text(unit.Code);
            sheet.Text(unit.Name);
            sheet.Text(line.Text);
            sheet.Text(line.Target);
            sheet.Date(line.Deadline);
            sheet.Date(line.CompletedOn);
            sheet.Text(status);
            sheet.Text(line.LastNote);
            sheet.EndRow();
            Count(progress, sheet, total);
        }
        CompleteWithCounts(sheet, 1, 6, new[] { "Đúng hạn", "Trễ hạn", "Chưa hoàn thành" }.Select(s => (s, counts.GetValueOrDefault(s))),
            $"Các đơn vị không có nhiệm vụ nào hạn trong năm {_year}.");
    }

    private static string VerdictText(EvidenceVerdict verdict) => verdict switch
    {
        EvidenceVerdict.Accepted => "Chấp nhận",
        EvidenceVerdict.PartlyAccepted => "Chấp nhận một phần",
        _ => "Không chấp nhận",
    };

    private async Task WriteFindingsAsync(XlsxStreamWriter workbook, Action<string, long, long>? progress, CancellationToken ct)
    {
        var sheet = Sheet(workbook, "Kiểm tra", "Kết quả kiểm tra theo từng nội dung",
            Column.Fit("Mã đơn vị", Codes, max: 24), Column.Fit("Đơn vị", Names, min: 20, max: 30), new("Kế hoạch", 14), new("Ngày kiểm tra", 11, ColumnKind.Date),
            new("Nội dung kiểm tra", 36, ColumnKind.LongText),
            new("Kết quả", 16), new("Nhận xét", 30, ColumnKind.LongText), new("Giải trình", 30, ColumnKind.LongText), new("Ưu điểm", 30, ColumnKind.LongText),
            new("Hạn chế", 30, ColumnKind.LongText));
        var total = _inspections.Values.Sum(i => (long)i.Accepted + i.PartlyAccepted + i.Rejected);
        var counts = new Dictionary<string, int>();
        await foreach (var line in InspectionResults.FindingsAsync(_db, [.. _units.Select(u => u.Id)], _year, _topicOrder, ct))
        {
            var unit = _units[line.UnitIndex];
            var verdict = VerdictText(line.Verdict);
            counts[verdict] = counts.GetValueOrDefault(verdict) + 1;
            sheet.StartRow();
            sheet.Text(unit.Code);
            sheet.Text(unit.Name);
            sheet.Text(line.PlanNumber);
            sheet.Date(line.HeldOn);
            sheet.Text(line.Topic);
            sheet.Text(verdict);
            sheet.Text(line.Comment);
            sheet.Text(line.Explanation);
            sheet.Text(line.Strengths.Count == 0 ? null : string.Join("\n", line.Strengths));
            sheet.Text(line.Shortcomings.Count == 0 ? null : string.Join("\n", line.Shortcomings));
            sheet.EndRow();
            Count(progress, sheet, total);
        }
        CompleteWithCounts(sheet, 1, 5, Enum.GetValues<EvidenceVerdict>().Select(VerdictText).Select(v => (v, counts.GetValueOrDefault(v))),
            $"Năm {_year} các đơn vị chưa được kiểm tra.");
    }

    private async Task WriteRecommendationsAsync(XlsxStreamWriter workbook, Action<string, long, long>? progress, CancellationToken ct)
    {
        var sheet = Sheet(workbook, "Kiến nghị", "Kiến nghị sau kiểm tra và việc thực hiện",
            Column.Fit("Mã đơn vị", Codes, max: 24), Column.Fit("Đơn vị", Names, min: 20, max: 30), new("Kế hoạch", 14), new("Kiến nghị", 50, ColumnKind.LongText),
            new("Hạn", 11, ColumnKind.Date),
            new("Tình trạng", 16), new("Ngày báo cáo", 11, ColumnKind.Date), new("Báo cáo gần nhất", 36, ColumnKind.LongText));
        var total = _inspections.Values.Sum(i => (long)i.Recommendations);
        var counts = new Dictionary<string, int>();
        await foreach (var line in InspectionResults.RecommendationsAsync(_db, [.. _units.Select(u => u.Id)], _year, ct))
        {
            var unit = _units[line.UnitIndex];
            var status = line.Completed ? "Đã thực hiện" : "Chưa thực hiện";
            counts[status] = counts.GetValueOrDefault(status) + 1;
            sheet.StartRow();
            sheet.Text(unit.Code);
            sheet.Text(unit.Name);
            sheet.Text(line.PlanNumber);
            sheet.Text(line.Text);
            sheet.Date(line.Deadline);
            sheet.Text(status);
            sheet.Date(line.ReportedOn);
            sheet.Text(line.LastReport);
            sheet.EndRow();
            Count(progress, sheet, total);
        }
        CompleteWithCounts(sheet, 1, 5, new[] { "Đã thực hiện", "Chưa thực hiện" }.Select(s => (s, counts.GetValueOrDefault(s))),
            $"Năm {_year} các đơn vị không có kiến nghị nào sau kiểm tra.");
    }
}
