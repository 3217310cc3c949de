using DoanPlatform.Host.LocalPostgres;

namespace DoanPlatform.Host;

/// <summary>
/// The database the platform uses: <c>ConnectionStrings:Doan</c> when set, otherwise an embedded local
/// cluster under <c>.data/postgres</c> started here and stopped when the host is disposed.
/// </summary>
internal sealed class DatabaseConnection : IAsyncDisposable
{
    public const string DatabaseName = "doan";
    private readonly LocalPostgresServer? _server;

    public DatabaseConnection(IConfiguration configuration, ILogger<DatabaseConnection> logger)
    {
        var connectionString = configuration.GetConnectionString("Doan");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var directory = configuration["Doan:DataDirectory"] ?? Path.Combine(DataRoot(), ".data", "postgres");
            _server = new LocalPostgresServer(new LocalPostgresOptions(Path.GetFullPath(directory)), logger);
            // Start-up happens once, before anything serves; blocking here keeps the composition simple.
            _server.StartAsync().GetAwaiter().GetResult();
            _server.EnsureDatabaseAsync(DatabaseName).GetAwaiter().GetResult();
            connectionString = _server.ConnectionString(DatabaseName);
        }
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>
    /// The checkout's root when running from one (`dotnet run` starts in the project folder), so the data lives in
    /// one `.data/` beside DoanPlatform.sln; otherwise the working directory.
    /// </summary>
    internal static string DataRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DoanPlatform.sln")))
                return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }

    public bool IsEmbedded => _server is not null;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync().ConfigureAwait(false);
    }
}
