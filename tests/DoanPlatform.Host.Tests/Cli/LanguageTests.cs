using DoanPlatform.Host.Cli;
using DoanPlatform.Testing;

namespace DoanPlatform.Host.Tests.Cli;

/// <summary>What an office's IT person reads at the terminal: Vietnamese, and no line wider than a 100-column terminal.</summary>
[Collection(nameof(ConsoleCapture))]
public sealed class LanguageTests
{
    public static TheoryData<string> Verbs() =>
    [
        "", "serve", "projections", "projections status", "projections rebuild", "accounts create-admin", "import units", "notices parse",
        "notices import", "notices docx", "inspections conclusion", "emulation scale export", "emulation scale import", "emulation ranking export",
        "audit verify", "audit unit", "demo", "export yearly-review",
    ];

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task The_help_of_every_verb_is_vietnamese_and_fits_a_100_column_terminal(string verb)
    {
        var (code, output, error) = await ConsoleCapture.RunAsync([.. verb.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("Mô tả:", output, StringComparison.Ordinal);
        Assert.Contains("Cách dùng:", output, StringComparison.Ordinal);
        Assert.Contains("Hiện trợ giúp và cách dùng.", output, StringComparison.Ordinal);
        foreach (var english in (string[])["Description:", "Usage:", "Options:", "Arguments:", "Commands:", "Show help", "[options]", " the ", "Write ", "(REQUIRED)"])
            Assert.DoesNotContain(english, output, StringComparison.Ordinal);
        Assert.All(output.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 100, $"{line.Length} columns: {line}"));
    }

    [Fact]
    public async Task A_missing_argument_option_or_value_is_one_vietnamese_line_with_the_way_to_the_help()
    {
        var (code, output, error) = await ConsoleCapture.RunAsync(["audit", "unit"]);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal(["lỗi: lệnh audit unit thiếu tham số bắt buộc <CODE>.", "Xem cách dùng: audit unit --help"], Lines(error));

        (code, _, error) = await ConsoleCapture.RunAsync(["accounts", "create-admin"]);
        Assert.Equal(1, code);
        Assert.Equal(["lỗi: thiếu tùy chọn bắt buộc --user.", "Xem cách dùng: accounts create-admin --help"], Lines(error));

        (code, _, error) = await ConsoleCapture.RunAsync(["emulation", "scale", "export", "khong-phai-ma", "--out", "thang-diem.xlsx"]);
        Assert.Equal(1, code);
        Assert.Equal(["lỗi: giá trị 'khong-phai-ma' không hợp lệ: cần mã định danh (GUID).", "Xem cách dùng: emulation scale export --help"], Lines(error));

        (code, _, error) = await ConsoleCapture.RunAsync(["export", "yearly-review", "--unit", "BRVT", "--year", "hai-nghìn", "--out", "x.xlsx"]);
        Assert.Equal(1, code);
        Assert.Equal("lỗi: giá trị 'hai-nghìn' của --year không hợp lệ: cần số nguyên.", Lines(error)[0]);
        Assert.False(File.Exists("thang-diem.xlsx"));
    }

    [Fact]
    public async Task Projections_status_has_a_header_and_says_an_inline_read_model_is_written_with_the_events_instead_of_seq_0()
    {
        var connection = await PostgresCluster.CreateDatabaseAsync("status");

        var (code, output, error) = await ConsoleCapture.RunAsync(["projections", "status", "--connection-string", connection]);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var lines = Lines(output);
        Assert.Matches(@"^Bảng tổng hợp +Cách cập nhật +Đã xử lý đến +Còn chờ +Cập nhật lúc$", lines[0]);
        Assert.Matches("^-+$", lines[1]);
        Assert.Matches(@"^organisation\.unit_codes +trực tiếp \(inline\) +— +0 +cùng lúc ghi sự kiện$", Assert.Single(lines, l => l.StartsWith("organisation.unit_codes ", StringComparison.Ordinal)));
        Assert.Matches(@"^organisation\.unit_tree +chạy nền \(async\) +#\d+ +\d+ +(\d{2}/\d{2}/\d{4} \d{2}:\d{2}|chưa chạy)$", Assert.Single(lines, l => l.StartsWith("organisation.unit_tree ", StringComparison.Ordinal)));
        Assert.DoesNotContain("seq", output, StringComparison.Ordinal);
        Assert.DoesNotContain("behind", output, StringComparison.Ordinal);
        Assert.All(lines, line => Assert.True(line.Length <= 100, $"{line.Length} columns: {line}"));
    }

    [Fact]
    public void A_long_text_wraps_between_words_and_a_word_longer_than_the_line_is_cut_without_losing_a_letter()
    {
        var text = "Hợp nhất Đoàn cơ sở Sở Kế hoạch và Đầu tư vào Đoàn cơ sở Sở Tài chính theo Quyết định số 845-QĐ/TĐTN " + new string('x', 130) + " hết.";

        var lines = AuditUnitCommand.Wrap(text, 100, "    ").ToList();

        Assert.All(lines, l => Assert.True(l.Length <= 100 && l.StartsWith("    ", StringComparison.Ordinal), l));
        Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), string.Concat(lines.Select(l => l.Trim().Replace(" ", "", StringComparison.Ordinal))));
        Assert.True(lines.Count >= 3, string.Join("\n", lines));
        Assert.Equal("Đầu tư… có", AuditUnitCommand.Fit("Đầu tư… có", 10));
        Assert.Equal("Đoàn cơ s…", AuditUnitCommand.Fit("Đoàn cơ sở Sở Tư pháp", 10));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
