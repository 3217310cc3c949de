using Npgsql;

namespace DoanPlatform.EventStore.Projections;

/// <summary>
/// A read model fed by events. It owns tables in <see cref="Schema"/>; a rebuild creates them
/// afresh in a shadow schema, replays every event, and swaps them in.
/// </summary>
public interface IProjection
{
    /// <summary>Unique name, also the daemon's progress key.</summary>
    string Name { get; }

    /// <summary>The schema its live tables live in (the module's schema).</summary>
    string Schema { get; }

    /// <summary>The event types it reads; empty means every event.</summary>
    IReadOnlyCollection<Type> EventTypes { get; }

    /// <summary>DDL creating its tables in <paramref name="schema"/>, idempotent (<c>create table if not exists</c>).</summary>
    string CreateTablesSql(string schema);

    /// <summary>Applies a batch of events in order, inside the context's transaction.</summary>
    Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct);
}

/// <summary>A reactor: the daemon hands it events (at least once) so it can act, e.g. append to another stream.</summary>
public interface ISubscription
{
    /// <summary>Unique name, also the daemon's progress key.</summary>
    string Name { get; }

    /// <summary>The event types it reacts to; empty means every event.</summary>
    IReadOnlyCollection<Type> EventTypes { get; }

    /// <summary>Handles a batch of events. Appends made through <see cref="SubscriptionContext.OpenSession"/> commit with the checkpoint.</summary>
    Task HandleAsync(SubscriptionContext context, IReadOnlyList<IEvent> events, CancellationToken ct);
}

/// <summary>Where a projection writes: an open connection and transaction, and the schema to use.</summary>
public sealed class ProjectionContext(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema)
{
    /// <summary>The open connection.</summary>
    public NpgsqlConnection Connection { get; } = connection;

    /// <summary>The transaction the rows must be written in.</summary>
    public NpgsqlTransaction Transaction { get; } = transaction;

    /// <summary>The schema to write into: the live one, or a shadow one during a rebuild.</summary>
    public string Schema { get; } = schema;

    /// <summary>A quoted, schema-qualified table name.</summary>
    public string Table(string name) => $"\"{Schema}\".\"{name}\"";

    /// <summary>A command bound to this context's connection and transaction.</summary>
    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

    /// <summary>
    /// An empty batch bound to this context: a projection that writes a statement per event adds them all, then sends them in one
    /// round trip with <see cref="ProjectionBatch.ExecuteAsync"/>.
    /// </summary>
    public ProjectionBatch Batch() => new(Connection, Transaction);
}

/// <summary>
/// Statements collected in order and sent as one <see cref="NpgsqlBatch"/>: the server runs them in that order in the context's
/// transaction, so the rows are those of one statement per round trip, for one round trip per batch of events.
/// </summary>
public sealed class ProjectionBatch
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly List<NpgsqlBatchCommand> _commands = [];

    internal ProjectionBatch(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    /// <summary>
    /// Adds a statement with positional parameters (<c>$1</c>, <c>$2</c>…). A null value is sent as SQL null; an
    /// <see cref="NpgsqlParameter"/> is sent as given (for a type Npgsql does not infer, such as jsonb).
    /// </summary>
    public ProjectionBatch Add(string sql, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        _commands.Add(command);
        return this;
    }

    /// <summary>Sends the statements added since the last call in one round trip; sends nothing when there are none.</summary>
    public async Task ExecuteAsync(CancellationToken ct)
    {
        if (_commands.Count == 0)
            return;
        await using var batch = new NpgsqlBatch(_connection, _transaction);
        foreach (var command in _commands)
            batch.BatchCommands.Add(command);
        _commands.Clear();
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}

/// <summary>What a subscription may use while handling a batch.</summary>
public sealed class SubscriptionContext
{
    private readonly DocumentStore _store;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    internal SubscriptionContext(DocumentStore store, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _store = store;
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>The store, for reads.</summary>
    public IDocumentStore Store => _store;

    /// <summary>A session whose <c>SaveChangesAsync</c> writes in the daemon's batch transaction.</summary>
    public IDocumentSession OpenSession(Actor actor) => new DocumentSession(_store, actor, _connection, _transaction);
}
