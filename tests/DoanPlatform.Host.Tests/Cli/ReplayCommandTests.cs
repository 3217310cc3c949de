using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DoanPlatform.Testing;
using Npgsql;

namespace DoanPlatform.Host.Tests.Cli;

/// <summary><c>audit unit CODE</c>: the auditor's replay from the command line, with full rights.</summary>
[Collection(nameof(ConsoleCapture))]
public sealed class ReplayCommandTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    /// <summary>A bloc established in 2020 and renamed by decision 845-QĐ/TĐTN from 1/7/2025; returns its code and the rename's recorded time.</summary>
    private async Task<(string Code, DateTimeOffset Renamed)> RenamedBlocAsync()
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await admin.EstablishAsync($"C{tag}", "Tỉnh Đoàn Vĩnh Long", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync($"C{tag}.1", "Đoàn Khối Trà Vinh", "Bloc", province, "2020-01-01");
        await admin.PostOkAsync($"/api/organisation/units/{bloc}/rename", new
        {
            name = "Đoàn Khối các cơ quan tỉnh Vĩnh Long", effectiveDate = "2025-07-01", decision = Api.DecisionOf("845-QĐ/TĐTN", "2025-06-30"),
            reason = "Sắp xếp đơn vị hành chính",
        });
        await factory.WaitForNonStaleAsync();
        await using var db = NpgsqlDataSource.Create(factory.ConnectionString);
        await using var command = db.CreateCommand("select recorded_at from doan_events.events where stream_id = $1 and type = 'organisation.unit_renamed'");
        command.Parameters.Add(new NpgsqlParameter { Value = bloc });
        return ($"C{tag}.1", new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync())!, TimeSpan.Zero));
    }

    [Fact]
    public async Task Audit_unit_prints_the_history_as_a_table_with_dates_times_actor_decision_and_text()
    {
        var (code, _) = await RenamedBlocAsync();

        var (exit, output, error) = await ConsoleCapture.RunAsync(["audit", "unit", code, "--connection-string", factory.ConnectionString]);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal($"Lịch sử Đoàn Khối các cơ quan tỉnh Vĩnh Long (mã {code}): 2 thay đổi", lines[0]);
        Assert.StartsWith("Ngày hiệu lực  Thời điểm ghi", lines[1], StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^01/01/2020 +\d{2}/\d{2}/\d{4} \d{2}:\d{2} +Quản trị viên +12-QĐ/TĐTN +Thành lập Đoàn Khối Trà Vinh \(mã "), lines[3]);
        Assert.Matches(new Regex(@"^01/07/2025 +\d{2}/\d{2}/\d{4} \d{2}:\d{2} +Quản trị viên +845-QĐ/TĐTN +" +
                                 @"Đổi tên từ “Đoàn Khối Trà Vinh” thành “Đoàn Khối các cơ quan tỉnh Vĩnh Long” \(tên viết tắt: .*\)\. \(lý do ghi nhận: Sắp xếp đơn vị hành chính\)$"),
            lines[4]);

        var (_, only2025, _) = await ConsoleCapture.RunAsync(["audit", "unit", code, "--year", "2025", "--connection-string", factory.ConnectionString]);
        Assert.Contains("năm 2025: 1 thay đổi", only2025, StringComparison.Ordinal);
        Assert.DoesNotContain("01/01/2020", only2025, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_unit_out_writes_the_workbook()
    {
        var (code, _) = await RenamedBlocAsync();
        var path = Path.Combine(Path.GetTempPath(), $"lịch-sử-{Guid.NewGuid():N}.xlsx");
        try
        {
            var (exit, output, _) = await ConsoleCapture.RunAsync(["audit", "unit", code, "--out", path, "--connection-string", factory.ConnectionString]);

            Assert.Equal(0, exit);
            Assert.Contains($"Đã ghi 2 dòng lịch sử của Đoàn Khối các cơ quan tỉnh Vĩnh Long vào {path}", output, StringComparison.Ordinal);
            using var document = SpreadsheetDocument.Open(path, false);
            Assert.Equal("Lịch sử", document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value);
            Assert.Equal(5, document.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<Row>().Count());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Audit_unit_as_of_prints_the_read_models_rows_as_they_were_before_a_later_change()
    {
        var (code, renamed) = await RenamedBlocAsync();
        var before = renamed.AddTicks(-10).ToString("O", CultureInfo.InvariantCulture);

        var (exit, output, error) = await ConsoleCapture.RunAsync(
            ["audit", "unit", code, "--as-of", before, "--read-model", "organisation.unit_tree", "--connection-string", factory.ConnectionString]);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("organisation.unit_tree / unit_versions: 1 dòng", output, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"Đoàn Khối Trà Vinh\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Đoàn Khối các cơ quan tỉnh Vĩnh Long\"", output, StringComparison.Ordinal);

        var (_, now, _) = await ConsoleCapture.RunAsync(
            ["audit", "unit", code, "--as-of", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), "--read-model", "organisation.unit_tree",
             "--connection-string", factory.ConnectionString]);
        Assert.Contains("organisation.unit_tree / unit_versions: 2 dòng", now, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KHONG.CO", "", "error: không có đơn vị mã 'KHONG.CO'.")]
    [InlineData(null, "--read-model organisation.unit_tree", "error: --read-model needs --as-of.")]
    [InlineData(null, "--as-of hôm-qua", "error: --as-of: 'hôm-qua' is not a time; write e.g. 2024-05-01T10:00:00+07:00.")]
    [InlineData(null, "--as-of 2024-05-01 --read-model khong.co", "error: --read-model: no read model is named 'khong.co'.")]
    [InlineData(null, "--as-of 2024-05-01 --year 2024", "error: --as-of cannot be combined with --year or --out.")]
    [InlineData(null, "--year 1800", "error: --year must be between 1900 and 2100.")]
    public async Task Bad_input_is_one_error_line_and_exit_code_2(string? code, string options, string message)
    {
        var unit = code ?? (await RenamedBlocAsync()).Code;

        var (exit, output, error) = await ConsoleCapture.RunAsync(
            ["audit", "unit", unit, .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--connection-string", factory.ConnectionString]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith(message, error.Trim(), StringComparison.Ordinal);
    }
}
