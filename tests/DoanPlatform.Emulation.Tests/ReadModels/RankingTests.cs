using DoanPlatform.Emulation.Contracts;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Emulation.ReadModels;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Testing;

namespace DoanPlatform.Emulation.Tests.ReadModels;

/// <summary>Unit results and cluster rankings: ties share a rank after the tie-breaks, the year's cluster assignment rules.</summary>
public sealed class RankingTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    internal static ScoresLocked Locked(Guid unitId, Guid issuing, decimal total, decimal[] tieKeys, int classIndex, string classification) =>
        new(ScoreSheet.StreamId(unitId, 2023), unitId, 2023, Guid.Empty, issuing, Sector.Agencies, UnitLevel.Grassroots, UnitFacts.None, new DateOnly(2023, 12, 20),
            total, total, 0, 0, new Dictionary<string, decimal> { ["A"] = tieKeys[0], ["B"] = total - tieKeys[0] }, classification, classIndex, tieKeys,
            "Cờ thi đua", [new FinalScore("A1", tieKeys[0], tieKeys[0], false)]);

    private static async Task<Guid> ClusterAsync(HttpClient admin, Guid issuing, string name, params Guid[] members)
    {
        var formed = await admin.PostOkAsync("/api/organisation/clusters", new
        {
            issuingUnitId = issuing, year = 2023, name, effectiveDate = "2023-01-15", decision = Api.DecisionOf("02-QĐ/ĐTN", "2023-01-15"), reason = "Phân cụm",
        });
        var id = (await formed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var unit in members)
            await admin.PostOkAsync($"/api/organisation/clusters/{id}/members",
                new { unitId = unit, effectiveDate = "2023-01-15", decision = Api.DecisionOf("02-QĐ/ĐTN", "2023-01-15"), reason = "Phân cụm" });
        return id;
    }

    [Fact]
    public async Task Ties_share_a_rank_after_the_tie_breaks_and_a_unit_moved_mid_year_ranks_in_its_year_cluster()
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await admin.EstablishAsync($"R{tag}", "Tỉnh Đoàn Bắc Giang", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync($"R{tag}.K", "Đoàn Khối các cơ quan tỉnh", "Bloc", province, "2020-01-01");
        var other = await admin.EstablishAsync($"R{tag}.X", "Đoàn Khối Doanh nghiệp tỉnh", "Bloc", province, "2020-01-01");
        string[] names = ["Đoàn Sở Y tế", "Đoàn Sở Giáo dục", "Đoàn Sở Tư pháp", "Đoàn Sở Công Thương", "Đoàn Kho bạc Nhà nước"];
        var units = new Guid[names.Length];
        for (var i = 0; i < units.Length; i++)
            units[i] = await admin.EstablishAsync($"R{tag}.K.{i}", names[i], "Grassroots", bloc, "2020-01-01", sector: "Agencies");
        await factory.WaitForNonStaleAsync();
        await ClusterAsync(admin, bloc, "Cụm thi đua số 1", units[0], units[1], units[2], units[3]);
        await ClusterAsync(admin, bloc, "Cụm thi đua số 2", units[4]);
        await admin.PostOkAsync($"/api/organisation/units/{units[3]}/move", new
        {
            parentId = other, effectiveDate = "2023-07-01", decision = Api.DecisionOf("845-QĐ/TĐTN", "2023-06-20"), reason = "Sắp xếp tổ chức",
        });

        await using (var session = factory.Store.LightweightSession(new Actor("kiem-thu", "Kiểm thử")))
        {
            session.Events.Append(ScoreSheet.StreamId(units[0], 2023), Locked(units[0], bloc, 90, [40, 0], 1, "Hoàn thành tốt nhiệm vụ"));
            session.Events.Append(ScoreSheet.StreamId(units[1], 2023), Locked(units[1], bloc, 85, [30, 0], 1, "Hoàn thành tốt nhiệm vụ"),
                new ResultPublished(ScoreSheet.StreamId(units[1], 2023), new DateOnly(2023, 12, 25)));
            session.Events.Append(ScoreSheet.StreamId(units[2], 2023), Locked(units[2], bloc, 85, [30, 0], 1, "Hoàn thành tốt nhiệm vụ"));
            session.Events.Append(ScoreSheet.StreamId(units[3], 2023), Locked(units[3], bloc, 85, [28, 0], 1, "Hoàn thành tốt nhiệm vụ"));
            session.Events.Append(ScoreSheet.StreamId(units[4], 2023), Locked(units[4], bloc, 95, [45, 0], 0, "Hoàn thành xuất sắc nhiệm vụ"));
            await session.SaveChangesAsync();
        }
        await factory.WaitForNonStaleAsync();

        var rankings = (await admin.GetJsonAsync($"/api/emulation/rankings?issuingUnitId={bloc}&year=2023")).EnumerateArray().ToList();
        var first = rankings.Single(c => c.GetProperty("cluster").GetString() == "Cụm thi đua số 1").GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([1, 2, 2, 4], first.Select(r => r.GetProperty("rank").GetInt32()));
        Assert.Equal(units[0], first[0].GetProperty("unitId").GetGuid());
        Assert.Equal(units[3], first[3].GetProperty("unitId").GetGuid());
        Assert.Equal("Đoàn Sở Công Thương", first[3].GetProperty("unitName").GetString());
        Assert.Equal(JsonValueKind.Null, first[0].GetProperty("proposedAward").ValueKind);
        var second = Assert.Single(rankings.Single(c => c.GetProperty("cluster").GetString() == "Cụm thi đua số 2").GetProperty("rows").EnumerateArray());
        Assert.Equal(("Cờ thi đua", 1), (second.GetProperty("proposedAward").GetString(), second.GetProperty("rank").GetInt32()));

        // The exported ranking reads back with the read model's figures; totals are formulas whose cached values are ours.
        var xlsx = await admin.GetAsync(new Uri($"/api/emulation/rankings.xlsx?issuingUnitId={bloc}&year=2023", UriKind.Relative));
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        AssertPrintLayout(bytes);
        var sheets = DoanPlatform.Emulation.Excel.Workbook.Read(new MemoryStream(bytes));
        var (_, cells) = sheets.Single(s => s.Name == "Cụm thi đua số 1");
        // The yearly review's layout: two title rows, the header on row 4, the units under it.
        Assert.Equal(("Hạng", "Đơn vị", "Tổng điểm"), (cells["A4"].Value, cells["B4"].Value, cells["G4"].Value));
        for (var i = 0; i < first.Count; i++)
        {
            var row = i + 5;
            Assert.Equal(first[i].GetProperty("rank").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), cells[$"A{row}"].Value);
            Assert.Equal(first[i].GetProperty("unitName").GetString(), cells[$"B{row}"].Value);
            Assert.Equal(first[i].GetProperty("total").GetDecimal(), decimal.Parse(cells[$"G{row}"].Value!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal($"SUM(C{row}:D{row})+E{row}-F{row}", cells[$"G{row}"].Formula);
        }

        var before = await SnapshotAsync();
        await factory.Store.Advanced.RebuildProjectionAsync(UnitResultsProjection.ProjectionName);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Contains("\"status\":\"Published\"", before, StringComparison.Ordinal);
    }

    /// <summary>The yearly review's layout: title rows, widths from the names, a wrapped header as tall as it needs, A4 landscape fitted, print titles.</summary>
    private static void AssertPrintLayout(byte[] bytes)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document));
        var workbook = document.WorkbookPart!;
        Assert.NotNull(workbook.WorkbookStylesPart);
        var names = workbook.Workbook.DefinedNames!.Elements<DocumentFormat.OpenXml.Spreadsheet.DefinedName>().ToList();
        foreach (var (sheet, i) in workbook.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select((s, i) => (s, i)))
        {
            var worksheet = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet;
            var cells = worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToDictionary(c => c.CellReference!.Value!, c => c.InnerText);
            Assert.Equal("Đoàn Khối các cơ quan tỉnh", cells["A1"]);
            Assert.StartsWith("Bảng xếp hạng thi đua năm 2023 – ", cells["A2"], StringComparison.Ordinal);
            var widths = worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Column>().Select(c => c.Width!.Value).ToList();
            var longestName = cells.Where(c => c.Key.StartsWith('B') && c.Key != "B4" && c.Key.Length > 1 && char.IsDigit(c.Key[1])).Select(c => c.Value.Length).Max();
            Assert.True(widths[1] >= longestName + 1, $"Đơn vị is {widths[1]} wide for {longestName} characters");
            var header = worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Single(r => r.RowIndex!.Value == 4);
            Assert.True(header.CustomHeight!.Value && header.Height!.Value >= 30);
            Assert.All(header.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>(), c => Assert.Equal(3u, c.StyleIndex!.Value));
            var setup = worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.PageSetup>().Single();
            Assert.Equal((9u, DocumentFormat.OpenXml.Spreadsheet.OrientationValues.Landscape, 1u, 0u),
                (setup.PaperSize!.Value, setup.Orientation!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
            Assert.True(worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.PageSetupProperties>().Single().FitToPage!.Value);
            Assert.Equal("A5", worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Pane>().Single().TopLeftCell!.Value);
            Assert.Contains(names, n => n.Name == "_xlnm.Print_Titles" && n.LocalSheetId!.Value == i && n.Text == $"'{sheet.Name!.Value}'!$4:$4");
        }
    }

    private async Task<string> SnapshotAsync()
    {
        await using var command = factory.Store.DataSource.CreateCommand(
            "select coalesce(string_agg(row_to_json(r)::text, E'\\n' order by r.sheet_id), '') from doan_emulation.unit_results r");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
