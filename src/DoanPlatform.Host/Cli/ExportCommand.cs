using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DoanPlatform.EventStore;
using DoanPlatform.Reporting;
using Npgsql;

namespace DoanPlatform.Host.Cli;

/// <summary>
/// <c>export yearly-review --unit CODE --year 2023 --out FILE</c>: the issuing unit's yearly review workbook, with a progress line on
/// stderr; written to a temporary file next to FILE and moved into place, so a failure leaves no partial file behind.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var unit = new Option<string>("--unit") { Description = "Mã (hoặc id) của đơn vị tổng kết, ví dụ BRVT.DK-DCD.", Required = true };
        var year = new Option<int>("--year") { Description = "Năm tổng kết, ví dụ 2023.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Tệp .xlsx cần ghi (ghi đè nếu đã có).", Required = true };
        var yearly = new Command("yearly-review",
            "Ghi sổ tổng kết năm của một đơn vị (.xlsx): tổng hợp theo đơn vị, điểm từng điều kiện, xếp hạng cụm, dự giao ban, nhiệm vụ, kiểm tra.")
        {
            unit, year, output,
        };
        yearly.SetAction((result, ct) => CommandLine.WithAppAsync(CommandLine.HostArgs(result), runDaemon: true, app =>
            YearlyReviewAsync(app, result.GetValue(unit)!, result.GetValue(year), result.GetValue(output)!, ct)));
        var export = new Command("export", "Xuất báo cáo.");
        export.Subcommands.Add(yearly);
        return export;
    }

    private static async Task<int> YearlyReviewAsync(WebApplication app, string unit, int year, FileInfo target, CancellationToken ct)
    {
        if (year is < 2000 or > 2100)
        {
            await Console.Error.WriteLineAsync($"lỗi: năm (--year) phải từ 2000 đến 2100, không phải {year}.");
            return 2;
        }
        if (target.Directory is not { Exists: true } directory)
        {
            await Console.Error.WriteLineAsync($"lỗi: thư mục {target.DirectoryName} không tồn tại; không ghi gì.");
            return 2;
        }
        if (!await CatchUpAsync(app, ct))
            return 1;
        if (await ReportingModule.FindReviewIssuerAsync(app.Services, unit, year, ct) is not var (issuerId, issuerName))
        {
            await Console.Error.WriteLineAsync($"lỗi: không có đơn vị mã '{unit}' (--unit) trong năm {year}; không ghi gì.");
            return 2;
        }

        var temporary = Path.Combine(directory.FullName, $".{target.Name}.{Guid.NewGuid():N}.tmp");
        var progress = new ProgressLine();
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                await ReportingModule.WriteYearlyReviewAsync(app.Services, issuerId, year, file, progress.Report, ct);
            File.Move(temporary, target.FullName, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            progress.End();
            await Console.Error.WriteLineAsync($"lỗi: không ghi được {target.FullName}: {e.Message}");
            return 1;
        }
        catch (NpgsqlException e)
        {
            progress.End();
            await Console.Error.WriteLineAsync($"lỗi: lỗi đọc cơ sở dữ liệu ({e.Message}); không ghi gì.");
            return 1;
        }
        finally
        {
            File.Delete(temporary);
        }
        progress.End();
        Console.WriteLine($"Đã ghi tổng kết năm {year} của {issuerName}: {target.FullName}");
        return 0;
    }

    /// <summary>Runs the event store's daemon until every read model has caught up, so the workbook shows everything recorded so far.</summary>
    private static async Task<bool> CatchUpAsync(WebApplication app, CancellationToken ct)
    {
        var daemon = app.Services.GetServices<IHostedService>().Where(s => s.GetType().Assembly == typeof(IDocumentStore).Assembly).ToList();
        foreach (var service in daemon)
            await service.StartAsync(ct);
        try
        {
            await app.Services.GetRequiredService<IDocumentStore>().Advanced.WaitForNonStaleAsync(TimeSpan.FromMinutes(10), ct);
            return true;
        }
        catch (TimeoutException e)
        {
            await Console.Error.WriteLineAsync($"lỗi: dữ liệu tổng hợp chưa cập nhật xong ({e.Message}); không ghi gì.");
            return false;
        }
        finally
        {
            foreach (var service in daemon)
                await service.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>"Đang ghi: Điểm chi tiết 120.000/300.000 dòng" on stderr: rewritten in place on a terminal, a line a second otherwise.</summary>
    private sealed class ProgressLine
    {
        private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
        private readonly Stopwatch _since = Stopwatch.StartNew();
        private readonly bool _terminal = !Console.IsErrorRedirected;
        private string? _sheet;
        private int _width;

        public void Report(string sheet, long rows, long total)
        {
            if (sheet == _sheet && rows != total && _since.Elapsed < TimeSpan.FromSeconds(1))
                return;
            _sheet = sheet;
            _since.Restart();
            var line = string.Create(Vietnamese, $"Đang ghi: {sheet} {rows:N0}/{total:N0} dòng");
            if (_terminal)
            {
                Console.Error.Write("\r" + line.PadRight(_width));
                _width = line.Length;
            }
            else
                Console.Error.WriteLine(line);
        }

        public void End()
        {
            if (_terminal && _width > 0)
                Console.Error.WriteLine();
            _width = 0;
        }
    }
}
