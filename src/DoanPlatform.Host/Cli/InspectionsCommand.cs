using System.CommandLine;
using DoanPlatform.Inspections;

namespace DoanPlatform.Host.Cli;

/// <summary><c>inspections conclusion PLAN_ID --out FILE</c>: a plan's issued Thông báo kết luận kiểm tra as .docx.</summary>
internal static class InspectionsCommand
{
    public static Command Create()
    {
        var plan = new Argument<Guid>("PLAN_ID") { Description = "Kế hoạch kiểm tra có kết luận đã ban hành cần ghi." };
        var output = new Option<FileInfo>("--out") { Description = "Tệp .docx cần ghi.", Required = true };
        var conclusion = new Command("conclusion", "Ghi thông báo kết luận kiểm tra đã ban hành ra tệp .docx.") { plan, output };
        conclusion.SetAction((result, ct) => CommandLine.WithAppAsync(CommandLine.HostArgs(result), runDaemon: false, async app =>
        {
            if (await InspectionsModule.ConclusionDocxAsync(app.Services, result.GetValue(plan), ct) is not var (number, docx))
            {
                await Console.Error.WriteLineAsync($"lỗi: kế hoạch kiểm tra {result.GetValue(plan)} không tồn tại hoặc chưa ban hành kết luận.");
                return 1;
            }
            var path = result.GetValue(output)!.FullName;
            await File.WriteAllBytesAsync(path, docx, ct);
            Console.WriteLine($"Đã ghi Thông báo kết luận kiểm tra số {number}: {path}");
            return 0;
        }));
        var inspections = new Command("inspections", "Kế hoạch và kết luận kiểm tra.");
        inspections.Subcommands.Add(conclusion);
        return inspections;
    }
}
