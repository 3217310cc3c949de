using System.Security.Cryptography;
using System.Text;
using DoanPlatform.Host.LocalPostgres;

namespace DoanPlatform.Host;

/// <summary>
/// The database the platform uses: <c>ConnectionStrings:Doan</c> when set, otherwise an embedded local cluster (in
/// <c>Doan:DataDirectory</c>, or <see cref="DefaultDataDirectory"/>) started or adopted here and, when no other process
/// uses it any more, stopped when the host is disposed.
/// </summary>
internal sealed class DatabaseConnection : IAsyncDisposable
{
    public const string DatabaseName = "doan";

    /// <summary>Where a root-run host keeps the cluster of a checkout its postgres user cannot reach.</summary>
    public const string SharedRoot = "/var/lib/doanplatform";

    private readonly LocalPostgresServer? _server;

    public DatabaseConnection(IConfiguration configuration, ILogger<DatabaseConnection> logger)
    {
        var connectionString = configuration.GetConnectionString("Doan");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var configured = configuration["Doan:DataDirectory"];
            var directory = string.IsNullOrWhiteSpace(configured) ? DefaultDataDirectory(CheckoutRoot(), logger) : Path.GetFullPath(configured);
            _server = new LocalPostgresServer(new LocalPostgresOptions(directory), logger);
            // Start-up happens once, before anything serves; blocking here keeps the composition simple.
            _server.StartAsync().GetAwaiter().GetResult();
            _server.EnsureDatabaseAsync(DatabaseName).GetAwaiter().GetResult();
            connectionString = _server.ConnectionString(DatabaseName);
        }
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public bool IsEmbedded => _server is not null;

    /// <summary>
    /// The checkout the binary was built in (the folder of DoanPlatform.sln above the binary), so that `dotnet run`, the
    /// CLI verbs and `demo` share one cluster whatever folder they are run from; a binary outside a checkout uses its own folder.
    /// </summary>
    internal static string CheckoutRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DoanPlatform.sln")))
                return dir.FullName;
        }
        return Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
    }

    /// <summary>
    /// <c>.data/postgres</c> in the checkout; as root, when the postgres user cannot reach it (a checkout in root's home or
    /// in a `mktemp -d` folder) and no cluster lives there yet, a folder of the checkout's own under <see cref="SharedRoot"/>.
    /// </summary>
    internal static string DefaultDataDirectory(string checkout, ILogger logger)
    {
        var inCheckout = Path.Combine(checkout, ".data", "postgres");
        if (File.Exists(Path.Combine(inCheckout, "PG_VERSION")) || LocalPostgresServer.CanServeFrom(inCheckout))
            return inCheckout;

        var shared = SharedDataDirectory(checkout);
        logger.LogInformation("{Checkout} is closed to the postgres user, so the embedded PostgreSQL keeps this checkout's data in {DataDirectory}",
            checkout, shared);
        return shared;
    }

    /// <summary>The checkout's folder name and a hash of its full path: two clones never share a cluster.</summary>
    internal static string SharedDataDirectory(string checkout)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(checkout));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..12];
        var name = new string([.. Path.GetFileName(full).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        return Path.Combine(SharedRoot, $"{(name.Length == 0 ? "root" : name)}-{hash}", "postgres");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync().ConfigureAwait(false);
    }
}
