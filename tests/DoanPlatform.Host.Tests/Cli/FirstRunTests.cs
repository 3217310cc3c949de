using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json;

namespace DoanPlatform.Host.Tests.Cli;

/// <summary>
/// The host as a new user runs it: processes of the built binary on the embedded PostgreSQL, no connection string.
/// Every test names its own data folder (or checkout), never the developer's .data/postgres.
/// </summary>
public sealed class FirstRunTests
{
    private const string AdminPassword = "mật-khẩu-quản-trị";

    [Fact]
    public async Task Cli_verbs_run_while_serve_runs_leave_its_database_running_and_the_last_process_stops_it()
    {
        using var scratch = new Scratch();
        var env = scratch.Environment;
        await using var serving = await ServingHost.StartAsync(env);

        var created = await HostBinary.RunAsync(env, "accounts", "create-admin", "--user", "quantri", "--name", "Quản trị viên", "--password", AdminPassword);
        Assert.True(created.Code == 0, created.Output);
        Assert.Contains("Reusing the PostgreSQL server", created.Output, StringComparison.Ordinal);
        Assert.Contains("another process uses it", created.Output, StringComparison.Ordinal);
        var status = await HostBinary.RunAsync(env, "projections", "status");
        Assert.True(status.Code == 0, status.Output);

        Assert.Equal(HttpStatusCode.OK, (await serving.Client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        await serving.SignInAsync("quantri", AdminPassword);

        Assert.Equal(0, await serving.StopAsync());
        Assert.False(File.Exists(Path.Combine(scratch.DataDirectory, "postmaster.pid")), "the serving host, the last user, stops the server");
    }

    [Fact]
    public async Task A_serving_host_whose_database_went_away_answers_again_once_a_verb_starts_it()
    {
        using var scratch = new Scratch();
        var env = scratch.Environment;
        await using var serving = await ServingHost.StartAsync(env);
        var created = await HostBinary.RunAsync(env, "accounts", "create-admin", "--user", "quantri", "--password", AdminPassword);
        Assert.True(created.Code == 0, created.Output);
        await serving.SignInAsync("quantri", AdminPassword);

        // Stopped behind the host's back, as an operator or a crash would.
        var stopped = await HostBinary.PgCtlAsync("stop", "-m", "fast", "-w", "-D", scratch.DataDirectory);
        Assert.True(stopped.Code == 0, stopped.Output);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await serving.Client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);

        var status = await HostBinary.RunAsync(env, "projections", "status");
        Assert.True(status.Code == 0, status.Output);
        Assert.Contains("another process uses it", status.Output, StringComparison.Ordinal);

        // The first check after the outage may still meet a connection of the old server; it drops them, and the host answers.
        var health = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 3 && health != HttpStatusCode.OK; attempt++)
            health = (await serving.Client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode;
        Assert.Equal(HttpStatusCode.OK, health);
        await serving.SignInAsync("quantri", AdminPassword);
        Assert.Equal(0, await serving.StopAsync());
        Assert.False(File.Exists(Path.Combine(scratch.DataDirectory, "postmaster.pid")));
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task As_root_a_checkout_in_a_mode_700_folder_runs_with_its_cluster_in_a_folder_of_its_own()
    {
        Skip.IfNot(Environment.UserName == "root", "only root's server runs as another OS user");
        var closed = Directory.CreateTempSubdirectory("doan-private-");
        var checkout = Path.Combine(closed.FullName, "doan");
        var shared = DatabaseConnection.SharedDataDirectory(checkout);
        try
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(closed.FullName));
            HostBinary.CopyInto(checkout);

            // Run from the private folder itself, not the checkout: the data folder follows the checkout.
            var status = await HostBinary.RunInAsync(new Dictionary<string, string?>(), closed.FullName, Path.Combine(checkout, "bin"), "projections", "status");

            Assert.True(status.Code == 0, status.Output);
            Assert.Contains($"keeps this checkout's data in {shared}", status.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(shared, "PG_VERSION")));
            Assert.False(File.Exists(Path.Combine(shared, "postmaster.pid")), "the verb started the server and stops it");
            Assert.False(Directory.Exists(Path.Combine(checkout, ".data", "postgres")));

            // A data folder named explicitly is used as named: refused with its own exit code when the server cannot reach it.
            var named = await HostBinary.RunInAsync(new Dictionary<string, string?> { ["Doan__DataDirectory"] = Path.Combine(checkout, "pgdata") },
                closed.FullName, Path.Combine(checkout, "bin"), "projections", "status");
            Assert.Equal(4, named.Code);
            Assert.Contains("not reachable by the 'postgres' user", named.Error, StringComparison.Ordinal);
            Assert.Contains("Doan__DataDirectory", named.Error, StringComparison.Ordinal);
        }
        finally
        {
            closed.Delete(recursive: true);
            var key = Path.GetDirectoryName(shared)!;
            if (Directory.Exists(key))
                Directory.Delete(key, recursive: true);
        }
    }

    [Fact]
    public void The_data_folder_follows_the_checkout_not_the_working_folder()
    {
        var checkout = HostBinary.Checkout;
        Assert.Equal(checkout, DatabaseConnection.CheckoutRoot());
        Assert.NotEqual(DatabaseConnection.SharedDataDirectory(checkout), DatabaseConnection.SharedDataDirectory(checkout + "-clone"));
        Assert.StartsWith(DatabaseConnection.SharedRoot + "/", DatabaseConnection.SharedDataDirectory(checkout), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dotnet_run_starts_the_host_in_the_callers_folder()
    {
        var here = Directory.CreateTempSubdirectory("doan-caller-");
        try
        {
            var project = Path.Combine(HostBinary.Checkout, "src", "DoanPlatform.Host", "DoanPlatform.Host.csproj");
            var evaluated = await HostBinary.RunProcessAsync(HostBinary.Dotnet, ["msbuild", project, "-getProperty:RunWorkingDirectory"],
                new Dictionary<string, string?>(), here.FullName);

            Assert.True(evaluated.Code == 0, evaluated.Output + evaluated.Error);
            Assert.Equal(here.FullName, Path.TrimEndingDirectorySeparator(evaluated.Output.Trim()));
        }
        finally
        {
            here.Delete(recursive: true);
        }
    }

    /// <summary>A data folder under /tmp (open to the postgres user), removed afterwards with whatever server is left.</summary>
    private sealed class Scratch : IDisposable
    {
        public string Root { get; } = Path.Combine("/tmp", $"doan-firstrun-{Guid.NewGuid():N}");

        public string DataDirectory => Path.Combine(Root, "pgdata");

        public Dictionary<string, string?> Environment => new() { ["Doan__DataDirectory"] = DataDirectory };

        public void Dispose()
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
                HostBinary.PgCtlAsync("stop", "-m", "immediate", "-w", "-D", DataDirectory).GetAwaiter().GetResult();
            if (Directory.Exists(Root))
                Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>`serve` as its own process on a free loopback port; stopped with SIGTERM as a terminal's Ctrl+C would.</summary>
    private sealed class ServingHost : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output;

        private ServingHost(Process process, ConcurrentQueue<string> output, Uri baseAddress)
        {
            _process = process;
            _output = output;
            Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            // As the screens do: a write carried by the session cookie names itself (the host refuses it otherwise).
            Client.DefaultRequestHeaders.Add("X-Doan-Request", "1");
        }

        public HttpClient Client { get; }

        public static async Task<ServingHost> StartAsync(IDictionary<string, string?> env)
        {
            var port = FreePort();
            var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
            var output = new ConcurrentQueue<string>();
            var process = HostBinary.Start(env, HostBinary.Checkout, HostBinary.OutputFolder, ["serve", "--urls", baseAddress.ToString()], output);
            var host = new ServingHost(process, output, baseAddress);
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (true)
            {
                Assert.False(process.HasExited, "serve exited: " + host.Output);
                try
                {
                    if ((await host.Client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                        return host;
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                    // not listening yet
                }
                Assert.True(DateTime.UtcNow < deadline, "serve did not answer /health: " + host.Output);
                await Task.Delay(250);
            }
        }

        public string Output => string.Join(System.Environment.NewLine, _output);

        public async Task SignInAsync(string user, string password)
        {
            var response = await Client.PostAsJsonAsync(new Uri("/api/organisation/sign-in", UriKind.Relative), new { userName = user, password });
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in: {response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{Output}");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("accessToken").GetString()));
        }

        public async Task<int> StopAsync()
        {
            if (!_process.HasExited)
            {
                using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

/// <summary>The built host binary (src/DoanPlatform.Host/bin/…) and the PostgreSQL tools, run as processes.</summary>
internal static class HostBinary
{
    public static string Checkout { get; } = FindCheckout();

    public static string OutputFolder { get; } = Path.Combine(Checkout, "src", "DoanPlatform.Host", "bin",
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name, "net10.0");

    public static string Dotnet => System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    /// <summary>A checkout of the binary alone: DoanPlatform.sln (empty) beside bin/.</summary>
    public static void CopyInto(string checkout)
    {
        var bin = Path.Combine(checkout, "bin");
        foreach (var file in Directory.EnumerateFiles(OutputFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(bin, Path.GetRelativePath(OutputFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.WriteAllText(Path.Combine(checkout, "DoanPlatform.sln"), "");
    }

    public static Task<(int Code, string Output, string Error)> RunAsync(IDictionary<string, string?> env, params string[] args) =>
        RunInAsync(env, Checkout, OutputFolder, args);

    public static Task<(int Code, string Output, string Error)> RunInAsync(IDictionary<string, string?> env, string workingDirectory, string binFolder, params string[] args) =>
        RunProcessAsync(Dotnet, [Path.Combine(binFolder, "DoanPlatform.Host.dll"), .. args], env, workingDirectory);

    public static Task<(int Code, string Output, string Error)> PgCtlAsync(params string[] args)
    {
        var pgCtl = Path.Combine(LocalPostgresServerPaths.BinDirectory, "pg_ctl");
        return System.Environment.UserName == "root"
            ? RunProcessAsync("runuser", ["-u", "postgres", "--", pgCtl, .. args], new Dictionary<string, string?>(), "/")
            : RunProcessAsync(pgCtl, args, new Dictionary<string, string?>(), "/");
    }

    public static Process Start(IDictionary<string, string?> env, string workingDirectory, string binFolder, string[] args, ConcurrentQueue<string> output)
    {
        var process = new Process { StartInfo = Info(Dotnet, [Path.Combine(binFolder, "DoanPlatform.Host.dll"), .. args], env, workingDirectory) };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task<(int Code, string Output, string Error)> RunProcessAsync(string file, string[] args, IDictionary<string, string?> env, string workingDirectory)
    {
        using var process = Process.Start(Info(file, args, env, workingDirectory))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 3 minutes: {await output}{await error}");
        }
        return (process.ExitCode, await output + await error, await error);
    }

    private static ProcessStartInfo Info(string file, string[] args, IDictionary<string, string?> env, string workingDirectory)
    {
        var info = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Only what the test names: never the caller's database settings.
        info.Environment.Remove("ConnectionStrings__Doan");
        info.Environment.Remove("Doan__DataDirectory");
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in env)
            info.Environment[key] = value;
        return info;
    }

    private static string FindCheckout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DoanPlatform.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("The tests run outside a checkout.");
    }

    private static class LocalPostgresServerPaths
    {
        public static string BinDirectory { get; } = DoanPlatform.Host.LocalPostgres.LocalPostgresServer.FindBinDirectory(
            System.Environment.GetEnvironmentVariable("DOAN_PG_BINDIR") is { Length: > 0 } dir ? dir : null);
    }
}
