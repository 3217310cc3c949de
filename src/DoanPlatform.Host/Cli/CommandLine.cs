using System.CommandLine;
using System.Globalization;
using DoanPlatform.EventStore;
using DoanPlatform.Host.LocalPostgres;
using Npgsql;

namespace DoanPlatform.Host.Cli;

/// <summary>The host binary is also the CLI: <c>serve</c> (default) and the operator's verbs.</summary>
internal static class CommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("DoanPlatform: nền tảng quản lý của văn phòng Đoàn. Không có lệnh thì chạy máy chủ HTTP.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var serve = new Command("serve", "Chạy máy chủ HTTP (mặc định). Các tùy chọn của ASP.NET Core như --urls được chuyển tiếp.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction((result, ct) => ServeAsync(HostArgs(result, result.UnmatchedTokens), ct));
        root.SetAction((result, ct) => ServeAsync(HostArgs(result, result.UnmatchedTokens), ct));
        root.Options.Add(ConnectionOption);
        root.Subcommands.Add(serve);
        root.Subcommands.Add(ProjectionsCommand());
        root.Subcommands.Add(AccountsCommand());
        root.Subcommands.Add(ImportCommand());
        root.Subcommands.Add(NoticesCommand.Create());
        root.Subcommands.Add(InspectionsCommand.Create());
        root.Subcommands.Add(EmulationCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        VietnameseHelp.Install(root);
        var parsed = root.Parse(args);
        return parsed.Errors.Count > 0 && !VietnameseHelp.AsksForHelp(parsed) ? VietnameseHelp.ReportAsync(parsed) : parsed.InvokeAsync();
    }

    private static readonly Option<string?> ConnectionOption = new("--connection-string")
    {
        Description = "Chuỗi kết nối PostgreSQL; thay cho ConnectionStrings__Doan. Không có cả hai thì dùng máy chủ PostgreSQL cục bộ đi kèm.",
        Recursive = true,
    };

    /// <summary>The arguments the web host is built with: the connection string option, when given, as configuration.</summary>
    internal static string[] HostArgs(ParseResult result, IEnumerable<string>? extra = null)
    {
        var connection = result.GetValue(ConnectionOption);
        return [.. extra ?? [], .. connection is null ? Array.Empty<string>() : [$"--ConnectionStrings:Doan={connection}"]];
    }

    private static async Task<int> ServeAsync(string[] args, CancellationToken ct)
    {
        return await WithAppAsync(args, runDaemon: true, async app =>
        {
            await app.RunAsync(ct);
            return 0;
        });
    }

    private static Command ProjectionsCommand()
    {
        var projections = new Command("projections", "Xem tình trạng và dựng lại các bảng tổng hợp (read model).");

        var name = new Argument<string?>("name") { Description = "Bảng tổng hợp cần dựng lại; bỏ trống thì dựng lại tất cả.", Arity = ArgumentArity.ZeroOrOne };
        var rebuild = new Command("rebuild", "Phát lại mọi sự kiện vào bảng mới rồi thay cho bảng đang dùng.") { name };
        rebuild.SetAction((result, ct) => WithAppAsync(HostArgs(result), runDaemon: false, async app =>
        {
            var store = app.Services.GetRequiredService<IDocumentStore>();
            var requested = result.GetValue(name);
            if (requested is not null && !store.Advanced.ProjectionNames.Contains(requested))
            {
                await Console.Error.WriteLineAsync($"Không có bảng tổng hợp tên '{requested}'. Các tên hợp lệ: {string.Join(", ", store.Advanced.ProjectionNames)}.");
                return 2;
            }
            foreach (var projection in requested is null ? store.Advanced.ProjectionNames : [requested])
            {
                var started = TimeProvider.System.GetTimestamp();
                await store.Advanced.RebuildProjectionAsync(projection, ct: ct);
                Console.WriteLine($"{projection}: đã dựng lại trong {TimeProvider.System.GetElapsedTime(started).TotalSeconds.ToString("0.00", Vi)} giây");
            }
            return 0;
        }));

        var status = new Command("status", "Mỗi bảng tổng hợp: cách cập nhật, sự kiện đã xử lý đến đâu, còn bao nhiêu sự kiện chưa xử lý.");
        status.SetAction((result, ct) => WithAppAsync(HostArgs(result), runDaemon: false, async app =>
        {
            var store = app.Services.GetRequiredService<IDocumentStore>();
            var rows = await store.Advanced.ProgressAsync(ct);
            if (rows.Count == 0)
            {
                Console.WriteLine("Chưa đăng ký bảng tổng hợp nào.");
                return 0;
            }
            foreach (var line in StatusLines(rows))
                Console.WriteLine(line);
            return 0;
        }));

        projections.Subcommands.Add(rebuild);
        projections.Subcommands.Add(status);
        return projections;
    }

    /// <summary>
    /// The status table: a header, then each read model with how it is kept up to date. An inline one is written in the same transaction
    /// as the events, so it has no checkpoint and never lags: it says so instead of showing a sequence number of 0.
    /// </summary>
    internal static IEnumerable<string> StatusLines(IReadOnlyList<ProjectionStatus> rows)
    {
        var name = Math.Min(44, Math.Max("Bảng tổng hợp".Length, rows.Max(r => r.Name.Length)));
        string Line(string a, string b, string c, string d, string e) =>
            $"{AuditUnitCommand.Fit(a, name).PadRight(name)}  {b,-18}  {c,12}  {d,9}  {e}".TrimEnd();
        yield return Line("Bảng tổng hợp", "Cách cập nhật", "Đã xử lý đến", "Còn chờ", "Cập nhật lúc");
        yield return new string('-', Math.Min(AuditUnitCommand.Width, name + 2 + 18 + 2 + 12 + 2 + 9 + 2 + 16));
        foreach (var row in rows)
            yield return row.Kind switch
            {
                "inline" => Line(row.Name, "trực tiếp (inline)", "—", "0", "cùng lúc ghi sự kiện"),
                _ => Line(row.Name, row.Kind == "subscription" ? "phản ứng (nền)" : "chạy nền (async)",
                    string.Create(Vi, $"#{row.LastSequence:N0}"), row.Behind.ToString("N0", Vi),
                    row.UpdatedAt is { } at ? at.ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "chưa chạy"),
            };
        if (rows.Any(r => r.Kind != "inline"))
            foreach (var line in AuditUnitCommand.Wrap("Đã xử lý đến: số thứ tự của sự kiện cuối cùng đã đưa vào bảng. Còn chờ: số sự kiện chưa đưa vào " +
                                                        "(0 là đã cập nhật xong).", AuditUnitCommand.Width, ""))
                yield return line;
    }

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static Command AccountsCommand()
    {
        var accounts = new Command("accounts", "Quản lý tài khoản.");
        var userName = new Option<string>("--user") { Description = "Tên đăng nhập của quản trị viên.", Required = true };
        var displayName = new Option<string?>("--name") { Description = "Họ tên hiển thị (mặc định là tên đăng nhập)." };
        var password = new Option<string?>("--password") { Description = "Mật khẩu (ít nhất 10 ký tự); bỏ trống thì đọc từ đầu vào chuẩn. Không có mật khẩu mặc định." };
        var createAdmin = new Command("create-admin", "Tạo tài khoản quản trị toàn hệ thống (tài khoản đầu tiên khi triển khai).") { userName, displayName, password };
        createAdmin.SetAction((result, ct) => WithAppAsync(HostArgs(result), runDaemon: false, async app =>
        {
            var user = result.GetValue(userName)!;
            var secret = result.GetValue(password);
            if (secret is null)
            {
                if (!Console.IsInputRedirected)
                    Console.Error.Write("Mật khẩu: ");
                secret = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n');
            }
            if (string.IsNullOrEmpty(secret))
            {
                await Console.Error.WriteLineAsync("lỗi: chưa có mật khẩu (dùng --password hoặc đưa vào đầu vào chuẩn).");
                return 2;
            }
            try
            {
                var id = await Organisation.OrganisationModule.CreateAdminAsync(app.Services, user, result.GetValue(displayName) ?? user, secret, ct);
                Console.WriteLine($"Đã tạo tài khoản quản trị '{user}' ({id}).");
                return 0;
            }
            catch (Exception e) when (e is Organisation.Contracts.DomainRuleException or BadHttpRequestException or ConcurrencyException)
            {
                await Console.Error.WriteLineAsync($"lỗi: {e.Message}");
                return 1;
            }
        }));
        accounts.Subcommands.Add(createAdmin);
        return accounts;
    }

    private static Command ImportCommand()
    {
        var import = new Command("import", "Nhập dữ liệu từ bảng tính.");
        var file = new Argument<FileInfo>("FILE") { Description = "Tệp .csv (UTF-8) hoặc .xlsx: mã, tên, mã đơn vị cấp trên, cấp, khối; mỗi dòng một đơn vị." };
        var effective = new Option<string>("--effective-date") { Description = "Ngày hiệu lực của các đơn vị (yyyy-MM-dd).", Required = true };
        var number = new Option<string>("--decision") { Description = "Số ký hiệu quyết định, ví dụ 845-QĐ/TĐTN.", Required = true };
        var decisionDate = new Option<string?>("--decision-date") { Description = "Ngày ký quyết định (yyyy-MM-dd); mặc định là ngày hiệu lực." };
        var signer = new Option<string>("--signer") { Description = "Người ký quyết định.", Required = true };
        var units = new Command("units", "Nhập cây đơn vị, đủ cả hoặc không gì cả: một dòng sai thì từ chối cả tệp, báo số dòng.") { file, effective, number, decisionDate, signer };
        units.SetAction((result, ct) => WithAppAsync(HostArgs(result), runDaemon: false, async app =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"lỗi: không có tệp {path.FullName}.");
                return 2;
            }
            if (!DateOnly.TryParseExact(result.GetValue(effective), "yyyy-MM-dd", out var effectiveDate)
                || !DateOnly.TryParseExact(result.GetValue(decisionDate) ?? result.GetValue(effective), "yyyy-MM-dd", out var signedOn))
            {
                await Console.Error.WriteLineAsync("lỗi: ngày phải viết dạng yyyy-MM-dd, ví dụ 2025-07-01.");
                return 2;
            }
            try
            {
                var (imported, errors) = await Organisation.OrganisationModule.ImportUnitsAsync(app.Services, path.FullName, effectiveDate,
                    result.GetValue(number)!, signedOn, result.GetValue(signer)!, ct);
                foreach (var error in errors)
                    await Console.Error.WriteLineAsync(error);
                if (errors.Count > 0)
                {
                    await Console.Error.WriteLineAsync($"Từ chối: {errors.Count} lỗi; chưa nhập gì.");
                    return 1;
                }
                Console.WriteLine($"Đã nhập {imported} đơn vị từ {path.Name}.");
                return 0;
            }
            catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
            {
                await Console.Error.WriteLineAsync($"lỗi: {e.Message}");
                return 1;
            }
        }));
        import.Subcommands.Add(units);
        return import;
    }

    /// <summary>Builds the app, checks the database is reachable, runs <paramref name="action"/>; any start-up failure is one clear line and a non-zero exit.</summary>
    internal static async Task<int> WithAppAsync(string[] args, bool runDaemon, Func<WebApplication, Task<int>> action)
    {
        WebApplication app;
        try
        {
            app = PlatformApp.Build(args, runDaemon);
            await app.Services.GetRequiredService<IDocumentStore>().Advanced.ApplySchemaAsync();
        }
        catch (LocalPostgresUnavailableException e)
        {
            // The README's exit codes: 3 no PostgreSQL binaries, 4 the embedded server could not start from its folder.
            await Console.Error.WriteLineAsync($"lỗi: {e.Message}");
            return e.BinariesMissing ? 3 : 4;
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync(
                $"lỗi: không kết nối được cơ sở dữ liệu ({e.Message}). Kiểm tra ConnectionStrings__Doan, hoặc bỏ biến này để dùng PostgreSQL cục bộ đi kèm.");
            return 2;
        }
        await using (app)
            return await action(app);
    }
}
