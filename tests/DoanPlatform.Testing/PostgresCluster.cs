using System.Diagnostics;
using System.Globalization;
using System.Text;
using DoanPlatform.Host.LocalPostgres;

namespace DoanPlatform.Testing;

/// <summary>One throwaway PostgreSQL cluster per test run; each caller gets its own database in it.</summary>
public static class PostgresCluster
{
    private const int MaxIdentifierLength = 63;

    // Runs detached from the test process: waits for it to end, stops the postmaster and deletes the folder.
    private const string JanitorScript = """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$1"; do sleep 1; done
        pid=$(head -n 1 "$2/pgdata/postmaster.pid")
        if [ -n "$pid" ]; then kill -INT "$pid"; while kill -0 "$pid"; do sleep 0.2; done; fi
        rm -rf "$2"
        """;

    // As root the server runs as the postgres user, who may not reach a private TMPDIR; /tmp is open to every user.
    private static readonly string Root = Path.Combine(
        LocalPostgresServer.CanServeFrom(Path.Combine(Path.GetTempPath(), "pgdata")) ? Path.GetTempPath() : "/tmp", $"doan-test-{Guid.NewGuid():N}");
    private static readonly Lazy<Task<LocalPostgresServer>> Server = new(StartAsync);

    public static Task<LocalPostgresServer> GetAsync() => Server.Value;

    public static async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        var server = await GetAsync().ConfigureAwait(false);
        var name = DatabaseName(prefix);
        await server.EnsureDatabaseAsync(name).ConfigureAwait(false);
        return server.ConnectionString(name) + ";Maximum Pool Size=20";
    }

    private static async Task<LocalPostgresServer> StartAsync()
    {
        var server = new LocalPostgresServer(
            new LocalPostgresOptions(Path.Combine(Root, "pgdata"), Durable: false, MaxConnections: 300));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAndDelete(server);
        StartJanitor();
        await server.StartAsync().ConfigureAwait(false);
        return server;
    }

    private static void StopAndDelete(LocalPostgresServer server)
    {
        try
        {
            server.StopAsync().GetAwaiter().GetResult();
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LocalPostgresUnavailableException)
        {
            // The janitor finishes the job.
        }
    }

    /// <summary>
    /// `dotnet test` kills the test host about 100 ms after the last test, usually in the middle of
    /// ProcessExit, which would leave a running postmaster and its folder behind; a detached janitor
    /// outlives the test host and cleans up after it, also after a crash.
    /// </summary>
    private static void StartJanitor()
    {
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-f", "sh", "-c", JanitorScript, "doan-test-janitor", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), Root })
        {
            info.ArgumentList.Add(arg);
        }

        using var setsid = Process.Start(info)!;
        setsid.WaitForExit();
    }

    private static string DatabaseName(string? prefix)
    {
        var clean = new StringBuilder();
        foreach (var c in (prefix ?? "test").ToLowerInvariant())
        {
            clean.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        var suffix = $"_{Guid.NewGuid():N}";
        var head = clean.Length > 0 && char.IsAsciiLetter(clean[0]) ? clean.ToString() : "t" + clean;
        return head[..Math.Min(head.Length, MaxIdentifierLength - suffix.Length)] + suffix;
    }
}
