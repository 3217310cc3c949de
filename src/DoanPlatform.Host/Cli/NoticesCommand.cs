using System.CommandLine;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings;

namespace DoanPlatform.Host.Cli;

/// <summary>
/// <c>notices parse FILE [--json]</c> reads an old meeting notice and needs no database; <c>notices import FILE
/// --convening-unit CODE [--dry-run] [--force]</c> records it as a meeting; <c>notices docx MEETING_ID --out FILE</c>
/// writes an issued notice.
/// </summary>
internal static class NoticesCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Thông báo: tệp .txt (UTF-8) hoặc .docx, tối đa 2 MB." };
        var json = new Option<bool>("--json") { Description = "In JSON (kind, period, heldOn, …, warnings) thay cho bản tóm tắt tiếng Việt." };
        var parse = new Command("parse", "Đọc một Thông báo kết luận cũ và in những gì đọc được, kèm cảnh báo cho phần không đọc được.") { file, json };
        parse.SetAction(result =>
        {
            var path = result.GetValue(file)!.FullName;
            try
            {
                Console.Out.Write(result.GetValue(json) ? MeetingsModule.ParseNoticeToJson(path) + "\n" : MeetingsModule.ParseNoticeToSummary(path));
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"lỗi: {e.Message}");
                return 1;
            }
        });

        var notices = new Command("notices", "Thông báo kết luận hội nghị.");
        notices.Subcommands.Add(parse);
        notices.Subcommands.Add(ImportCommand());
        notices.Subcommands.Add(DocxCommand());
        return notices;
    }

    private static Command ImportCommand()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Thông báo: tệp .txt (UTF-8) hoặc .docx, tối đa 2 MB." };
        var unit = new Option<string>("--convening-unit") { Description = "Mã đơn vị triệu tập, ví dụ BRVT.DK-DCD; các đơn vị trực thuộc là đơn vị được mời.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Chỉ in những gì sẽ được ghi, không ghi gì." };
        var force = new Option<bool>("--force") { Description = "Vẫn ghi khi số liệu trong thông báo lệch với cây đơn vị (tên chưa khớp vẫn bị từ chối)." };
        var import = new Command("import", "Ghi một thông báo cũ thành hội nghị: đơn vị vắng được khớp theo tên với cây đơn vị; đủ cả hoặc không gì cả.")
        {
            file, unit, dryRun, force,
        };
        // The daemon runs for the verb's duration so the unit tree's read model has caught up before names are matched.
        import.SetAction((result, ct) => WithCurrentReadModelsAsync(result, async app =>
        {
            var (_, refused, report) = await MeetingsModule.ImportNoticeAsync(app.Services, result.GetValue(file)!.FullName,
                result.GetValue(unit)!, result.GetValue(dryRun), result.GetValue(force), ct);
            await (refused ? Console.Error : Console.Out).WriteAsync(report);
            return refused ? 1 : 0;
        }, ct));
        return import;
    }

    private static Command DocxCommand()
    {
        var meeting = new Argument<Guid>("MEETING_ID") { Description = "Hội nghị có thông báo kết luận đã ban hành cần ghi." };
        var output = new Option<FileInfo>("--out") { Description = "Tệp .docx cần ghi.", Required = true };
        var docx = new Command("docx", "Ghi Thông báo kết luận đã ban hành của hội nghị ra tệp .docx.") { meeting, output };
        docx.SetAction((result, ct) => WithCurrentReadModelsAsync(result, async app =>
        {
            using var buffer = new MemoryStream();
            var number = await MeetingsModule.WriteNoticeAsync(app.Services, result.GetValue(meeting), buffer, ct);
            if (number is null)
            {
                await Console.Error.WriteLineAsync($"lỗi: hội nghị {result.GetValue(meeting)} không tồn tại hoặc chưa ban hành thông báo kết luận.");
                return 1;
            }
            var path = result.GetValue(output)!.FullName;
            await File.WriteAllBytesAsync(path, buffer.ToArray(), ct);
            Console.WriteLine($"Đã ghi Thông báo kết luận số {number}: {path}");
            return 0;
        }, ct));
        return docx;
    }

    /// <summary>
    /// Runs a verb with the event store's daemon started until the read models (the unit tree above all) have
    /// caught up; no web server starts.
    /// </summary>
    private static Task<int> WithCurrentReadModelsAsync(ParseResult result, Func<WebApplication, Task<int>> action, CancellationToken ct) =>
        CommandLine.WithAppAsync(CommandLine.HostArgs(result), runDaemon: true, async app =>
        {
            var daemon = app.Services.GetServices<IHostedService>().Where(s => s.GetType().Assembly == typeof(IDocumentStore).Assembly).ToList();
            foreach (var service in daemon)
                await service.StartAsync(ct);
            try
            {
                await app.Services.GetRequiredService<IDocumentStore>().Advanced.WaitForNonStaleAsync(TimeSpan.FromSeconds(60), ct);
                return await action(app);
            }
            catch (TimeoutException e)
            {
                await Console.Error.WriteLineAsync($"lỗi: dữ liệu tổng hợp chưa cập nhật xong ({e.Message}); không ghi gì.");
                return 1;
            }
            finally
            {
                foreach (var service in daemon)
                    await service.StopAsync(CancellationToken.None);
            }
        });
}
