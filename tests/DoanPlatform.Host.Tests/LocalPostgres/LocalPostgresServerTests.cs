using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using DoanPlatform.Host.LocalPostgres;
using DoanPlatform.Testing;
using Npgsql;

namespace DoanPlatform.Host.Tests.LocalPostgres;

public sealed class LocalPostgresServerTests
{
    [Fact]
    public async Task First_start_initialises_the_cluster_and_answers_queries()
    {
        using var scratch = new ScratchFolder();
        await using var server = new LocalPostgresServer(scratch.Options);

        await server.StartAsync();

        Assert.True(File.Exists(Path.Combine(scratch.DataDirectory, "PG_VERSION")));
        Assert.Equal(1, await ScalarAsync(server.ConnectionString("postgres"), "SELECT 1"));
        Assert.Equal("UTF8", await ScalarAsync(server.ConnectionString("postgres"), "SHOW server_encoding"));
        Assert.Equal(
            $"Host=127.0.0.1;Port={server.Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=x",
            server.ConnectionString("x"));
    }

    [Fact]
    public async Task Second_start_on_the_same_folder_reuses_the_data()
    {
        using var scratch = new ScratchFolder();
        await using (var first = new LocalPostgresServer(scratch.Options))
        {
            await first.StartAsync();
            await ScalarAsync(first.ConnectionString("postgres"), "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        }

        await using var second = new LocalPostgresServer(scratch.Options);
        await second.StartAsync();

        Assert.Equal("still here", await ScalarAsync(second.ConnectionString("postgres"), "SELECT v FROM kept"));
    }

    [Fact]
    public async Task Stale_pid_file_of_a_dead_process_is_removed_and_the_server_starts()
    {
        using var scratch = new ScratchFolder();
        await InitialiseAndStopAsync(scratch);
        var deadPid = await DeadPidAsync();
        WriteFakePidFile(scratch, deadPid);

        await using var server = new LocalPostgresServer(scratch.Options);
        await server.StartAsync();

        Assert.Equal(1, await ScalarAsync(server.ConnectionString("postgres"), "SELECT 1"));
        var pidLine = File.ReadLines(Path.Combine(scratch.DataDirectory, "postmaster.pid")).First();
        Assert.NotEqual(deadPid.ToString(CultureInfo.InvariantCulture), pidLine);
    }

    [Fact]
    public async Task Stale_pid_file_naming_a_live_process_that_is_not_postgres_is_removed()
    {
        using var scratch = new ScratchFolder();
        await InitialiseAndStopAsync(scratch);
        // Owned by the server's OS user: PostgreSQL itself ignores a pid it may not signal, not this one.
        using var unrelated = Process.Start(Environment.UserName == "root" ? "runuser" : "sleep",
            Environment.UserName == "root" ? ["-u", "postgres", "--", "sleep", "120"] : ["120"]);
        try
        {
            WriteFakePidFile(scratch, await SleepPidAsync(unrelated));

            await using var server = new LocalPostgresServer(scratch.Options);
            await server.StartAsync();

            Assert.Equal(1, await ScalarAsync(server.ConnectionString("postgres"), "SELECT 1"));
        }
        finally
        {
            unrelated.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Server_left_running_by_a_crashed_host_is_reused_and_stopped()
    {
        using var scratch = new ScratchFolder();
        // What a killed host leaves: a running postmaster and no process that counts as its user.
        var orphanPort = await StartWithoutAHostAsync(scratch);

        var adopter = new LocalPostgresServer(scratch.Options);
        await adopter.StartAsync();

        Assert.Equal(orphanPort, adopter.Port);
        Assert.Equal(1, await ScalarAsync(adopter.ConnectionString("postgres"), "SELECT 1"));
        await adopter.StopAsync();
        Assert.False(File.Exists(Path.Combine(scratch.DataDirectory, "postmaster.pid")));
        await adopter.StopAsync(); // idempotent
    }

    [Fact]
    public async Task A_server_adopted_from_a_running_host_is_left_running_when_the_adopter_stops()
    {
        using var scratch = new ScratchFolder();
        await using var serving = new LocalPostgresServer(scratch.Options);
        await serving.StartAsync();

        await using (var verb = new LocalPostgresServer(scratch.Options))
        {
            await verb.StartAsync();
            Assert.Equal(serving.Port, verb.Port);
        }

        Assert.Equal(1, await ScalarAsync(serving.ConnectionString("postgres"), "SELECT 1"));
        await serving.StopAsync();
        Assert.False(File.Exists(Path.Combine(scratch.DataDirectory, "postmaster.pid")));
    }

    [Fact]
    public async Task The_host_that_started_the_server_leaves_it_running_while_another_uses_it_and_the_last_one_stops_it()
    {
        using var scratch = new ScratchFolder();
        var starter = new LocalPostgresServer(scratch.Options);
        await starter.StartAsync();
        await using var adopter = new LocalPostgresServer(scratch.Options);
        await adopter.StartAsync();

        await starter.StopAsync();

        Assert.Equal(1, await ScalarAsync(adopter.ConnectionString("postgres"), "SELECT 1"));
        await adopter.StopAsync();
        Assert.False(File.Exists(Path.Combine(scratch.DataDirectory, "postmaster.pid")));
    }

    [Fact]
    public async Task Hosts_starting_at_the_same_time_on_one_folder_share_one_server()
    {
        using var scratch = new ScratchFolder();
        var servers = Enumerable.Range(0, 3).Select(_ => new LocalPostgresServer(scratch.Options)).ToArray();
        try
        {
            await Task.WhenAll(servers.Select(s => s.StartAsync()));

            Assert.Single(servers.Select(s => s.Port).Distinct());
            foreach (var server in servers)
                Assert.Equal(1, await ScalarAsync(server.ConnectionString("postgres"), "SELECT 1"));
        }
        finally
        {
            foreach (var server in servers)
                await server.StopAsync();
        }
        Assert.False(File.Exists(Path.Combine(scratch.DataDirectory, "postmaster.pid")));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_folder_below_a_closed_folder_can_serve_only_when_not_root()
    {
        using var scratch = new ScratchFolder();
        var closed = Path.Combine(scratch.Path, "closed");
        Directory.CreateDirectory(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.Equal(Environment.UserName != "root", LocalPostgresServer.CanServeFrom(Path.Combine(closed, "a", "pgdata")));
        Assert.True(LocalPostgresServer.CanServeFrom(scratch.DataDirectory));
    }

    [Fact]
    public async Task Missing_binaries_give_one_message_naming_the_package_and_the_setting()
    {
        using var scratch = new ScratchFolder();
        var emptyBinDir = Directory.CreateDirectory(Path.Combine(scratch.Path, "bin")).FullName;
        await using var server = new LocalPostgresServer(scratch.Options, logger: null, binDirOverride: emptyBinDir);

        var error = await Assert.ThrowsAsync<LocalPostgresUnavailableException>(() => server.StartAsync());

        Assert.Contains("postgresql", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Doan", error.Message, StringComparison.Ordinal);
        Assert.True(error.BinariesMissing);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Data_folder_below_a_closed_folder_is_reported_as_root_and_used_otherwise()
    {
        using var scratch = new ScratchFolder();
        var closed = Path.Combine(scratch.Path, "closed");
        Directory.CreateDirectory(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var server = new LocalPostgresServer(new LocalPostgresOptions(Path.Combine(closed, "pgdata"), Durable: false));

        if (Environment.UserName == "root")
        {
            var error = await Assert.ThrowsAsync<LocalPostgresUnavailableException>(() => server.StartAsync());
            Assert.Contains(closed, error.Message, StringComparison.Ordinal);
            Assert.Contains("Doan__DataDirectory", error.Message, StringComparison.Ordinal);
            Assert.False(error.BinariesMissing);
        }
        else
        {
            await server.StartAsync();
            Assert.Equal(1, await ScalarAsync(server.ConnectionString("postgres"), "SELECT 1"));
        }
    }

    internal static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task InitialiseAndStopAsync(ScratchFolder scratch)
    {
        await using var server = new LocalPostgresServer(scratch.Options);
        await server.StartAsync();
    }

    private static async Task<int> StartWithoutAHostAsync(ScratchFolder scratch)
    {
        await InitialiseAndStopAsync(scratch);
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var pgCtl = Path.Combine(LocalPostgresServer.FindBinDirectory(Environment.GetEnvironmentVariable("DOAN_PG_BINDIR") is { Length: > 0 } b ? b : null), "pg_ctl");
        string[] args = ["start", "-w", "-D", scratch.DataDirectory, "-l", scratch.DataDirectory + ".log", "-o",
            $"-p {port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"];
        var info = Environment.UserName == "root" ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", pgCtl, .. args]) : new ProcessStartInfo(pgCtl, args);
        info.WorkingDirectory = "/";
        info.RedirectStandardOutput = true;
        using var process = Process.Start(info)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return port;
    }

    private static async Task<int> DeadPidAsync()
    {
        using var process = Process.Start("true")!;
        await process.WaitForExitAsync();
        return process.Id;
    }

    private static async Task<int> SleepPidAsync(Process started)
    {
        if (Path.GetFileName(started.StartInfo.FileName) != "runuser")
        {
            return started.Id;
        }

        // runuser forks; the sleep is its child.
        var children = $"/proc/{started.Id}/task/{started.Id}/children";
        for (var i = 0; i < 100; i++)
        {
            var text = (await File.ReadAllTextAsync(children)).Trim();
            if (text.Length > 0)
            {
                return int.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("runuser did not start sleep");
    }

    private static void WriteFakePidFile(ScratchFolder scratch, int pid) =>
        File.WriteAllLines(Path.Combine(scratch.DataDirectory, "postmaster.pid"),
            [pid.ToString(CultureInfo.InvariantCulture), scratch.DataDirectory, "1700000000", "5999", "", "127.0.0.1", "  1234567     98304", "ready   "]);

    private sealed class ScratchFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"doan-pgtest-{Guid.NewGuid():N}");

        public string DataDirectory => System.IO.Path.Combine(Path, "pgdata");

        public LocalPostgresOptions Options => new(DataDirectory, Durable: false);

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}

public sealed class PostgresClusterTests
{
    [Fact]
    public async Task Each_created_database_is_separate_and_works()
    {
        var first = await PostgresCluster.CreateDatabaseAsync("Cluster Test");
        var second = await PostgresCluster.CreateDatabaseAsync("Cluster Test");

        Assert.NotEqual(first, second);
        await LocalPostgresServerTests.ScalarAsync(first, "CREATE TABLE only_in_first (id int)");
        Assert.Equal(1L, await LocalPostgresServerTests.ScalarAsync(first, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"));
        Assert.Equal(0L, await LocalPostgresServerTests.ScalarAsync(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"));
        var name = (string?)await LocalPostgresServerTests.ScalarAsync(second, "SELECT current_database()");
        Assert.StartsWith("cluster_test_", name, StringComparison.Ordinal);
    }
}

public sealed class DatabaseFixtureTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Fixture_gives_a_working_database_of_its_own()
    {
        var name = (string?)await LocalPostgresServerTests.ScalarAsync(database.ConnectionString, "SELECT current_database()");

        Assert.StartsWith("test_", name, StringComparison.Ordinal);
    }
}
