using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DoanPlatform.EventStore;
using DoanPlatform.Reporting.Contracts;

namespace DoanPlatform.Host.Cli;

/// <summary>
/// <c>audit unit CODE [--year Y] [--out FILE.xlsx]</c>: a unit's history across every module, as a table or a workbook;
/// <c>audit unit CODE --as-of TIME [--read-model NAME]</c>: what the read models held about it at that recorded time.
/// </summary>
internal static class AuditUnitCommand
{
    public static Command Create()
    {
        var code = new Argument<string>("CODE") { Description = "Mã đơn vị (cả đơn vị đã hợp nhất hoặc giải thể)." };
        var year = new Option<int?>("--year") { Description = "Chỉ năm này (theo ngày hiệu lực, không có thì theo ngày ghi nhận)." };
        var output = new Option<FileInfo?>("--out") { Description = "Ghi lịch sử ra tệp .xlsx này thay vì in ra màn hình." };
        var asOf = new Option<string?>("--as-of")
        {
            Description = "In các dòng dữ liệu tổng hợp về đơn vị như nền tảng đã ghi nhận đến thời điểm này, ví dụ 2024-05-01T10:00:00+07:00 (không ghi múi giờ thì là giờ Việt Nam).",
        };
        var readModel = new Option<string?>("--read-model") { Description = "Dùng cùng --as-of: chỉ bảng tổng hợp này (mặc định: tất cả)." };
        var unit = new Command("unit", "Toàn bộ lịch sử của một đơn vị: ngày hiệu lực, thời điểm ghi, người thực hiện, quyết định, nội dung thay đổi.") { code, year, output, asOf, readModel };
        unit.SetAction((result, ct) => CommandLine.WithAppAsync(CommandLine.HostArgs(result), runDaemon: false, async app =>
        {
            var replay = app.Services.GetRequiredService<IAuditReplay>();
            var unitCode = result.GetValue(code)!;
            var (time, name) = (result.GetValue(asOf), result.GetValue(readModel));
            var at = default(DateTimeOffset);
            if (time is not null && (result.GetValue(year) is not null || result.GetValue(output) is not null))
                return await FailAsync("--as-of không dùng cùng --year hoặc --out.");
            if (time is not null && !AsOfTime.TryParse(time, out at))
                return await FailAsync($"--as-of: '{time}' không phải thời điểm; viết ví dụ 2024-05-01T10:00:00+07:00.");
            if (name is not null && time is null)
                return await FailAsync("--read-model cần dùng cùng --as-of.");
            if (name is not null && !replay.ReadModels.Contains(name))
                return await FailAsync($"--read-model: không có bảng tổng hợp tên '{name}'. Các tên hợp lệ: {string.Join(", ", replay.ReadModels)}.");
            if (result.GetValue(year) is { } y && y is < 1900 or > 2100)
                return await FailAsync("--year phải từ 1900 đến 2100.");

            // No daemon runs in a CLI verb: bring the read models up to date first (the unit's code is looked up in one).
            var store = app.Services.GetRequiredService<IDocumentStore>();
            foreach (var projection in (await store.Advanced.ProgressAsync(ct)).Where(p => p is { Kind: "async", Behind: > 0 }))
                await store.Advanced.CatchUpAsync(projection.Name, ct);

            if (time is not null)
            {
                if (await replay.StateAsOfAsync(unitCode, at, name, ct) is not { } state)
                    return await FailAsync($"không có đơn vị mã '{unitCode}'.");
                PrintState(state);
                return 0;
            }
            if (await replay.HistoryAsync(unitCode, result.GetValue(year), ct) is not { } history)
                return await FailAsync($"không có đơn vị mã '{unitCode}'.");
            if (result.GetValue(output) is { } file)
            {
                await using (var stream = file.Create())
                    replay.WriteWorkbook(history, stream);
                Console.WriteLine($"Đã ghi {history.Entries.Count} dòng lịch sử của {history.Name} vào {file.FullName}");
                return 0;
            }
            PrintHistory(history);
            return 0;
        }));
        return unit;
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"lỗi: {message}");
        return 2;
    }

    /// <summary>The widest line the CLI prints: an office's terminal is often 100 columns wide.</summary>
    internal const int Width = 100;

    // One entry per block: the dates, actor and decision on one line, then what changed wrapped under it, so no line passes 100 columns.
    private static void PrintHistory(UnitReplay history)
    {
        foreach (var line in Wrap($"Lịch sử {history.Name} (mã {history.Code}){(history.Year is { } year ? $", năm {year}" : "")}: {history.Entries.Count} thay đổi", Width, ""))
            Console.WriteLine(line);
        int[] widths = [13, 16, 24, 40];
        string Line(params string[] cells) => string.Join("  ", cells.Select((c, i) => Fit(c, widths[i]).PadRight(i == cells.Length - 1 ? 0 : widths[i]))).TrimEnd();
        var text = new StringBuilder()
            .AppendLine(Line("Ngày hiệu lực", "Thời điểm ghi", "Người thực hiện", "Quyết định"))
            .AppendLine(Line(new string('-', widths[0]), new string('-', widths[1]), new string('-', widths[2]), new string('-', widths[3])))
            .AppendLine("    Nội dung thay đổi");
        foreach (var e in history.Entries)
        {
            text.AppendLine(Line(e.EffectiveDate?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "",
                e.RecordedAt.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), e.Actor, e.Decision ?? ""));
            foreach (var line in Wrap(e.Reason is { } reason ? $"{e.Text} (lý do ghi nhận: {reason})" : e.Text, Width, "    "))
                text.AppendLine(line);
        }
        Console.Write(text);
    }

    /// <summary>The text cut to <paramref name="width"/> characters, with "…" when it was longer.</summary>
    internal static string Fit(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");

    /// <summary>Lines of at most <paramref name="width"/> characters, broken between words, each starting with <paramref name="indent"/>.</summary>
    internal static IEnumerable<string> Wrap(string text, int width, string indent)
    {
        var line = new StringBuilder(indent);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var piece = word;
            while (indent.Length + piece.Length > width)
            {
                // A word longer than a line (a long code or address) is cut where the line ends.
                if (line.Length > indent.Length)
                {
                    yield return line.ToString();
                    line.Clear().Append(indent);
                }
                yield return indent + piece[..(width - indent.Length)];
                piece = piece[(width - indent.Length)..];
            }
            if (line.Length > indent.Length && line.Length + 1 + piece.Length > width)
            {
                yield return line.ToString();
                line.Clear().Append(indent);
            }
            if (line.Length > indent.Length)
                line.Append(' ');
            line.Append(piece);
        }
        if (line.Length > indent.Length)
            yield return line.ToString();
    }

    private static void PrintState(UnitStateAsOf state)
    {
        Console.WriteLine($"{state.Name} (mã {state.Code}) theo dữ liệu ghi nhận đến {state.At.ToOffset(AsOfTime.Vietnam):dd/MM/yyyy HH:mm:ss} (giờ Việt Nam):");
        if (state.Tables.Count == 0)
            Console.WriteLine("(không có dòng nào nhắc đến đơn vị)");
        foreach (var table in state.Tables)
        {
            Console.WriteLine($"{table.ReadModel} / {table.Table}: {table.Rows.Count} dòng");
            foreach (var row in table.Rows)
                foreach (var line in RowLines(JsonSerializer.SerializeToElement(row, Json)))
                    Console.WriteLine(line);
        }
    }

    // A row as JSON, broken between its fields into lines of at most 100 columns (a field too long for a line is cut with "…").
    private static IEnumerable<string> RowLines(JsonElement row)
    {
        var fields = row.ValueKind == JsonValueKind.Object
            ? row.EnumerateObject().Select(p => $"{JsonSerializer.Serialize(p.Name, Json)}:{p.Value.GetRawText()}").ToList()
            : [row.GetRawText()];
        var line = new StringBuilder("  {");
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i] + (i < fields.Count - 1 ? "," : "}");
            if (line.Length > 4 && line.Length + field.Length > Width)
            {
                yield return line.ToString();
                line.Clear().Append("    ");
            }
            line.Append(Fit(field, Width - line.Length));
        }
        yield return line.ToString();
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
