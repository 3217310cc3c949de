using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DoanPlatform.Testing;

namespace DoanPlatform.Host.Tests.Cli;

[Collection(nameof(ConsoleCapture))]
public sealed class ExportCommandTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private static readonly object Scale = new
    {
        name = "Thang điểm thi đua năm 2023", guideline = "Hướng dẫn số 32-HD/ĐTN ngày 23/02/2021", maxPoints = 10m, bonusCap = 0m,
        sections = new[]
        {
            new
            {
                code = "A", title = "Công tác Đoàn", maxPoints = 10m,
                criteria = new[]
                {
                    new
                    {
                        code = "A.1", title = "Học tập",
                        items = new[] { new { code = "A.1.1", title = "Nghị quyết", conditions = new[] { new { code = "A1", title = "Học tập nghị quyết", kind = "Manual", maxPoints = 10m } } } },
                    },
                },
            },
        },
        classes = new object[] { new { name = "Hoàn thành xuất sắc nhiệm vụ", minTotal = 9m }, new { name = "Hoàn thành nhiệm vụ", minTotal = -100m } },
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Every sheet's cells: reference → (text or number as written, formula).</summary>
    private static List<(string Sheet, List<(string Ref, string? Value, string? Formula)> Cells)> Cells(Stream xlsx)
    {
        using var document = SpreadsheetDocument.Open(xlsx, false);
        var workbook = document.WorkbookPart!;
        return [.. workbook.Workbook.Descendants<Sheet>().Select(sheet => (sheet.Name!.Value!,
            ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Cell>()
                .Select(c => (c.CellReference!.Value!, c.InlineString?.InnerText ?? c.CellValue?.Text, c.CellFormula?.Text)).ToList()))];
    }

    [Fact]
    public async Task Export_yearly_review_writes_the_workbook_the_http_endpoint_serves_with_a_progress_line()
    {
        var admin = await factory.SignInAsync();
        var province = await admin.EstablishAsync("CLIR", "Tỉnh Đoàn Thử nghiệm", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync("CLIR.DK", "Đoàn Khối Cơ quan tỉnh", "Bloc", province, "2020-01-01");
        Guid[] units = [await admin.EstablishAsync("CLIR.DK.1", "Đoàn Sở Tư pháp", "Grassroots", bloc, "2020-01-01", sector: "Agencies"),
                        await admin.EstablishAsync("CLIR.DK.2", "Đoàn Sở Y tế", "Grassroots", bloc, "2020-01-01", sector: "Agencies")];
        await factory.WaitForNonStaleAsync();
        var scale = (await Json(await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = bloc, year = 2023, content = Scale }))).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/emulation/scales/{scale}/publish", new { version = 1, effectiveDate = "2023-02-23" });
        var meeting = (await Json(await admin.PostOkAsync("/api/meetings", new
        {
            kind = "Briefing", conveningUnitId = bloc, title = "Giao ban quý I/2023", period = "Quý I/2023", heldOn = "2023-03-30", venue = "Hội trường",
            chairs = new[] { new { name = "Lê Văn Tâm", title = "Bí thư" } },
        }))).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/meetings/{meeting}/attendance", new
        {
            version = 1, entries = new object[] { new { unitId = units[0], status = "Present" }, new { unitId = units[1], status = "ExcusedAbsence", reason = "Đi học" } },
        });
        foreach (var (unit, value) in units.Zip(new[] { 9m, 7m }))
        {
            var url = $"/api/emulation/sheets/{unit}/2023";
            var entries = new[] { new { conditionCode = "A1", value } };
            var version = (await Json(await admin.PostOkAsync($"{url}/self-assessment", new { version = 0, scaleId = scale, entries }))).GetProperty("version").GetInt64();
            version = (await Json(await admin.PostOkAsync($"{url}/submit", new { version }))).GetProperty("version").GetInt64();
            version = (await Json(await admin.PostOkAsync($"{url}/assessment", new { version, entries }))).GetProperty("version").GetInt64();
            await admin.PostOkAsync($"{url}/lock", new { version });
        }
        await factory.WaitForNonStaleAsync();
        var served = await admin.GetAsync(new Uri("/api/reports/yearly-review?unit=CLIR.DK&year=2023", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        var folder = Directory.CreateTempSubdirectory("doan-export-");
        var path = Path.Combine(folder.FullName, "Tổng kết năm 2023 - Đoàn Khối.xlsx");
        var (code, output, error) = await ConsoleCapture.RunAsync(
            ["export", "yearly-review", "--unit", "CLIR.DK", "--year", "2023", "--out", path, "--connection-string", factory.ConnectionString]);
        Assert.True(code == 0, error);
        Assert.Contains($"Đã ghi tổng kết năm 2023 của Đoàn Khối Cơ quan tỉnh: {path}", output, StringComparison.Ordinal);
        Assert.Contains("Đang ghi: Tổng hợp 2/2 dòng", error, StringComparison.Ordinal);
        Assert.Contains("Đang ghi: Điểm chi tiết 2/2 dòng", error, StringComparison.Ordinal);
        Assert.Contains("Đang ghi: Dự giao ban 2/2 dòng", error, StringComparison.Ordinal);
        Assert.Equal([path], Directory.GetFiles(folder.FullName));

        await using (var file = File.OpenRead(path))
        await using (var body = await served.Content.ReadAsStreamAsync())
        {
            var (cli, http) = (Cells(file), Cells(body));
            Assert.Equal(http.Select(s => s.Sheet), cli.Select(s => s.Sheet));
            foreach (var ((_, expected), (_, actual)) in http.Zip(cli))
                Assert.Equal(expected, actual);
            Assert.Contains(cli[0].Cells, c => c.Value == "Đoàn Sở Tư pháp");
        }
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Export_yearly_review_refuses_an_unknown_code_a_bad_year_a_missing_folder_and_an_unwritable_target_and_leaves_no_file()
    {
        var admin = await factory.SignInAsync();
        await admin.EstablishAsync("CLIX", "Tỉnh Đoàn Không dữ liệu", "Province", null, "2020-01-01");
        await factory.WaitForNonStaleAsync();
        var folder = Directory.CreateTempSubdirectory("doan-export-");
        var path = Path.Combine(folder.FullName, "tong-ket.xlsx");
        string[] Args(string unit, string year, string output) =>
            ["export", "yearly-review", "--unit", unit, "--year", year, "--out", output, "--connection-string", factory.ConnectionString];

        var (unknown, _, unknownError) = await ConsoleCapture.RunAsync(Args("KHONG.CO", "2023", path));
        Assert.Equal(2, unknown);
        Assert.Contains("không có đơn vị mã 'KHONG.CO' (--unit) trong năm 2023", unknownError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", unknownError, StringComparison.Ordinal);

        var (badYear, _, badYearError) = await ConsoleCapture.RunAsync(Args("CLIX", "1990", path));
        Assert.Equal(2, badYear);
        Assert.Contains("--year", badYearError, StringComparison.Ordinal);

        var (missing, _, missingError) = await ConsoleCapture.RunAsync(Args("CLIX", "2023", Path.Combine(folder.FullName, "khong-co", "x.xlsx")));
        Assert.Equal(2, missing);
        Assert.Contains("không tồn tại", missingError, StringComparison.Ordinal);

        // The target is a folder: the workbook is written to a temporary file, the move fails, and the temporary file is removed.
        var target = Directory.CreateDirectory(Path.Combine(folder.FullName, "là-thư-mục.xlsx"));
        var (unwritable, _, unwritableError) = await ConsoleCapture.RunAsync(Args("CLIX", "2023", target.FullName));
        Assert.Equal(1, unwritable);
        Assert.Contains($"không ghi được {target.FullName}", unwritableError, StringComparison.Ordinal);

        Assert.Empty(Directory.GetFiles(folder.FullName, "*", SearchOption.AllDirectories));
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Emulation_ranking_export_takes_a_unit_code_or_id_says_where_it_wrote_and_refuses_an_unknown_code()
    {
        var admin = await factory.SignInAsync();
        var province = await admin.EstablishAsync("CLRK", "Tỉnh Đoàn Xếp hạng", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync("CLRK.DK", "Đoàn Khối Cơ quan tỉnh", "Bloc", province, "2020-01-01");
        await factory.WaitForNonStaleAsync();
        var folder = Directory.CreateTempSubdirectory("doan-ranking-");
        try
        {
            var path = Path.Combine(folder.FullName, "Xếp hạng thi đua 2023.xlsx");
            string[] Args(string unit, string output) =>
                ["emulation", "ranking", "export", "--unit", unit, "--year", "2023", "--out", output, "--connection-string", factory.ConnectionString];

            var (code, output, error) = await ConsoleCapture.RunAsync(Args("CLRK.DK", path));
            Assert.True(code == 0, error);
            Assert.Contains($"Đã ghi xếp hạng thi đua năm 2023 của Đoàn Khối Cơ quan tỉnh: {path}", output, StringComparison.Ordinal);
            await using (var file = File.OpenRead(path))
            {
                var sheet = Assert.Single(Cells(file));
                Assert.Contains(sheet.Cells, c => c.Ref == "A1" && c.Value == "Đoàn Khối Cơ quan tỉnh");
                Assert.Contains(sheet.Cells, c => c.Ref == "A5" && c.Value == "Chưa có cụm thi đua hoặc kết quả năm 2023.");
            }

            var byId = Path.Combine(folder.FullName, "theo-id.xlsx");
            var (idCode, idOutput, idError) = await ConsoleCapture.RunAsync(Args(bloc.ToString(), byId));
            Assert.True(idCode == 0, idError);
            Assert.Contains(byId, idOutput, StringComparison.Ordinal);

            var missing = Path.Combine(folder.FullName, "khong-co.xlsx");
            var (unknown, _, unknownError) = await ConsoleCapture.RunAsync(Args("KHONG.CO", missing));
            Assert.Equal(2, unknown);
            Assert.Contains("không có đơn vị mã 'KHONG.CO' (--unit) trong năm 2023", unknownError, StringComparison.Ordinal);
            Assert.False(File.Exists(missing));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
