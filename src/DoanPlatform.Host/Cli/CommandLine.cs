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
        serve.SetAction((result, ct) => ServeAsync([.. result.UnmatchedTokens], ct));
        root.SetAction((result, ct) => ServeAsync([.. result.UnmatchedTokens], ct));
        root.Subcommands.Add(serve);
        root.Subcommands.Add(ProjectionsCommand());
        return root.Parse(args).InvokeAsync();
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
        rebuild.SetAction((result, ct) => WithAppAsync([], runDaemon: false, async app =>
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
        status.SetAction((result, ct) => WithAppAsync([], runDaemon: false, async app =>
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

    /// <summary>Builds the app, checks the database is reachable, runs <paramref name="action"/>; any start-up failure is one clear line and a non-zero exit.</summary>
    private static async Task<int> WithAppAsync(string[] args, bool runDaemon, Func<WebApplication, Task<int>> action)
    {
        WebApplication app;
        try
        {
            app = PlatformApp.Build(args, runDaemon);
            await app.Services.GetRequiredService<IDocumentStore>().Advanced.ApplySchemaAsync();
        }
        catch (LocalPostgresUnavailableException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 3;
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
