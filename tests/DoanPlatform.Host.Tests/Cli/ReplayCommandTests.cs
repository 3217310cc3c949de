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
        Assert.Equal("Nội dung thay đổi", lines[3]);
        // Each change: dates, actor and decision on one line, then what changed on the lines under it; nothing passes 100 columns.
        Assert.Matches(new Regex(@"^01/01/2020 +\d{2}/\d{2}/\d{4} \d{2}:\d{2} +Quản trị viên +12-QĐ/TĐTN$"), lines[4]);
        Assert.StartsWith("Thành lập Đoàn Khối Trà Vinh (mã ", lines[5], StringComparison.Ordinal);
        var rename = lines.ToList().FindIndex(l => Regex.IsMatch(l, @"^01/07/2025 +\d{2}/\d{2}/\d{4} \d{2}:\d{2} +Quản trị viên +845-QĐ/TĐTN$"));
        Assert.True(rename > 5, output);
        var text = string.Join(' ', lines.Skip(rename + 1));
        Assert.Matches(new Regex(@"^Đổi tên từ “Đoàn Khối Trà Vinh” thành “Đoàn Khối các cơ quan tỉnh Vĩnh Long” \(tên viết tắt: .*\)\. \(lý do ghi nhận: Sắp xếp đơn vị hành chính\)$"), text);
        Assert.All(output.Split('\n'), l => Assert.True(l.TrimEnd('\r').Length <= 100, $"{l.Length} columns: {l}"));

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
    [InlineData("KHONG.CO", "", "lỗi: không có đơn vị mã 'KHONG.CO'.")]
    [InlineData(null, "--read-model organisation.unit_tree", "lỗi: --read-model cần dùng cùng --as-of.")]
    [InlineData(null, "--as-of hôm-qua", "lỗi: --as-of: 'hôm-qua' không phải thời điểm; viết ví dụ 2024-05-01T10:00:00+07:00.")]
    [InlineData(null, "--as-of 2024-05-01 --read-model khong.co", "lỗi: --read-model: không có bảng tổng hợp tên 'khong.co'.")]
    [InlineData(null, "--as-of 2024-05-01 --year 2024", "lỗi: --as-of không dùng cùng --year hoặc --out.")]
    [InlineData(null, "--year 1800", "lỗi: --year phải từ 1900 đến 2100.")]
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
