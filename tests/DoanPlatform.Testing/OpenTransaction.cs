using Npgsql;

namespace DoanPlatform.Testing;

/// <summary>
/// A transaction that has taken an id and stays open until <see cref="EndAsync"/>: while it is open the cluster's safe bound stays below
/// every later transaction, so the daemon (and any bounded read) cannot see their events yet, as on a busy server for a moment.
/// </summary>
public sealed class OpenTransaction : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private OpenTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    public static async Task<OpenTransaction> BeginAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var take = new NpgsqlCommand("select pg_current_xact_id()", connection, transaction))
            await take.ExecuteScalarAsync().ConfigureAwait(false);
        return new OpenTransaction(connection, transaction);
    }

    /// <summary>Ends it: the events held back become visible.</summary>
    public Task EndAsync() => _transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
