using System.CommandLine;
using System.Globalization;
using DoanPlatform.EventStore;
using Npgsql;

namespace DoanPlatform.Host.Cli;

/// <summary>
/// <c>audit verify [name] [--max-differences N]</c>: each read model rebuilt from the events into shadow tables and compared with
/// the live ones row by row. Exit code 0 when every one is identical, 1 when any differs (or cannot be replayed), 2 for an unknown name.
/// </summary>
internal static class AuditCommand
{
    // "1 234": the thousands grouped with a space, readable in English and in Vietnamese alike.
    private static readonly NumberFormatInfo Numbers = new() { NumberGroupSeparator = " ", NumberGroupSizes = [3] };

    public static Command Create()
    {
        var audit = new Command("audit", "Đối chiếu dữ liệu của nền tảng với các sự kiện đã ghi.");
        audit.Subcommands.Add(Verify());
        audit.Subcommands.Add(AuditUnitCommand.Create());
        return audit;
    }

    private static Command Verify()
    {
        var name = new Argument<string?>("name") { Description = "Bảng tổng hợp cần đối chiếu; bỏ trống thì đối chiếu tất cả.", Arity = ArgumentArity.ZeroOrOne };
        var max = new Option<int>("--max-differences")
        {
            Description = "Số dòng khác biệt in ra cho mỗi bảng (vẫn đếm đủ mọi dòng).",
            DefaultValueFactory = _ => 20,
        };
        var verify = new Command("verify",
            "Dựng lại mọi bảng tổng hợp (hoặc một bảng) từ sự kiện vào bảng tạm rồi so từng dòng với bảng đang dùng. " +
            "Mã thoát 0 khi tất cả trùng khớp, 1 khi có khác biệt.") { name, max };
        verify.SetAction((result, ct) => CommandLine.WithAppAsync(CommandLine.HostArgs(result), runDaemon: false, async app =>
        {
            var store = app.Services.GetRequiredService<IDocumentStore>();
            var requested = result.GetValue(name);
            if (requested is not null && !store.Advanced.ProjectionNames.Contains(requested))
            {
                await Console.Error.WriteLineAsync($"Không có bảng tổng hợp tên '{requested}'. Các tên hợp lệ: {string.Join(", ", store.Advanced.ProjectionNames)}.");
                return 2;
            }
            var limit = Math.Max(0, result.GetValue(max));
            IReadOnlyList<string> names = requested is null ? store.Advanced.ProjectionNames : [requested];
            var differing = new List<string>();
            foreach (var projection in names)
            {
                try
                {
                    var verification = await store.Advanced.VerifyProjectionAsync(projection, limit, ct);
                    Print(verification);
                    if (!verification.IsIdentical)
                        differing.Add(projection);
                }
                catch (Exception e) when (e is EventDeserializationException or PostgresException)
                {
                    // A read model that cannot be rebuilt from the events is a finding too.
                    Console.WriteLine($"{projection}: cannot be rebuilt from the events: {e.Message}");
                    differing.Add(projection);
                }
            }
            Console.WriteLine(differing.Count == 0
                ? $"audit verify: {Count(names.Count)} read model(s) checked, all identical to a rebuild from the events."
                : $"audit verify: {Count(names.Count)} read model(s) checked, {Count(differing.Count)} differ: {string.Join(", ", differing)}.");
            return differing.Count == 0 ? 0 : 1;
        }));
        return verify;
    }

    private static void Print(ProjectionVerification verification)
    {
        if (verification.IsIdentical)
        {
            Console.WriteLine($"{verification.Projection}: {Rows(verification.LiveRows)}, identical");
            return;
        }
        Console.WriteLine($"{verification.Projection}: {Rows(verification.LiveRows)}, {Count(verification.DifferingRows)} differing");
        foreach (var table in verification.Tables)
        {
            if (table.IsIdentical)
            {
                Console.WriteLine($"  {table.Table}: {Rows(table.LiveRows)}, identical");
                continue;
            }
            Console.WriteLine(table.LiveTableMissing
                ? $"  {table.Table}: the live table is missing; the rebuild has {Rows(table.RebuiltRows)}"
                : $"  {table.Table}: live {Rows(table.LiveRows)}, rebuilt {Rows(table.RebuiltRows)}; " +
                  $"{Count(table.OnlyInLive)} only in live, {Count(table.OnlyInRebuilt)} only in rebuilt");
            foreach (var difference in table.Sample)
                Console.WriteLine($"    {(difference.Kind == RowDifferenceKind.OnlyInLive ? "only in live:   " : "only in rebuilt:")} {difference.Row}");
            if (table.DifferingRows > table.Sample.Count)
                Console.WriteLine($"    … and {Count(table.DifferingRows - table.Sample.Count)} more");
        }
    }

    private static string Count(long n) => n.ToString("#,0", Numbers);

    private static string Rows(long n) => n == 1 ? "1 row" : $"{Count(n)} rows";
}
