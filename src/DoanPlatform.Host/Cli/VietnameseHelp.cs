using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text.RegularExpressions;

namespace DoanPlatform.Host.Cli;

/// <summary>
/// System.CommandLine writes its help headings and parse errors in English (it ships no Vietnamese): the help is written by its own
/// builder and its fixed words translated; parse errors are reported in Vietnamese with a pointer to --help.
/// </summary>
internal static class VietnameseHelp
{
    private static readonly (string English, string Vietnamese)[] Headings =
    [
        ("Description:", "Mô tả:"), ("Usage:", "Cách dùng:"), ("Arguments:", "Tham số:"), ("Options:", "Tùy chọn:"), ("Commands:", "Lệnh:"),
        ("Additional Arguments:", "Tham số thêm:"),
    ];

    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption help)
            {
                help.Description = "Hiện trợ giúp và cách dùng.";
                help.Action = new Action((HelpAction)help.Action!);
            }
            else if (option is VersionOption version)
            {
                version.Description = "Hiện số phiên bản.";
            }
        }
    }

    /// <summary>The parser's help text with its fixed words in Vietnamese.</summary>
    public static string Translate(IEnumerable<string> lines) => string.Join(Environment.NewLine, lines.Select(line =>
    {
        var trimmed = line.TrimEnd('\r');
        foreach (var (english, vietnamese) in Headings)
            if (trimmed == english)
                return vietnamese;
        return trimmed.Replace(" [options]", " [tùy chọn]", StringComparison.Ordinal).Replace(" [command]", " [lệnh]", StringComparison.Ordinal)
            .Replace("(REQUIRED)", "(bắt buộc)", StringComparison.Ordinal).Replace("[default: ", "[mặc định: ", StringComparison.Ordinal)
            .Replace("<additional arguments>", "<tham số thêm>", StringComparison.Ordinal)
            .Replace("Arguments passed to the application that is being run.", "Chuyển nguyên cho máy chủ HTTP (ví dụ --urls http://127.0.0.1:5080).",
                StringComparison.Ordinal);
    }));

    /// <summary>True when the command line asks for help: help wins over the errors of an incomplete command.</summary>
    public static bool AsksForHelp(ParseResult parsed) => parsed.Action is Action;

    public static async Task<int> ReportAsync(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            if (result.Command is not RootCommand)
                names.Insert(0, result.Command.Name);
        var path = string.Join(' ', names);
        var arguments = string.Join(' ', parsed.CommandResult.Command.Arguments.Select(a => $"<{a.Name}>"));
        foreach (var error in parsed.Errors)
            await Console.Error.WriteLineAsync(error.Message.StartsWith("Required argument missing for command", StringComparison.Ordinal)
                ? $"lỗi: lệnh {path} thiếu tham số bắt buộc {arguments}."
                : $"lỗi: {Translate(error.Message)}");
        await Console.Error.WriteLineAsync($"Xem cách dùng: {(path.Length == 0 ? "" : path + " ")}--help");
        return 1;
    }

    private static readonly (Regex English, string Vietnamese)[] Errors =
    [
        (new(@"^Option '([^']*)' is required\.$"), "thiếu tùy chọn bắt buộc $1."),
        (new(@"^Required argument missing for command: '([^']*)'\.$"), "lệnh $1 thiếu tham số bắt buộc."),
        (new(@"^Required argument missing for option: '([^']*)'\.$"), "tùy chọn $1 cần một giá trị."),
        (new(@"^Unrecognized command or argument '([^']*)'\.$"), "không hiểu lệnh hoặc tham số '$1'."),
        (new(@"^Cannot parse argument '([^']*)' for option '([^']*)' as expected type '([^']*)'\..*$", RegexOptions.Singleline),
            "giá trị '$1' của $2 không hợp lệ: cần $3."),
        (new(@"^Cannot parse argument '([^']*)' (?:for command '[^']*' )?as expected type '([^']*)'\..*$", RegexOptions.Singleline),
            "giá trị '$1' không hợp lệ: cần $2."),
        (new(@"^Option '([^']*)' expects a single argument but (\d+) were provided\.$"), "tùy chọn $1 chỉ nhận một giá trị nhưng có $2."),
        (new(@"^File does not exist: '([^']*)'\.$"), "không có tệp '$1'."),
        (new(@"^Argument '([^']*)' not recognized\. Must be one of:(.*)$", RegexOptions.Singleline), "giá trị '$1' không hợp lệ; chỉ được là:$2"),
    ];

    private static readonly (string Name, string Vietnamese)[] Types =
    [
        ("System.Nullable`1[System.Int32]", "số nguyên"), ("System.Nullable`1[System.Guid]", "mã định danh (GUID)"),
        ("System.Guid", "mã định danh (GUID)"), ("System.Int32", "số nguyên"), ("System.Int64", "số nguyên"), ("System.Boolean", "true hoặc false"),
        ("System.IO.FileInfo", "đường dẫn tệp"),
    ];

    /// <summary>The parser's English error as a Vietnamese sentence; one it has never written keeps its text, introduced in Vietnamese.</summary>
    public static string Translate(string message)
    {
        foreach (var (english, vietnamese) in Errors)
            if (english.IsMatch(message))
                return Types.Aggregate(english.Replace(message, vietnamese), (text, type) => text.Replace(type.Name, type.Vietnamese, StringComparison.Ordinal));
        return $"lệnh không hợp lệ ({message})";
    }

    // The parser's own help, written into a buffer and translated on its way to the console.
    private sealed class Action(HelpAction builtIn) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var configuration = parseResult.InvocationConfiguration;
            var output = configuration.Output;
            using var buffer = new StringWriter();
            builtIn.MaxWidth = AuditUnitCommand.Width;
            configuration.Output = buffer;
            try
            {
                builtIn.Invoke(parseResult);
            }
            finally
            {
                configuration.Output = output;
            }
            output.Write(Translate(buffer.ToString().Split('\n')));
            return 0;
        }
    }
}
