using DoanPlatform.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Features;
using DoanPlatform.Organisation.Import;

namespace DoanPlatform.Organisation.Tests.Import;

public class ImportUnitsTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private static readonly Decision Decided = new("09-QĐ/TĐTN", new DateOnly(2023, 1, 2), "Phạm Văn Dũng");
    private static readonly string[] Header = ["Mã", "Tên", "Mã đơn vị cấp trên", "Cấp", "Khối"];

    /// <summary>A province of 5,000 units: 1 province, 18 districts, 481 grassroots, 4,500 branches.</summary>
    private static List<string[]> Province(string prefix)
    {
        var rows = new List<string[]> { new[] { prefix, $"Tỉnh đoàn {prefix}", "", "Province", "" } };
        for (var d = 1; d <= 18; d++)
            rows.Add([$"{prefix}.H{d}", $"Huyện đoàn số {d}", prefix, "Huyện đoàn", ""]);
        for (var g = 1; g <= 481; g++)
            rows.Add([$"{prefix}.H{g % 18 + 1}.CS{g}", $"Đoàn cơ sở số {g}", $"{prefix}.H{g % 18 + 1}", "Grassroots", g % 2 == 0 ? "Trường học" : "Communes"]);
        for (var b = 1; b <= 4500; b++)
        {
            var g = b % 481 + 1;
            rows.Add([$"{prefix}.H{g % 18 + 1}.CS{g}.CD{b}", $"Chi đoàn số {b}", $"{prefix}.H{g % 18 + 1}.CS{g}", "Chi đoàn", ""]);
        }
        return rows;
    }

    private static byte[] Xlsx(IEnumerable<string[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                var r = 0u;
                foreach (var row in new[] { Header }.Concat(rows))
                {
                    r++;
                    writer.WriteStartElement(new Row { RowIndex = r });
                    for (var c = 0; c < row.Length; c++)
                    {
                        writer.WriteElement(new Cell
                        {
                            CellReference = $"{(char)('A' + c)}{r}",
                            DataType = CellValues.InlineString,
                            InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(row[c])),
                        });
                    }
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Đơn vị" }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static byte[] Csv(IEnumerable<string[]> rows) =>
        Encoding.UTF8.GetBytes(string.Join("\n", new[] { Header }.Concat(rows).Select(r => string.Join(",", r.Select(c => c.Contains(',', StringComparison.Ordinal) ? $"\"{c}\"" : c)))));

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] content, string mediaType)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await client.PostAsync("/api/organisation/imports/units?effectiveDate=2023-01-02&decisionNumber=09-QĐ/TĐTN&signer=Phạm Văn Dũng", body);
    }

    private async Task<long> UnitStreamsAsync()
    {
        await using var command = factory.Store.DataSource.CreateCommand("select count(*) from doan_events.streams where type = 'Unit'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_generated_5000_unit_xlsx_province_imports_in_one_go_and_the_same_sheet_with_one_bad_row_writes_nothing()
    {
        var admin = await factory.SignInAsync();
        var rows = Province("BG");
        var bad = rows.Select(r => (string[])r.Clone()).ToList();
        bad[3120][2] = "BG.KHONG-CO";

        var before = await UnitStreamsAsync();
        var rejected = await PostAsync(admin, Xlsx(bad), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        var problem = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(3122, error.GetProperty("row").GetInt32());
        Assert.Contains("BG.KHONG-CO", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await UnitStreamsAsync());

        var clock = Stopwatch.StartNew();
        var response = await PostAsync(admin, Xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var imported = clock.ElapsedMilliseconds;
        Assert.Equal(5000, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());
        Assert.Equal(before + 5000, await UnitStreamsAsync());
        await factory.WaitForNonStaleAsync();
        Console.WriteLine($"5,000-unit xlsx import: {imported} ms; projections caught up after {clock.ElapsedMilliseconds} ms");

        var root = (await admin.GetJsonAsync("/api/organisation/tree?asOf=2023-06-30")).EnumerateArray().First(n => n.GetProperty("code").GetString() == "BG");
        var tree = await admin.GetJsonAsync($"/api/organisation/tree?root={root.GetProperty("id").GetGuid()}&asOf=2023-06-30");
        Assert.Equal(5000, tree.GetArrayLength());
        Assert.Equal(3, tree.EnumerateArray().Max(n => n.GetProperty("depth").GetInt32()));
    }

    [Fact]
    public void Every_bad_row_is_named_with_its_reason()
    {
        var rows = new List<SheetRow>
        {
            new(2, "P", "Tỉnh đoàn P", "", "Province", "", ""),
            new(3, "P.A", "", "P", "Huyện đoàn", "", ""),
            new(4, "P.A", "Trùng", "P", "District", "", ""),
            new(5, "P.X", "Mồ côi", "P.NONE", "Bloc", "", ""),
            new(6, "C1", "Vòng 1", "C2", "Bloc", "", ""),
            new(7, "C2", "Vòng 2", "C1", "Bloc", "", ""),
            new(8, "P.OLD", "Đã có", "P", "Bloc", "", ""),
            new(9, "P.L", "Sai cấp", "P", "Cấp gì đó", "", ""),
        };

        var plan = ImportUnits.Decide(rows, new Dictionary<string, Guid> { ["P.OLD"] = Guid.NewGuid() }, new DateOnly(2023, 1, 2), Decided, Guid.CreateVersion7);

        Assert.Empty(plan.Units);
        Assert.Equal(
        [
            "3 Thiếu tên đơn vị.",
            "4 Trùng mã P.A với dòng 3.",
            "5 Không tìm thấy đơn vị cấp trên mã P.NONE.",
            "6 Vòng lặp cấp trên: C1 → C2 → C1.",
            "7 Vòng lặp cấp trên: C2 → C1 → C2.",
            "8 Mã P.OLD đã có trong hệ thống.",
            "9 Cấp “Cấp gì đó” không hợp lệ.",
        ], plan.Errors.Select(e => $"{e.Row} {e.Reason}"));
    }

    [Fact]
    public async Task A_csv_with_invalid_UTF8_is_rejected_with_the_row_and_writes_nothing()
    {
        var admin = await factory.SignInAsync();
        var csv = Csv([["Q", "Tỉnh đoàn Q", "", "Province", ""], ["Q.1", "Đoàn cơ sở 1", "Q", "Grassroots", "Cơ quan"]]).ToList();
        csv.AddRange(Encoding.UTF8.GetBytes("\nQ.2,Đoàn c"));
        csv.AddRange(new byte[] { 0xC3, 0x28 });
        csv.AddRange(Encoding.UTF8.GetBytes(" sở 2,Q,Grassroots,\n"));
        var before = await UnitStreamsAsync();

        var response = await PostAsync(admin, [.. csv], "text/csv");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray());
        Assert.Equal(4, error.GetProperty("row").GetInt32());
        Assert.Contains("UTF-8", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await UnitStreamsAsync());
    }

    [Fact]
    public async Task A_csv_with_Vietnamese_headers_and_quoted_names_imports_under_an_existing_parent()
    {
        var admin = await factory.SignInAsync();
        var parent = await admin.EstablishAsync("CSV", "Tỉnh đoàn CSV", "Province", null, "2000-01-01");
        await factory.WaitForNonStaleAsync();
        var csv = Csv([["CSV.DK", "Đoàn Khối Dân, Chính, Đảng", "CSV", "Đoàn Khối", "Cơ quan"], ["CSV.DK.1", "Chi đoàn Văn phòng", "CSV.DK", "Chi đoàn", ""]]);

        var response = await PostAsync(admin, csv, "text/csv");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        await factory.WaitForNonStaleAsync();
        Assert.Equal(["Tỉnh đoàn CSV", "  Đoàn Khối Dân, Chính, Đảng", "    Chi đoàn Văn phòng"], await admin.TreeAsync(parent, "2023-06-30"));
        _ = CultureInfo.InvariantCulture;
    }
}
