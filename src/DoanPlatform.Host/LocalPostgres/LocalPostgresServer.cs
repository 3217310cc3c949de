using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DoanPlatform.Host.LocalPostgres;

public sealed record LocalPostgresOptions(string DataDirectory, bool Durable = true, int MaxConnections = 200, int? Port = null);

public sealed class LocalPostgresUnavailableException(string message) : Exception(message)
{
    /// <summary>No server binaries on the machine (the CLI's exit code 3), rather than a cluster that would not start (4).</summary>
    public bool BinariesMissing { get; init; }
}

/// <summary>
/// Runs a private PostgreSQL cluster from the server binaries installed on the machine:
/// initdb on first use, pg_ctl start on a free loopback port (or adopting the server already running from the folder),
/// and pg_ctl stop on dispose when no other process uses it (<see cref="ClusterLease"/>).
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly LocalPostgresOptions _options;
    private readonly ILogger _logger;
    private readonly string? _binDirOverride;
    private readonly string _dataDir;
    private readonly string _logFile;
    private readonly string _portFile;
    // PostgreSQL refuses to run as root, so as root every server binary runs as the postgres OS user.
    private readonly bool _asRoot = Environment.UserName == "root";
    private string _binDir = "";
    private int _running;
    private ClusterLease? _lease;

    public LocalPostgresServer(LocalPostgresOptions options, ILogger? logger = null)
        : this(options, logger, Environment.GetEnvironmentVariable("DOAN_PG_BINDIR"))
    {
    }

    internal LocalPostgresServer(LocalPostgresOptions options, ILogger? logger, string? binDirOverride)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _binDirOverride = string.IsNullOrWhiteSpace(binDirOverride) ? null : binDirOverride;
        _dataDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DataDirectory));
        // Beside the data folder, not in it: initdb wants an empty folder.
        _logFile = _dataDir + ".log";
        _portFile = _dataDir + ".port";
    }

    public int Port { get; private set; }

    /// <summary>The data folder, as a full path.</summary>
    public string DataDirectory => _dataDir;

    public async Task StartAsync(CancellationToken ct = default)
    {
        if (Volatile.Read(ref _running) == 1)
        {
            return;
        }

        _binDir = FindBinDirectory(_binDirOverride);
        PrepareFolders();
        var lease = await ClusterLease.EnterAsync(_dataDir, ct).ConfigureAwait(false);
        try
        {
            if (!File.Exists(Path.Combine(_dataDir, "PG_VERSION")))
            {
                await InitDbAsync(ct).ConfigureAwait(false);
            }

            if (!await TryReuseRunningServerAsync(ct).ConfigureAwait(false))
            {
                await StartServerAsync(ct).ConfigureAwait(false);
            }
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        _lease = lease;
        Volatile.Write(ref _running, 1);
        try
        {
            await WaitForConnectionAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            lease.StartedUp();
        }

        _logger.LogInformation("PostgreSQL started on port {Port} from {DataDirectory}", Port, _dataDir);
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServiceUser,
        Database = database,
    }.ConnectionString;

    public async Task EnsureDatabaseAsync(string database, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        var connection = new NpgsqlConnection(AdminConnectionString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
            {
                Parameters = { new() { Value = database } },
            };
            await using (exists.ConfigureAwait(false))
            {
                if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
                {
                    return;
                }
            }

            var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            var create = new NpgsqlCommand($"CREATE DATABASE {quoted} ENCODING 'UTF8'", connection);
            await using (create.ConfigureAwait(false))
            {
                try
                {
                    await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
                {
                    // Created concurrently by another caller: that is what we wanted.
                }
            }
        }
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _running, 0) == 0)
        {
            return;
        }

        using var lease = _lease!;
        _lease = null;
        if (!await lease.LeaveAsync(CancellationToken.None).ConfigureAwait(false))
        {
            _logger.LogInformation("Leaving the PostgreSQL server of {DataDirectory} running: another process uses it", _dataDir);
            return;
        }

        // Still under the start lock: a process starting now waits, then finds no server and starts one.
        var stop = await RunPgAsync("pg_ctl", ["stop", "-m", "fast", "-w", "-t", "60", "-D", _dataDir], CancellationToken.None)
            .ConfigureAwait(false);
        if (stop.ExitCode != 0)
        {
            _logger.LogWarning("pg_ctl stop for {DataDirectory} failed: {Error}", _dataDir, stop.Output);
        }

        // This process's pooled connections to the server are dead; the next server of the folder takes the same port.
        NpgsqlConnection.ClearAllPools();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    internal static string FindBinDirectory(string? overrideDir)
    {
        static bool HasServer(string dir) =>
            File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

        if (overrideDir is not null)
        {
            return HasServer(overrideDir) ? overrideDir : throw NoBinaries($"DOAN_PG_BINDIR={overrideDir} has no initdb/pg_ctl. ");
        }

        var fromPgConfig = PgConfigBinDir();
        if (fromPgConfig is not null && HasServer(fromPgConfig))
        {
            return fromPgConfig;
        }

        const string debianRoot = "/usr/lib/postgresql";
        var debian = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(v => (Version: int.TryParse(Path.GetFileName(v), CultureInfo.InvariantCulture, out var n) ? n : -1, Bin: Path.Combine(v, "bin")))
                .Where(v => v.Version >= 0 && HasServer(v.Bin))
                .OrderByDescending(v => v.Version)
                .Select(v => v.Bin)
                .FirstOrDefault()
            : null;
        return debian ?? throw NoBinaries("");
    }

    private static LocalPostgresUnavailableException NoBinaries(string detail) => new(
        $"No PostgreSQL server binaries found. {detail}Install Debian's `postgresql` package (`apt-get install postgresql`) " +
        "or set `ConnectionStrings__Doan` to an existing server.")
    {
        BinariesMissing = true,
    };

    /// <summary>
    /// Whether a server can run from <paramref name="dataDirectory"/>: always, except as root (the server then runs as the
    /// postgres OS user) below an existing folder that user may not walk through, such as root's home or a `mktemp -d` folder.
    /// </summary>
    public static bool CanServeFrom(string dataDirectory) => ClosedAncestor(Path.GetFullPath(dataDirectory)) is null;

    private static string? ClosedAncestor(string dataDirectory)
    {
        if (Environment.UserName != "root" || OperatingSystem.IsWindows())
        {
            return null;
        }

        for (var dir = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(dataDirectory)); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir) && !File.GetUnixFileMode(dir).HasFlag(UnixFileMode.OtherExecute) && !PostgresCanTraverse(dir))
            {
                return dir;
            }
        }

        return null;
    }

    private static string? PgConfigBinDir()
    {
        try
        {
            var (exitCode, output) = Run("pg_config", "--bindir");
            return exitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not on PATH
        }
    }

    private void PrepareFolders()
    {
        if (!_asRoot || OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_dataDir);
            return;
        }

        // The postgres user must be able to walk down to the data folder. Folders we create get 0755;
        // folders that already exist are the caller's, so we report rather than loosen them.
        const UnixFileMode traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        if (ClosedAncestor(_dataDir) is { } closed)
        {
            throw new LocalPostgresUnavailableException(
                $"The PostgreSQL data folder {_dataDir} is not reachable by the '{ServiceUser}' user: " +
                $"{closed} is not traversable. Unset Doan__DataDirectory to let the host choose a folder, or choose another one.");
        }

        var missing = new Stack<string>();
        for (var dir = Path.GetDirectoryName(_dataDir); dir is not null && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
        {
            missing.Push(dir);
        }

        while (missing.TryPop(out var dir))
        {
            Directory.CreateDirectory(dir);
            File.SetUnixFileMode(dir, traversable);
        }

        Directory.CreateDirectory(_dataDir);
        if (!File.Exists(_logFile))
        {
            File.WriteAllBytes(_logFile, []);
        }

        Chown(_dataDir, _logFile);
    }

    private static bool PostgresCanTraverse(string dir) => Run("runuser", "-u", ServiceUser, "--", "test", "-x", dir).ExitCode == 0;

    private static void Chown(params string[] paths)
    {
        var (exitCode, output) = Run("chown", ["-R", $"{ServiceUser}:{ServiceUser}", .. paths]);
        if (exitCode != 0)
        {
            throw new LocalPostgresUnavailableException($"Could not give {string.Join(", ", paths)} to the '{ServiceUser}' user: {output}");
        }
    }

    private static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        using var process = Process.Start(StartInfo(file, args))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new LocalPostgresUnavailableException($"{file} {string.Join(' ', args)} did not finish within {CommandTimeout.TotalSeconds} s.");
        }

        return (process.ExitCode, (stdout + stderr.GetAwaiter().GetResult()).Trim());
    }

    private static ProcessStartInfo StartInfo(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The caller's folder (often /root) may be closed to the postgres user.
            WorkingDirectory = "/",
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private async Task InitDbAsync(CancellationToken ct)
    {
        string[] common = ["-D", _dataDir, "-U", ServiceUser, "--auth=trust", "--encoding=UTF8"];
        var init = await RunPgAsync("initdb", [.. common, "--locale=C.UTF-8"], ct).ConfigureAwait(false);
        if (init.ExitCode != 0)
        {
            // Minimal images may lack the C.UTF-8 locale; the C locale always exists.
            _logger.LogWarning("initdb with locale C.UTF-8 failed, retrying without a locale: {Error}", init.Output);
            ResetDataDirectory();
            init = await RunPgAsync("initdb", [.. common, "--no-locale"], ct).ConfigureAwait(false);
        }

        if (init.ExitCode != 0)
        {
            throw new LocalPostgresUnavailableException($"initdb failed for {_dataDir}:{Environment.NewLine}{init.Output}");
        }
    }

    private void ResetDataDirectory()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }

        Directory.CreateDirectory(_dataDir);
        if (_asRoot)
        {
            Chown(_dataDir);
        }
    }

    /// <summary>
    /// A postmaster.pid left behind is either a live server for this folder (a previous host crashed
    /// without stopping it: adopt it) or stale (delete it so pg_ctl does not trip over it).
    /// </summary>
    private async Task<bool> TryReuseRunningServerAsync(CancellationToken ct)
    {
        var pidFile = Path.Combine(_dataDir, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return false;
        }

        var lines = await File.ReadAllLinesAsync(pidFile, ct).ConfigureAwait(false);
        if (lines.Length >= 4
            && int.TryParse(lines[0], CultureInfo.InvariantCulture, out var pid)
            && int.TryParse(lines[3], CultureInfo.InvariantCulture, out var port)
            && IsPostgresProcess(pid)
            && (await RunPgAsync("pg_ctl", ["status", "-D", _dataDir], ct).ConfigureAwait(false)).ExitCode == 0)
        {
            _logger.LogInformation("Reusing the PostgreSQL server (pid {Pid}) already running from {DataDirectory}", pid, _dataDir);
            Port = port;
            return true;
        }

        _logger.LogWarning("Removing stale {PidFile}", pidFile);
        File.Delete(pidFile);
        return false;
    }

    private static bool IsPostgresProcess(int pid)
    {
        try
        {
            var argv0 = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Split('\0')[0];
            return Path.GetFileName(argv0) == "postgres";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // no such process
        }
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        var logStart = new FileInfo(_logFile) is { Exists: true } log ? log.Length : 0;
        // The folder's previous port when it is free: a serving host whose server was stopped behind its back reconnects to
        // the one the next process starts.
        Port = _options.Port ?? PreviousPort() ?? FreePort();
        var settings = $"-p {Port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 " +
            $"-c unix_socket_directories='' -c max_connections={_options.MaxConnections.ToString(CultureInfo.InvariantCulture)}";
        if (!_options.Durable)
        {
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        var start = await RunPgAsync("pg_ctl", ["start", "-w", "-t", "60", "-D", _dataDir, "-l", _logFile, "-o", settings], ct)
            .ConfigureAwait(false);
        if (start.ExitCode != 0)
        {
            throw new LocalPostgresUnavailableException(
                $"PostgreSQL failed to start from {_dataDir} on port {Port}:{Environment.NewLine}{start.Output}" +
                $"{Environment.NewLine}Last lines of {_logFile}:{Environment.NewLine}{LogTail(logStart)}");
        }

        await File.WriteAllTextAsync(_portFile, Port.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
    }

    private int? PreviousPort()
    {
        try
        {
            if (!int.TryParse(File.ReadAllText(_portFile), CultureInfo.InvariantCulture, out var port) || port is < 1024 or > 65535)
            {
                return null;
            }

            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            probe.Stop();
            return port;
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            return null; // never started here, or the port is taken now
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private string LogTail(long from)
    {
        try
        {
            using var stream = new FileStream(_logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(Environment.NewLine, lines.TakeLast(20));
        }
        catch (IOException e)
        {
            return $"(log unreadable: {e.Message})";
        }
    }

    private async Task WaitForConnectionAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                var connection = new NpgsqlConnection(AdminConnectionString());
                await using (connection.ConfigureAwait(false))
                {
                    await connection.OpenAsync(ct).ConfigureAwait(false);
                    var ping = new NpgsqlCommand("SELECT 1", connection);
                    await using (ping.ConfigureAwait(false))
                    {
                        await ping.ExecuteScalarAsync(ct).ConfigureAwait(false);
                        return;
                    }
                }
            }
            catch (NpgsqlException e) when (DateTime.UtcNow < deadline)
            {
                _logger.LogDebug(e, "PostgreSQL on port {Port} not accepting connections yet", Port);
            }
            catch (NpgsqlException e)
            {
                throw new LocalPostgresUnavailableException(
                    $"PostgreSQL from {_dataDir} did not accept connections on port {Port} within 30 s: {e.Message}" +
                    $"{Environment.NewLine}Last lines of {_logFile}:{Environment.NewLine}{LogTail(0)}");
            }

            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    }

    private string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString;

    private async Task<(int ExitCode, string Output)> RunPgAsync(string tool, string[] args, CancellationToken ct)
    {
        var executable = Path.Combine(_binDir, tool);
        var info = _asRoot ? StartInfo("runuser", ["-u", ServiceUser, "--", executable, .. args]) : StartInfo(executable, args);
        using var process = Process.Start(info)
            ?? throw new LocalPostgresUnavailableException($"Could not run {executable}.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CommandTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            var output = (await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false)).Trim();
            return (process.ExitCode, output);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new LocalPostgresUnavailableException($"{tool} {string.Join(' ', args)} did not finish within {CommandTimeout.TotalSeconds} s.");
        }
    }
}
