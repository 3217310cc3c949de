namespace DoanPlatform.Host.LocalPostgres;

/// <summary>
/// Who uses a local cluster, so that the last process to leave stops it and no other does: a server started by `serve`
/// keeps running while a CLI verb that adopted it exits, and the other way round. Two lock files beside the data folder:
/// <c>.start.lock</c>, held exclusively while a process starts, adopts or stops the server (so those steps never
/// interleave), and <c>.users.lock</c>, held shared by every process using the server. The kernel drops a killed
/// process's locks, so a crashed host never counts as a user.
/// </summary>
/// <remarks>
/// .NET takes these locks itself on Unix (<c>flock</c>: exclusive for <see cref="FileShare.None"/>, shared otherwise),
/// non-blocking: a refused open is an <see cref="IOException"/>.
/// </remarks>
internal sealed class ClusterLease : IDisposable
{
    private static readonly TimeSpan StartLockTimeout = TimeSpan.FromMinutes(2);

    private readonly string _startLock;
    private readonly string _usersLock;
    private FileStream? _starting;
    private FileStream? _using;

    private ClusterLease(string dataDirectory)
    {
        _startLock = dataDirectory + ".start.lock";
        _usersLock = dataDirectory + ".users.lock";
    }

    /// <summary>Takes the start lock and joins the users; call <see cref="StartedUp"/> once the server answers.</summary>
    public static async Task<ClusterLease> EnterAsync(string dataDirectory, CancellationToken ct)
    {
        var lease = new ClusterLease(dataDirectory);
        lease._starting = await lease.TakeStartLockAsync(ct).ConfigureAwait(false);
        // Only a leaving process under the start lock ever holds this one exclusively, so this cannot be refused.
        lease._using = new FileStream(lease._usersLock, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        return lease;
    }

    public void StartedUp()
    {
        _starting?.Dispose();
        _starting = null;
    }

    /// <summary>
    /// Takes the start lock and leaves the users; true when no other process uses the server, which the caller then
    /// stops before <see cref="Dispose"/> lets the next starter in.
    /// </summary>
    public async Task<bool> LeaveAsync(CancellationToken ct)
    {
        _starting ??= await TakeStartLockAsync(ct).ConfigureAwait(false);
        _using?.Dispose();
        _using = null;
        try
        {
            using var alone = new FileStream(_usersLock, FileMode.OpenOrCreate, FileAccess.Read, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _using?.Dispose();
        _using = null;
        StartedUp();
    }

    private async Task<FileStream> TakeStartLockAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + StartLockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(_startLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new LocalPostgresUnavailableException(
                    $"Another process has been starting or stopping the PostgreSQL server of {_startLock[..^".start.lock".Length]} " +
                    $"for {StartLockTimeout.TotalMinutes} minutes ({e.Message}).");
            }
        }
    }
}
