using System.CommandLine;
using DoanPlatform.EventStore;
using DoanPlatform.Host.LocalPostgres;
using Npgsql;

namespace DoanPlatform.Host.Cli;

/// <summary>The host binary is also the CLI: <c>serve</c> (default) and the operator's verbs.</summary>
internal static class CommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("DoanPlatform: the Youth Union offices' platform. Without a verb it serves HTTP.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var serve = new Command("serve", "Serve the HTTP API (the default). ASP.NET Core options such as --urls pass through.")
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
        return root.Parse(args).InvokeAsync();
    }

    private static readonly Option<string?> ConnectionOption = new("--connection-string")
    {
        Description = "PostgreSQL connection string; overrides ConnectionStrings__Doan. Without either, the embedded local server is used.",
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
        var projections = new Command("projections", "Inspect and rebuild read models.");

        var name = new Argument<string?>("name") { Description = "The projection to rebuild; all when omitted.", Arity = ArgumentArity.ZeroOrOne };
        var rebuild = new Command("rebuild", "Replay every event into fresh tables and swap them in.") { name };
        rebuild.SetAction((result, ct) => WithAppAsync(HostArgs(result), runDaemon: false, async app =>
        {
            var store = app.Services.GetRequiredService<IDocumentStore>();
            var requested = result.GetValue(name);
            if (requested is not null && !store.Advanced.ProjectionNames.Contains(requested))
            {
                await Console.Error.WriteLineAsync($"No projection is named '{requested}'. Known: {string.Join(", ", store.Advanced.ProjectionNames)}.");
                return 2;
            }
            foreach (var projection in requested is null ? store.Advanced.ProjectionNames : [requested])
            {
                var started = TimeProvider.System.GetTimestamp();
                await store.Advanced.RebuildProjectionAsync(projection, ct: ct);
                Console.WriteLine($"{projection}: rebuilt in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.00} s");
            }
            return 0;
        }));

        var status = new Command("status", "Each projection's checkpoint and backlog.");
        status.SetAction((result, ct) => WithAppAsync(HostArgs(result), runDaemon: false, async app =>
        {
            var store = app.Services.GetRequiredService<IDocumentStore>();
            var rows = await store.Advanced.ProgressAsync(ct);
            if (rows.Count == 0)
                Console.WriteLine("No projections are registered.");
            foreach (var row in rows)
                Console.WriteLine($"{row.Name,-40} {row.Kind,-12} seq {row.LastSequence,12}  behind {row.Behind,10}  {row.UpdatedAt:yyyy-MM-dd HH:mm:ss}");
            return 0;
        }));

        projections.Subcommands.Add(rebuild);
        projections.Subcommands.Add(status);
        return projections;
    }

    private static Command AccountsCommand()
    {
        var accounts = new Command("accounts", "Manage accounts.");
        var userName = new Option<string>("--user") { Description = "The admin's user name.", Required = true };
        var displayName = new Option<string?>("--name") { Description = "Display name (defaults to the user name)." };
        var password = new Option<string?>("--password") { Description = "The password (at least 10 characters); read from stdin when omitted. There is no default." };
        var createAdmin = new Command("create-admin", "Create a platform-wide Admin account (the first account of a deployment).") { userName, displayName, password };
        createAdmin.SetAction((result, ct) => WithAppAsync(HostArgs(result), runDaemon: false, async app =>
        {
            var user = result.GetValue(userName)!;
            var secret = result.GetValue(password);
            if (secret is null)
            {
                if (!Console.IsInputRedirected)
                    Console.Error.Write("Password: ");
                secret = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n');
            }
            if (string.IsNullOrEmpty(secret))
            {
                await Console.Error.WriteLineAsync("error: no password given (use --password or pipe it on stdin).");
                return 2;
            }
            try
            {
                var id = await Organisation.OrganisationModule.CreateAdminAsync(app.Services, user, result.GetValue(displayName) ?? user, secret, ct);
                Console.WriteLine($"Admin account '{user}' created ({id}).");
                return 0;
            }
            catch (Exception e) when (e is Organisation.Contracts.DomainRuleException or BadHttpRequestException or ConcurrencyException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        }));
        accounts.Subcommands.Add(createAdmin);
        return accounts;
    }

    private static Command ImportCommand()
    {
        var import = new Command("import", "Import data from sheets.");
        var file = new Argument<FileInfo>("FILE") { Description = "A .csv (UTF-8) or .xlsx sheet: code, name, parent code, level, sector; one row per unit." };
        var effective = new Option<string>("--effective-date") { Description = "When the units take effect (yyyy-MM-dd).", Required = true };
        var number = new Option<string>("--decision") { Description = "The decision's number-symbol, e.g. 845-QĐ/TĐTN.", Required = true };
        var decisionDate = new Option<string?>("--decision-date") { Description = "The decision's date (yyyy-MM-dd); defaults to the effective date." };
        var signer = new Option<string>("--signer") { Description = "Who signed the decision.", Required = true };
        var units = new Command("units", "Import a unit tree, all or nothing: a bad row rejects the file with its row number.") { file, effective, number, decisionDate, signer };
        units.SetAction((result, ct) => WithAppAsync(HostArgs(result), runDaemon: false, async app =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"error: {path.FullName} does not exist.");
                return 2;
            }
            if (!DateOnly.TryParseExact(result.GetValue(effective), "yyyy-MM-dd", out var effectiveDate)
                || !DateOnly.TryParseExact(result.GetValue(decisionDate) ?? result.GetValue(effective), "yyyy-MM-dd", out var signedOn))
            {
                await Console.Error.WriteLineAsync("error: dates must be yyyy-MM-dd.");
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
                    await Console.Error.WriteLineAsync($"Rejected: {errors.Count} problem(s); nothing was imported.");
                    return 1;
                }
                Console.WriteLine($"Imported {imported} units from {path.Name}.");
                return 0;
            }
            catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
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
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return e.BinariesMissing ? 3 : 4;
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync(
                $"error: cannot reach the database ({e.Message}). Check ConnectionStrings__Doan, or unset it to use the embedded local PostgreSQL.");
            return 2;
        }
        await using (app)
            return await action(app);
    }
}
