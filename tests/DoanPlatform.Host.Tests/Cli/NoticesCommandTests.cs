using System.Text.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Host.Tests.Cli;

[Collection(nameof(ConsoleCapture))]
public sealed class NoticesCommandTests
{
    private static string Sample(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "DoanPlatform.sln")))
            folder = folder.Parent ?? throw new InvalidOperationException("No DoanPlatform.sln above the test binaries.");
        return Path.Combine(folder.FullName, "..", "shared", "samples", "notices", name);
    }

    [Fact]
    public async Task Notices_parse_json_prints_the_2023_Q2_briefing_without_a_database()
    {
        var (code, output, error) = await ConsoleCapture.RunAsync(["notices", "parse", Sample("2023-q2-giao-ban-doan-khoi.txt"), "--json"]);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("Briefing", root.GetProperty("kind").GetString());
        Assert.Equal("Quý II/2023", root.GetProperty("period").GetString());
        Assert.Equal("2023-03-31", root.GetProperty("heldOn").GetString());
        var attendance = root.GetProperty("attendance");
        Assert.Equal((60, 49, 11, 0), (attendance.GetProperty("invited").GetInt32(), attendance.GetProperty("present").GetInt32(),
            attendance.GetProperty("excused").GetInt32(), attendance.GetProperty("unexcused").GetInt32()));
        var excused = attendance.GetProperty("excusedUnits").EnumerateArray().Select(u => u.GetString()).ToList();
        Assert.Equal(11, excused.Count);
        Assert.Equal("Chi đoàn trường Trung cấp Thông tin và truyền thông", excused[^1]);
        var task = Assert.Single(root.GetProperty("tasks").EnumerateArray());
        Assert.Equal("2023-04-30", task.GetProperty("deadline").GetString());
        Assert.Contains("100% đoàn viên tải App", task.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(["09-HD/ĐTN@2023-02-16", "04-CTr/ĐTN@2023-02-16", "47-HD/ĐTN@2022-01-17"],
            root.GetProperty("references").EnumerateArray().Select(r => $"{r.GetProperty("number").GetString()}@{r.GetProperty("date").GetString()}"));
    }

    [Fact]
    public async Task Notices_parse_without_json_prints_a_summary_in_Vietnamese()
    {
        var (code, output, _) = await ConsoleCapture.RunAsync(["notices", "parse", Sample("2023-so-ket-6-thang-huyen-doan.txt")]);

        Assert.Equal(0, code);
        Assert.Contains("Loại hội nghị: Hội nghị sơ kết", output, StringComparison.Ordinal);
        Assert.Contains("Ngày họp: 23/06/2023", output, StringComparison.Ordinal);
        Assert.Contains("Giao: Đoàn khối trường học. Hạn: 30/09/2023", output, StringComparison.Ordinal);
        Assert.Contains("Ký: TM. BAN CHẤP HÀNH HUYỆN ĐOÀN / BÍ THƯ / Vương Ngọc Toại", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binary_or_missing_file_is_one_clear_error_line_and_exit_code_1()
    {
        var binary = Path.Combine(Path.GetTempPath(), $"notice-{Guid.NewGuid():N}.txt");
        await File.WriteAllBytesAsync(binary, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]);
        try
        {
            var (code, output, error) = await ConsoleCapture.RunAsync(["notices", "parse", binary]);
            Assert.Equal(1, code);
            Assert.Equal("", output);
            Assert.Equal($"lỗi: {Path.GetFileName(binary)}: tệp nhị phân, không phải văn bản (byte 0 ở vị trí 4).", error.Trim());
        }
        finally
        {
            File.Delete(binary);
        }

        var (missing, _, missingError) = await ConsoleCapture.RunAsync(["notices", "parse", "/no/such/notice.docx"]);
        Assert.Equal(1, missing);
        Assert.Equal("lỗi: notice.docx: không tìm thấy tệp.", missingError.Trim());
        Assert.DoesNotContain("   at ", missingError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notices_import_with_an_unknown_convening_unit_names_the_code_exits_1_and_writes_nothing()
    {
        var connection = await PostgresCluster.CreateDatabaseAsync("cli");

        var (code, output, error) = await ConsoleCapture.RunAsync(
            ["notices", "import", Sample("2023-q2-giao-ban-doan-khoi.txt"), "--convening-unit", "KHONG.CO", "--connection-string", connection]);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("Không nhập 2023-q2-giao-ban-doan-khoi.txt: không ghi gì", error, StringComparison.Ordinal);
        Assert.Contains("Lỗi: Không có đơn vị mã 'KHONG.CO' vào ngày họp 31/03/2023.", error, StringComparison.Ordinal);
        await using var data = Npgsql.NpgsqlDataSource.Create(connection);
        await using var count = data.CreateCommand("select count(*) from doan_events.events");
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
