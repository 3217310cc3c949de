using Microsoft.AspNetCore.DataProtection;

namespace DoanPlatform.Host.Http;

/// <summary>
/// Where the data-protection keys that sign cookies and bearer tokens live: <c>DataProtection:KeysPath</c> (default <c>.data/keys</c>
/// beside the embedded database), a folder only the service's own user may open (mode 700). Anyone who reads them can forge a session.
/// </summary>
internal static class KeyStore
{
    public static IServiceCollection AddKeyStore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Tests run many hosts side by side: each keeps its keys in memory (the framework's default when no folder is given).
        if (environment.IsEnvironment("Testing") && configuration["DataProtection:KeysPath"] is null)
            return services;
        var path = Path.GetFullPath(configuration["DataProtection:KeysPath"] ?? Path.Combine(DatabaseConnection.CheckoutRoot(), ".data", "keys"));
        var folder = OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        services.AddDataProtection().SetApplicationName("DoanPlatform").PersistKeysToFileSystem(folder);
        return services;
    }
}
