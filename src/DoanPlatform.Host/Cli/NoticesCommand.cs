using System.CommandLine;
using DoanPlatform.Meetings;

namespace DoanPlatform.Host.Cli;

/// <summary><c>notices parse FILE [--json]</c>: reads an old meeting notice; needs no database.</summary>
internal static class NoticesCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The notice: .txt (UTF-8) or .docx, at most 2 MB." };
        var json = new Option<bool>("--json") { Description = "Print JSON (kind, period, heldOn, ..., warnings) instead of a summary in Vietnamese." };
        var parse = new Command("parse", "Read an old notice (Thông báo kết luận) and print what was found, with warnings for what was not.") { file, json };
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
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });

        var notices = new Command("notices", "Old meeting notices.");
        notices.Subcommands.Add(parse);
        return notices;
    }
}
