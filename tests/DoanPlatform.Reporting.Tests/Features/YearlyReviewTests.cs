// API values (declared non-null) are compared with cells (declared nullable) as tuples.
#pragma warning disable CS8620
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using DoanPlatform.Reporting.Tests.Excel;
using DoanPlatform.Testing;

namespace DoanPlatform.Reporting.Tests.Features;

/// <summary>The 2023 world's review built once per class.</summary>
public sealed class ReviewFixture : SignedInFactory
{
    private Task<World>? _world;

    internal Task<World> WorldAsync() => _world ??= World.BuildAsync(this);
}

/// <summary>The yearly review workbook over HTTP: valid, every figure equal to the other modules' read models, laid out for printing, guarded.</summary>
public sealed class YearlyReviewTests(ReviewFixture factory) : IClassFixture<ReviewFixture>
{
    private static readonly string[] SheetNames = ["Tổng hợp", "Điểm chi tiết", "Xếp hạng cụm", "Dự giao ban", "Nhiệm vụ", "Kiểm tra", "Kiến nghị"];
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    private static async Task<(HttpResponseMessage Response, byte[] Bytes)> DownloadAsync(HttpClient client, string unit, string year = "2023")
    {
        var (response, bytes, _) = await StreamAsync(client, unit, year);
        return (response, bytes);
    }

