using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using DoanPlatform.Testing;

namespace DoanPlatform.Reporting.Tests;

/// <summary>The history as .xlsx, downloaded and read back.</summary>
public sealed class ReplayWorkbookTests(VietnamFactory factory) : IClassFixture<VietnamFactory>
{
    [Fact]
    public async Task The_workbook_has_a_titled_Lich_su_sheet_with_a_frozen_filtered_header_real_dates_and_every_line_and_is_valid()
    {
        var world = await ReplayWorld.BuildAsync(factory);
        var (_, auditor) = await ReplayWorld.AccountAsync(factory, world.Admin, $"ks{world.Tag}", "Phạm Kiểm Soát", "Auditor", world.Bloc);
        var json = await auditor.GetJsonAsync($"/api/reports/audit/units/{world.UnitCode}?year=2024");

        var response = await auditor.GetAsync(new Uri($"/api/reports/audit/units/{world.UnitCode}.xlsx?year=2024", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal($"Lịch sử Chi đoàn Sở Tài chính ({world.UnitCode}) năm 2024.xlsx", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''L%E1%BB%8Bch%20s%E1%BB%AD", disposition.ToString(), StringComparison.Ordinal);

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var workbook = document.WorkbookPart!;
        var sheet = Assert.Single(workbook.Workbook.Sheets!.Elements<Sheet>());
        Assert.Equal("Lịch sử", sheet.Name!.Value);
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
        var rows = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        string Text(Cell? cell) => cell?.InlineString?.InnerText ?? "";
        Cell? At(Row row, char column) => row.Elements<Cell>().FirstOrDefault(c => c.CellReference!.Value == $"{column}{row.RowIndex!.Value}");

        Assert.Equal($"LỊCH SỬ THAY ĐỔI: Chi đoàn Sở Tài chính (mã {world.UnitCode}) – năm 2024", Text(At(rows[0], 'A')));
        var entries = json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal($"{entries.Count} thay đổi, theo thứ tự ghi nhận; giờ Việt Nam", Text(At(rows[1], 'A')));
        Assert.Equal(4u, rows[2].RowIndex!.Value);
        Assert.Equal(["Ngày hiệu lực", "Thời điểm ghi", "Người thực hiện", "Quyết định", "Nội dung thay đổi", "Lý do"], rows[2].Elements<Cell>().Select(Text));
        var pane = worksheet.Descendants<Pane>().Single();
        Assert.Equal((PaneStateValues.Frozen, 4d, "A5"), (pane.State!.Value, pane.VerticalSplit!.Value, pane.TopLeftCell!.Value));
        Assert.Equal("A4:F9", worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
        Assert.Equal(6, worksheet.Descendants<Column>().Count());
        Assert.Equal("'Lịch sử'!$4:$4", workbook.Workbook.DefinedNames!.Elements<DefinedName>().Single(n => n.Name == "_xlnm.Print_Titles").Text);
        Assert.Equal(OrientationValues.Landscape, worksheet.GetFirstChild<PageSetup>()!.Orientation!.Value);

        Assert.Equal(entries.Count + 3, rows.Count);
        var formats = workbook.WorkbookStylesPart!.Stylesheet;
        string FormatOf(Cell cell)
        {
            var format = formats.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
            return formats.NumberingFormats!.Elements<NumberingFormat>().Single(n => n.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value!;
        }
        for (var i = 0; i < entries.Count; i++)
        {
            var row = rows[i + 3];
            var effective = At(row, 'A')!;
            Assert.Equal("dd/mm/yyyy", FormatOf(effective));
            Assert.Equal(entries[i].GetProperty("effectiveDate").GetString(),
                DateTime.FromOADate(double.Parse(effective.CellValue!.Text, CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var recorded = At(row, 'B')!;
            Assert.Equal("dd/mm/yyyy hh:mm", FormatOf(recorded));
            Assert.Equal(DateTimeOffset.Parse(entries[i].GetProperty("recordedAt").GetString()!, CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(7))
                .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                DateTime.FromOADate(double.Parse(recorded.CellValue!.Text, CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            Assert.Equal(entries[i].GetProperty("actor").GetString(), Text(At(row, 'C')));
            Assert.Equal(entries[i].GetProperty("text").GetString(), Text(At(row, 'E')));
        }
        Assert.Equal("845-QĐ/TĐTN", Text(At(rows[3], 'D')));
        Assert.Equal("Sắp xếp tổ chức bộ máy", Text(At(rows[3], 'F')));
        Assert.Equal("", Text(At(rows[4], 'D')));
    }

    [Fact]
    public async Task A_unit_without_history_in_the_year_still_gets_a_valid_workbook_with_its_title_and_header()
    {
        var world = await ReplayWorld.BuildAsync(factory);

        var response = await world.Admin.GetAsync(new Uri($"/api/reports/audit/units/{world.MergedCode}.xlsx?year=2019", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        Assert.Equal([1u, 2u, 4u, 6u], rows.Select(r => r.RowIndex!.Value));
        Assert.Equal("Không có thay đổi nào trong khoảng này.", rows[^1].InnerText);
    }
}
