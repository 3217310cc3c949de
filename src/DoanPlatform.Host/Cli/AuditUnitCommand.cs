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
        var code = new Argument<string>("CODE") { Description = "The unit's code (a merged or dissolved unit's too)." };
        var year = new Option<int?>("--year") { Description = "Only this year (of the effective date, else the recorded date)." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the history to this .xlsx file instead of printing it." };
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Print the read models' rows about the unit as of this recorded time, e.g. 2024-05-01T10:00:00+07:00 (Vietnam time without an offset).",
        };
        var readModel = new Option<string?>("--read-model") { Description = "With --as-of: only this read model (default: all)." };
        var unit = new Command("unit", "A unit's full history: effective date, recorded time, actor, decision, what changed.") { code, year, output, asOf, readModel };
        unit.SetAction((result, ct) => CommandLine.WithAppAsync(CommandLine.HostArgs(result), runDaemon: false, async app =>
        {
            var replay = app.Services.GetRequiredService<IAuditReplay>();
            var unitCode = result.GetValue(code)!;
            var (time, name) = (result.GetValue(asOf), result.GetValue(readModel));
            var at = default(DateTimeOffset);
            if (time is not null && (result.GetValue(year) is not null || result.GetValue(output) is not null))
                return await FailAsync("--as-of cannot be combined with --year or --out.");
            if (time is not null && !AsOfTime.TryParse(time, out at))
                return await FailAsync($"--as-of: '{time}' is not a time; write e.g. 2024-05-01T10:00:00+07:00.");
            if (name is not null && time is null)
                return await FailAsync("--read-model needs --as-of.");
            if (name is not null && !replay.ReadModels.Contains(name))
                return await FailAsync($"--read-model: no read model is named '{name}'. Known: {string.Join(", ", replay.ReadModels)}.");
            if (result.GetValue(year) is { } y && y is < 1900 or > 2100)
                return await FailAsync("--year must be between 1900 and 2100.");

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
        await Console.Error.WriteLineAsync($"error: {message}");
        return 2;
    }

    private static void PrintHistory(UnitReplay history)
    {
        Console.WriteLine($"Lịch sử {history.Name} (mã {history.Code}){(history.Year is { } year ? $", năm {year}" : "")}: {history.Entries.Count} thay đổi");
        var rows = history.Entries.Select(e => new[]
        {
            e.EffectiveDate?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "",
            e.RecordedAt.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
            e.Actor, e.Decision ?? "", e.Reason is { } reason ? $"{e.Text} (lý do ghi nhận: {reason})" : e.Text,
        }).ToList();
        string[] header = ["Ngày hiệu lực", "Thời điểm ghi", "Người thực hiện", "Quyết định", "Nội dung thay đổi"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
        var text = new StringBuilder().AppendLine(Line(header)).AppendLine(Line([.. widths.Select(w => new string('-', w))]));
        foreach (var row in rows)
            text.AppendLine(Line(row));
        Console.Write(text);
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
                Console.WriteLine("  " + JsonSerializer.Serialize(row, Json));
        }
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