    /// <summary>The response as it arrives: whether the server announced a length before the body was read.</summary>
    private static async Task<(HttpResponseMessage Response, byte[] Bytes, long? AnnouncedLength)> StreamAsync(HttpClient client, string unit, string year = "2023")
    {
        var response = await client.GetAsync(new Uri($"/api/reports/yearly-review?unit={Uri.EscapeDataString(unit)}&year={year}", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead);
        var announced = response.Content.Headers.ContentLength;
        return (response, await response.Content.ReadAsByteArrayAsync(), announced);
    }

    private static async Task<byte[]> WorkbookAsync(HttpClient client, string unit)
    {
        var (response, bytes) = await DownloadAsync(client, unit);
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        return bytes;
    }

    private static decimal? Dec(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static decimal? Num(IReadOnlyDictionary<string, ReadCell> row, string column) => row.TryGetValue(column, out var c) && c.Value is not null ? c.Number : null;

    private static string? Txt(IReadOnlyDictionary<string, ReadCell> row, string column) => row.TryGetValue(column, out var c) ? c.Value : null;

    private static DateOnly? Day(IReadOnlyDictionary<string, ReadCell> row, string column) =>
        Num(row, column) is { } serial ? ExcelEpoch.AddDays((int)serial) : null;

    private static DateOnly? DateOf(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : DateOnly.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_workbook_passes_the_validator_and_every_figure_equals_the_other_modules_read_models()
    {
        var world = await factory.WorldAsync();
        var admin = world.Admin;
        var bytes = await WorkbookAsync(admin, world.BlocCode);

        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
        var (sheets, _) = WorkbookReader.Read(bytes);
        Assert.Equal(SheetNames, sheets.Select(s => s.Name));
        var unitOf = world.Units.Select((id, i) => (Code: world.UnitCode(i), id)).ToDictionary(x => x.Code, x => x.id);

        // The other modules' view of each unit.
        var apiSheets = new Dictionary<Guid, JsonElement>();
        foreach (var unit in world.Units)
            apiSheets[unit] = await admin.GetJsonAsync($"/api/emulation/sheets/{unit}/{World.Year}");
        var rankings = (await admin.GetJsonAsync($"/api/emulation/rankings?issuingUnitId={world.Bloc}&year={World.Year}")).EnumerateArray().ToList();
        var ranked = rankings.SelectMany(c => c.GetProperty("rows").EnumerateArray()).ToDictionary(r => r.GetProperty("unitId").GetGuid());
        var briefings = new List<JsonElement>();
        foreach (var meeting in world.Meetings)
        {
            var view = await admin.GetJsonAsync($"/api/meetings/{meeting}");
            if (view.GetProperty("kind").GetString() == "Briefing")
                briefings.Add(view);
        }
        Assert.Equal(2, briefings.Count);
        var attendance = briefings.SelectMany(m => m.GetProperty("attendance").EnumerateArray().Where(a => a.GetProperty("unitId").ValueKind != JsonValueKind.Null)
            .Select(a => (Meeting: m, Unit: a.GetProperty("unitId").GetGuid(), Status: Str(a, "status"), Reason: Str(a, "reason")))).ToList();
        var tasks = new Dictionary<Guid, List<JsonElement>>();
        var findings = new Dictionary<Guid, List<JsonElement>>();
        var recommendations = new Dictionary<Guid, List<JsonElement>>();
        foreach (var unit in world.Units)
        {
            tasks[unit] = [.. (await admin.GetJsonAsync($"/api/meetings/tasks?unitId={unit}")).EnumerateArray()];
            findings[unit] = [.. (await admin.GetJsonAsync($"/api/inspections/results?unitId={unit}&year={World.Year}")).EnumerateArray()];
            recommendations[unit] = [.. (await admin.GetJsonAsync($"/api/inspections/recommendations?unitId={unit}&openOnly=false")).EnumerateArray()];
        }

        // Tổng hợp: one row per unit, cluster 1 by rank, cluster 2 by rank then the unranked one.
        var summary = sheets[0].DataRows();
        Assert.Equal([.. Enumerable.Range(0, 5).Select(world.UnitCode)], summary.Select(r => Txt(r, "B")));
        foreach (var row in summary)
        {
            var unit = unitOf[Txt(row, "B")!];
            var sheet = apiSheets[unit];
            var final = sheet.GetProperty("status").GetString() is "Locked" or "Published";
            Assert.Equal(World.Names[Array.IndexOf(world.Units, unit)], Txt(row, "C"));
            Assert.Equal(final ? sheet.GetProperty("total").GetDecimal() : null, Num(row, "E"));
            Assert.Equal(final ? Str(sheet, "classification") : null, Txt(row, "F"));
            Assert.Equal(ranked.TryGetValue(unit, out var r) ? r.GetProperty("rank").GetInt32() : null, (int?)Num(row, "G"));
            Assert.Equal(sheet.GetProperty("status").GetString() switch { "Published" => "Đã công bố", "Locked" => "Đã chốt", _ => "Chưa chốt" }, Txt(row, "H"));

            var mine = attendance.Where(a => a.Unit == unit).ToList();
            var (present, excused, unexcused) = (mine.Count(a => a.Status == "Present"), mine.Count(a => a.Status == "ExcusedAbsence"),
                mine.Count(a => a.Status == "UnexcusedAbsence"));
            Assert.Equal([mine.Count, present, excused, unexcused], new[] { "I", "J", "K", "L" }.Select(c => (int)Num(row, c)!.Value));
            Assert.Equal(Math.Round(100m * present / mine.Count, 2), Num(row, "M"));
            var facts = sheet.GetProperty("facts");
            Assert.Equal((excused + unexcused, unexcused), (facts.GetProperty("briefingAbsences").GetInt32(), facts.GetProperty("briefingUnexcusedAbsences").GetInt32()));

            var due = tasks[unit].Where(t => DateOf(t, "deadline")!.Value.Year == World.Year).ToList();
            var (onTime, late) = (due.Count(t => t.GetProperty("state").GetString() == "OnTime"), due.Count(t => t.GetProperty("state").GetString() == "Late"));
            Assert.Equal([due.Count, onTime, late, due.Count - onTime - late], new[] { "N", "O", "P", "Q" }.Select(c => (int)Num(row, c)!.Value));
            Assert.Equal(due.Count == 0 ? null : Math.Round(100m * onTime / due.Count, 2), Num(row, "R"));
            Assert.Equal((due.Count, onTime + late), (facts.GetProperty("tasksAssigned").GetInt32(), facts.GetProperty("tasksCompleted").GetInt32()));

            string[] verdicts = ["Accepted", "PartlyAccepted", "Rejected"];
            Assert.Equal(verdicts.Select(v => findings[unit].Count(f => f.GetProperty("verdict").GetString() == v)),
                new[] { "S", "T", "U" }.Select(c => (int)Num(row, c)!.Value));
            Assert.Equal((recommendations[unit].Count, recommendations[unit].Count(x => x.GetProperty("open").GetBoolean())), ((int)Num(row, "V")!, (int)Num(row, "W")!));
        }
        // What the world was built to show, read off the summary: the quarter II correction counts, the review meeting does not.
        Assert.Equal([2m, 2m, 0m, 0m], new[] { "I", "J", "K", "L" }.Select(c => Num(summary[1], c)!.Value));
        Assert.Equal([2m, 1m, 0m, 0m], new[] { "I", "J", "K", "L" }.Select(c => Num(summary[4], c)!.Value));
        Assert.Equal((93m, "Hoàn thành xuất sắc nhiệm vụ", 1m), (Num(summary[0], "E"), Txt(summary[0], "F"), Num(summary[0], "G")));
        Assert.Equal((88m, 1m), (Num(summary[3], "E"), Num(summary[3], "G")));
        Assert.Equal(("Chưa chốt", null, null), (Txt(summary[4], "H"), Num(summary[4], "E"), Num(summary[4], "G")));

        // Điểm chi tiết: every condition with a value, in the scale's order, self / assessed / adjusted / final as the sheets have them.
        var lines = sheets[1].DataRows();
        foreach (var (unit, i) in world.Units.Select((u, i) => (u, i)))
        {
            var sheet = apiSheets[unit];
            var locked = sheet.GetProperty("status").GetString() is "Locked" or "Published";
            var expected = sheet.GetProperty("lines").EnumerateArray()
                .Where(l => Dec(l, "self") is not null || Dec(l, "assessed") is not null || Dec(l, "adjusted") is not null || locked && l.GetProperty("applicable").GetBoolean())
                .ToList();
            var mine = lines.Where(l => Txt(l, "A") == world.UnitCode(i)).ToList();
            Assert.Equal(expected.Select(l => l.GetProperty("code").GetString()), mine.Select(l => Txt(l, "D")));
            foreach (var (api, row) in expected.Zip(mine))
            {
                Assert.Equal((World.Names[i], api.GetProperty("sectionCode").GetString(), api.GetProperty("title").GetString(), api.GetProperty("maxPoints").GetDecimal()),
                    (Txt(row, "B"), Txt(row, "C"), Txt(row, "E"), Num(row, "K")));
                Assert.Equal((Dec(api, "self"), Dec(api, "assessed"), Dec(api, "adjusted")), (Num(row, "G"), Num(row, "H"), Num(row, "I")));
                Assert.Equal(locked ? (Dec(api, "value"), api.GetProperty("points").GetDecimal()) : (null, null), (Num(row, "J"), Num(row, "L")));
            }
        }
        Assert.Equal(25m, Num(lines.Single(l => Txt(l, "A") == world.UnitCode(3) && Txt(l, "D") == "A3"), "I"));
        Assert.Equal(10m, Num(lines.Single(l => Txt(l, "A") == world.UnitCode(0) && Txt(l, "D") == "B1"), "L"));

        // Xếp hạng cụm: the Emulation ranking, row for row.
        var rankingRows = sheets[2].DataRows();
        Assert.Equal(rankings.SelectMany(c => c.GetProperty("rows").EnumerateArray().Select(r => (
                c.GetProperty("cluster").GetString(), r.GetProperty("rank").GetDecimal(), r.GetProperty("unitName").GetString(), r.GetProperty("total").GetDecimal(),
                Str(r, "classification"), r.GetProperty("status").GetString() == "Published" ? "Đã công bố" : "Đã chốt", Str(r, "proposedAward")))),
            rankingRows.Select(r => (Txt(r, "A"), Num(r, "B")!.Value, Txt(r, "D"), Num(r, "E")!.Value, Txt(r, "F"), Txt(r, "G"), Txt(r, "H"))));
        Assert.Equal(4, rankingRows.Count);
        Assert.Equal("Cờ thi đua", Txt(rankingRows[0], "H"));

        // Dự giao ban: every invitation of the two briefings, with the last recorded status and its reason.
        static string StatusText(string? status) => status switch
        {
            "Present" => "Có mặt", "ExcusedAbsence" => "Vắng có phép", "UnexcusedAbsence" => "Vắng không phép", _ => "Chưa ghi nhận",
        };
        var attendanceRows = sheets[3].DataRows();
        Assert.Equal(attendance.OrderBy(a => a.Meeting.GetProperty("heldOn").GetString()).ThenBy(a => Array.IndexOf(world.Units, a.Unit))
                .Select(a => (DateOf(a.Meeting, "heldOn"), a.Meeting.GetProperty("title").GetString(), world.UnitCode(Array.IndexOf(world.Units, a.Unit)),
                    StatusText(a.Status), a.Reason)),
            attendanceRows.Select(r => (Day(r, "A"), Txt(r, "B"), Txt(r, "E"), Txt(r, "G"), Txt(r, "H"))));
        Assert.All(attendanceRows, r => Assert.Equal("Đoàn Khối Dân – Chính – Đảng tỉnh Bà Rịa – Vũng Tàu", Txt(r, "D")));
        Assert.Equal("Đính chính: đơn vị có dự, ký sổ muộn", Txt(attendanceRows.Single(r => Txt(r, "E") == world.UnitCode(1) && Txt(r, "C") == "Quý II/2023"), "H"));

        // Nhiệm vụ: each unit's tasks due in the year.
        static string TaskText(string state) => state switch { "OnTime" => "Đúng hạn", "Late" => "Trễ hạn", _ => "Chưa hoàn thành" };
        Assert.Equal(world.Units.SelectMany((u, i) => tasks[u].OrderBy(t => t.GetProperty("deadline").GetString()).Select(t => (world.UnitCode(i),
                t.GetProperty("text").GetString(), Str(t, "target"), DateOf(t, "deadline"), DateOf(t, "completedOn"), TaskText(t.GetProperty("state").GetString()!),
                Str(t, "lastNote")))),
            sheets[4].DataRows().Select(r => (Txt(r, "A"), Txt(r, "C"), Txt(r, "D"), Day(r, "E"), Day(r, "F"), Txt(r, "G"), Txt(r, "H"))));

        // Kiểm tra and Kiến nghị: the inspections' findings and recommendations of the year.
        static string VerdictText(string verdict) => verdict switch { "Accepted" => "Chấp nhận", "PartlyAccepted" => "Chấp nhận một phần", _ => "Không chấp nhận" };
        static string? Joined(JsonElement e, string name) => e.GetProperty(name).GetArrayLength() == 0 ? null : string.Join("\n", e.GetProperty(name).EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(world.Units.SelectMany((u, i) => findings[u].Select(f => (world.UnitCode(i), "05-KH/ĐTN", DateOf(f, "heldOn"), f.GetProperty("topic").GetString(),
                VerdictText(f.GetProperty("verdict").GetString()!), Str(f, "comment"), Str(f, "explanation"), Joined(f, "strengths"), Joined(f, "shortcomings")))),
            sheets[5].DataRows().Select(r => (Txt(r, "A"), Txt(r, "C"), Day(r, "D"), Txt(r, "E"), Txt(r, "F"), Txt(r, "G"), Txt(r, "H"), Txt(r, "I"), Txt(r, "J"))));
        Assert.Equal(3, sheets[5].DataRows().Count);
        Assert.Equal(world.Units.SelectMany((u, i) => recommendations[u].Select(x => (world.UnitCode(i), x.GetProperty("text").GetString(), DateOf(x, "deadline"),
                x.GetProperty("open").GetBoolean() ? "Chưa thực hiện" : "Đã thực hiện", DateOf(x, "reportedOn"), Str(x, "lastReport")))),
            sheets[6].DataRows().Select(r => (Txt(r, "A"), Txt(r, "D"), Day(r, "E"), Txt(r, "F"), Day(r, "G"), Txt(r, "H"))));
        Assert.Equal(2, sheets[6].DataRows().Count);
    }

    [Fact]
    public async Task Totals_are_formulas_whose_cached_values_equal_a_recalculation_and_our_figures()
    {
        var world = await factory.WorldAsync();
        var (sheets, _) = WorkbookReader.Read(await WorkbookAsync(world.Admin, world.BlocCode));
        var formulas = 0;
        foreach (var sheet in sheets)
        {
            var evaluator = new FormulaEvaluator(sheet);
            foreach (var (reference, cell) in sheet.Cells.Where(c => c.Value.Formula is not null))
            {
                formulas++;
                Assert.True(cell.IsNumber, $"{sheet.Name}!{reference} has no cached number");
                var recalculated = evaluator.Evaluate(cell.Formula!);
                Assert.True(Math.Abs((double)cell.Number - (double)recalculated) < 1e-9, $"{sheet.Name}!{reference} ={cell.Formula}: cached {cell.Value}, recalculated {recalculated}");
            }
        }
        Assert.True(formulas >= 20, $"{formulas} formulas");

        var summary = sheets[0];
        var total = summary.RowWhere("C", "Tổng cộng");
        Assert.Equal(("SUM(I5:I9)", 10m), (summary[$"I{total}"]!.Formula, summary[$"I{total}"]!.Number));
        Assert.Equal(Math.Round(100m * 7 / 10, 2), summary[$"M{total}"]!.Number);
        var average = summary.RowWhere("C", "Bình quân tổng điểm");
        Assert.Equal(Math.Round((93m + 85 + 78 + 88) / 4, 2), summary[$"E{average}"]!.Number);
        var good = summary.RowWhere("C", "Số đơn vị xếp loại Hoàn thành tốt nhiệm vụ");
        Assert.Equal(("COUNTIF(F5:F9,\"=Hoàn thành tốt nhiệm vụ\")", 3m), (summary[$"F{good}"]!.Formula, summary[$"F{good}"]!.Number));
        var attendance = sheets[3];
        Assert.Equal(1m, attendance[$"G{attendance.RowWhere("F", "Vắng không phép")}"]!.Number);
        Assert.Equal(1m, attendance[$"G{attendance.RowWhere("F", "Chưa ghi nhận")}"]!.Number);
        var tasks = sheets[4];
        Assert.Equal((3m, 1m, 3m), (tasks[$"G{tasks.RowWhere("B", "Đúng hạn")}"]!.Number, tasks[$"G{tasks.RowWhere("B", "Trễ hạn")}"]!.Number,
            tasks[$"G{tasks.RowWhere("B", "Chưa hoàn thành")}"]!.Number));
    }

    [Fact]
    public async Task Every_sheet_has_title_rows_a_frozen_header_a_filter_print_titles_and_an_A4_landscape_page()
    {
        var world = await factory.WorldAsync();
        var (sheets, names) = WorkbookReader.Read(await WorkbookAsync(world.Admin, world.BlocCode));
        for (var i = 0; i < sheets.Count; i++)
        {
            var sheet = sheets[i];
            Assert.Equal("Đoàn Khối Dân – Chính – Đảng tỉnh Bà Rịa – Vũng Tàu", sheet.Text("A1"));
            Assert.EndsWith("Năm 2023", sheet.Text("A2"), StringComparison.Ordinal);
            Assert.True(sheet.Text("A4") is { Length: > 0 }, sheet.Name);
            Assert.Equal(sheet.Text("A2")!.Normalize(NormalizationForm.FormC), sheet.Text("A2"));
            var pane = sheet.Worksheet.Descendants<Pane>().Single();
            Assert.Equal((PaneStateValues.Frozen, 4d, "A5"), (pane.State!.Value, pane.VerticalSplit!.Value, pane.TopLeftCell!.Value));
            var header = sheet.Row(4);
            var filter = sheet.Worksheet.Descendants<AutoFilter>().Single().Reference!.Value!;
            Assert.StartsWith("A4:", filter, StringComparison.Ordinal);
            Assert.Equal(header.Keys.Max(k => (k.Length, k)).k, ReadSheet.ColumnOf(filter.Split(':')[1]));
            var lastData = sheet.DataRows().Count + 4;
            Assert.Equal(lastData, ReadSheet.RowOf(filter.Split(':')[1]));
            var setup = sheet.Worksheet.Descendants<PageSetup>().Single();
            Assert.Equal((9u, OrientationValues.Landscape, 1u, 0u), (setup.PaperSize!.Value, setup.Orientation!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
            Assert.True(sheet.Worksheet.Descendants<PageSetupProperties>().Single().FitToPage!.Value);
            Assert.Equal(header.Count, sheet.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Column>().Count());
            var quoted = $"'{sheet.Name}'";
            Assert.Contains(names, n => n.Name == "_xlnm.Print_Titles" && n.Sheet == (uint)i && n.Text == $"{quoted}!$4:$4");
            static string Absolute(string a1) => $"${ReadSheet.ColumnOf(a1)}${ReadSheet.RowOf(a1)}";
            Assert.Contains(names, n => n.Name == "_xlnm._FilterDatabase" && n.Sheet == (uint)i
                && n.Text == $"{quoted}!{Absolute(filter.Split(':')[0])}:{Absolute(filter.Split(':')[1])}");
        }
        Assert.Equal("Đơn vị", sheets[0].Text("C4"));
        Assert.Equal("Tỷ lệ dự giao ban (%)", sheets[0].Text("M4"));
        Assert.Equal("Điểm chi tiết", sheets[1].Name);
        Assert.All(sheets, s => Assert.True(s.Name.Length <= 31 && s.Name.IndexOfAny("[]:*?/\\".ToCharArray()) < 0));
    }

    [Fact]
    public async Task Header_rows_are_as_tall_as_their_wrapped_text_columns_fit_their_content_and_long_rows_grow()
    {
        var world = await factory.WorldAsync();
        var (sheets, _) = WorkbookReader.Read(await WorkbookAsync(world.Admin, world.BlocCode));
        foreach (var sheet in sheets)
        {
            var rows = sheet.Worksheet.Descendants<Row>().ToDictionary(r => (int)r.RowIndex!.Value);
            var widths = sheet.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Column>().Select(c => c.Width!.Value).ToList();
            var header = sheet.Row(4);
            // The header row is tall enough for its longest heading wrapped in its column (LibreOffice does not size it on opening).
            var lines = header.Select(h => (int)Math.Ceiling(h.Value.Value!.Length / (widths[ColumnIndex(h.Key)] - 1))).Max();
            Assert.True(rows[4].CustomHeight?.Value == true && rows[4].Height!.Value >= Math.Min(lines, 3) * 15, $"{sheet.Name}: header row {rows[4].Height?.Value} pt");
            Assert.True(rows[1].Height!.Value >= 18, sheet.Name);
            // Codes and names are never cut: their columns are as wide as the longest of them.
            foreach (var (column, name) in header.Where(h => h.Value.Value is "Mã đơn vị" or "Đơn vị" or "Cụm thi đua").Select(h => (h.Key, h.Value.Value)))
            {
                var longest = sheet.DataRows().Select(r => r.GetValueOrDefault(column)?.Value?.Length ?? 0).DefaultIfEmpty(0).Max();
                // (A Times New Roman letter is narrower than the digit Excel measures widths in.)
                Assert.True(widths[ColumnIndex(column)] >= 0.9 * longest, $"{sheet.Name}!{column} ({name}) is {widths[ColumnIndex(column)]} wide for {longest} characters");
            }
            // A data row whose text is longer than its column wraps and is as tall as that.
            foreach (var (row, index) in sheet.DataRows().Select((r, i) => (r, i)))
            {
                var number = SheetFirstDataRow + index;
                var wraps = row.Where(c => c.Value.Value is { } text && !c.Value.IsNumber && text.Length > 1.3 * widths[ColumnIndex(c.Key)]).ToList();
                if (wraps.Count > 0)
                    Assert.True(rows[number].CustomHeight?.Value == true && rows[number].Height!.Value >= 30, $"{sheet.Name} row {number}: {wraps[0].Value.Value}");
            }
        }

        // Điểm chi tiết: what a value counts, the values, then the points, each under its own label.
        Assert.Equal(["Mã đơn vị", "Đơn vị", "Phần", "Mã điều kiện", "Điều kiện chấm", "Giá trị tính bằng", "Giá trị tự chấm", "Giá trị cấp trên chấm",
            "Giá trị điều chỉnh", "Giá trị chốt", "Điểm tối đa", "Điểm đạt"], sheets[1].Row(4).OrderBy(c => ColumnIndex(c.Key)).Select(c => c.Value.Value));
        Assert.All(sheets[1].DataRows(), r => Assert.False(string.IsNullOrEmpty(Txt(r, "F"))));
        var total = sheets[1].RowWhere("B", "Tổng cộng");
        Assert.StartsWith("SUM(L5:", sheets[1][$"L{total}"]!.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summary_opens_with_a_cover_and_closes_with_a_signature_block_and_findings_follow_the_scale()
    {
        var world = await factory.WorldAsync();
        var (sheets, _) = WorkbookReader.Read(await WorkbookAsync(world.Admin, world.BlocCode));
        var summary = sheets[0];
        Assert.Equal("Đoàn Khối Dân – Chính – Đảng tỉnh Bà Rịa – Vũng Tàu", summary.Text("A1"));
        Assert.Contains(summary.Row(1), c => c.Value.Value == "ĐOÀN TNCS HỒ CHÍ MINH" && c.Key != "A");
        Assert.StartsWith("Tổng kết năm", summary.Text("A2"), StringComparison.Ordinal);
        var today = DateOnly.FromDateTime(DateTime.Now).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        Assert.StartsWith($"Số liệu xuất ngày {today}", summary.Text("A3"), StringComparison.Ordinal);
        Assert.Null(sheets[1].Text("A3"));

        var lastTotal = summary.RowWhere("C", "Tổng cộng");
        var below = summary.Cells.Where(c => ReadSheet.RowOf(c.Key) > lastTotal && c.Value.Formula is null && c.Value.Value is { Length: > 0 })
            .ToDictionary(c => c.Value.Value!, c => c.Key);
        Assert.Contains("TM. BAN THƯỜNG VỤ", below.Keys);
        Assert.Contains("BÍ THƯ", below.Keys);
        Assert.Contains("NGƯỜI LẬP BIỂU", below.Keys);
        Assert.Contains(below.Keys, k => k.StartsWith("……, ngày ", StringComparison.Ordinal));
        Assert.True(ReadSheet.RowOf(below["BÍ THƯ"]) > ReadSheet.RowOf(below["TM. BAN THƯỜNG VỤ"]));
        var merges = summary.Worksheet.Descendants<MergeCell>().Select(m => m.Reference!.Value!).ToList();
        Assert.Contains(merges, m => m.StartsWith(ReadSheet.ColumnOf(below["TM. BAN THƯỜNG VỤ"]), StringComparison.Ordinal));
        // The signature block stays out of the filter and the totals.
        Assert.True(ReadSheet.RowOf(summary.Worksheet.Descendants<AutoFilter>().Single().Reference!.Value!.Split(':')[1]) < lastTotal);

        // Kiểm tra: a unit's topics in the scale's order (A2 before the free topic), not by name.
        var both = sheets[5].DataRows().GroupBy(r => Txt(r, "A")).Single(g => g.Count() == 2).Select(r => Txt(r, "E")).ToList();
        Assert.Equal(["A2", "Công tác phát triển đoàn viên"], both);
    }

    private const int SheetFirstDataRow = 5;

    /// <summary>A column's index from its letters (or a reference's).</summary>
    private static int ColumnIndex(string reference) =>
        reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + (c - 'A' + 1)) - 1;

    [Fact]
    public async Task The_download_streams_with_a_Vietnamese_file_name_and_an_ascii_fallback_and_the_unit_may_be_named_by_id()
    {
        var world = await factory.WorldAsync();
        var (response, bytes, announced) = await StreamAsync(world.Admin, world.BlocCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(announced);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"Tổng kết năm 2023 - {World.BlocShortName}.xlsx", disposition.FileNameStar);
        Assert.Equal("Tong ket nam 2023 - Doan Khoi Dan - Chinh - Dang.xlsx", disposition.FileName);
        var raw = string.Join(";", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.StartsWith("attachment; filename=\"Tong ket nam 2023 - Doan Khoi Dan - Chinh - Dang.xlsx\"; filename*=UTF-8''", raw, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''T%E1%BB%95ng%20k%E1%BA%BFt%20n%C4%83m%202023", raw, StringComparison.Ordinal);

        var (byId, idBytes) = await DownloadAsync(world.Admin, world.Bloc.ToString());
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        var (sheets, _) = WorkbookReader.Read(bytes);
        var (again, _) = WorkbookReader.Read(idBytes);
        Assert.Equal(sheets.Select(s => s.Cells.OrderBy(c => c.Key, StringComparer.Ordinal)), again.Select(s => s.Cells.OrderBy(c => c.Key, StringComparer.Ordinal)));
    }

    [Fact]
    public async Task An_auditor_of_the_subtree_may_download_and_an_auditor_of_another_subtree_gets_403()
    {
        var world = await factory.WorldAsync();
        var (_, _, auditor) = await World.AccountAsync(factory, world.Admin, "Auditor", world.Province);
        var (_, _, office) = await World.AccountAsync(factory, world.Admin, "OfficeStaff", world.Bloc);
        var (_, _, outsider) = await World.AccountAsync(factory, world.Admin, "Auditor", world.OtherBloc);
        var (_, _, secretary) = await World.AccountAsync(factory, world.Admin, "UnitSecretary", world.Units[0]);
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync(auditor, world.BlocCode)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync(office, world.BlocCode)).Response.StatusCode);
        var (denied, body) = await DownloadAsync(outsider, world.BlocCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("application/problem+json", denied.Content.Headers.ContentType?.MediaType);
        Assert.Null(denied.Content.Headers.ContentDisposition);
        Assert.Contains("\"status\":403", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await DownloadAsync(secretary, world.BlocCode)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await DownloadAsync(factory.CreateClient(), world.BlocCode)).Response.StatusCode);
    }

    [Theory]
    [InlineData("", "2023", 400, "unit")]
    [InlineData("{code}", "", 400, "year")]
    [InlineData("{code}", "hai-nghìn", 400, "year")]
    [InlineData("{code}", "1999", 400, "year")]
    [InlineData("{code}", "2101", 400, "year")]
    [InlineData("{code}", "-2023", 400, "year")]
    [InlineData("KHONG-CO.MA", "2023", 404, "unit")]
    [InlineData("{missing-id}", "2023", 404, "unit")]
    [InlineData("{code}", "2019", 404, "unit")]
    public async Task Bad_requests_are_problems_naming_the_field(string unit, string year, int status, string field)
    {
        var world = await factory.WorldAsync();
        // The bloc was founded on 1/1/2020: it did not exist in 2019.
        unit = unit.Replace("{code}", world.BlocCode, StringComparison.Ordinal).Replace("{missing-id}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        var (response, body) = await DownloadAsync(world.Admin, unit, year);
        Assert.Equal(status, (int)response.StatusCode);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), Encoding.UTF8.GetString(body));
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }
}
