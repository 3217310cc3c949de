using System.Data;
using DoanPlatform.EventStore.Daemon;
using DoanPlatform.EventStore.Projections;
using Npgsql;

namespace DoanPlatform.EventStore;

/// <summary>What <see cref="AdvancedOperations.VerifyProjectionAsync"/> found: a projection's live tables against a replay of every event.</summary>
/// <param name="Projection">The projection's name.</param>
/// <param name="Tables">One entry per table the projection owns, by table name.</param>
public sealed record ProjectionVerification(string Projection, IReadOnlyList<TableVerification> Tables)
{
    /// <summary>True when every table holds exactly the rows the replay produced.</summary>
    public bool IsIdentical => Tables.All(t => t.IsIdentical);

    /// <summary>Rows in the live tables.</summary>
    public long LiveRows => Tables.Sum(t => t.LiveRows);

    /// <summary>Rows found on one side only, over every table.</summary>
    public long DifferingRows => Tables.Sum(t => t.DifferingRows);
}

/// <summary>One table's comparison. Rows are compared whole (every column); a changed row counts once on each side.</summary>
/// <param name="Table">The live table, schema-qualified (<c>doan_emulation.unit_results</c>).</param>
/// <param name="LiveRows">Rows in the live table.</param>
/// <param name="RebuiltRows">Rows the replay produced.</param>
/// <param name="OnlyInLive">Rows in the live table that the replay did not produce.</param>
/// <param name="OnlyInRebuilt">Rows the replay produced that the live table lacks.</param>
/// <param name="LiveTableMissing">True when the live table does not exist at all.</param>
/// <param name="Sample">Some of the differing rows (at most the number asked for), ordered by primary key.</param>
public sealed record TableVerification(string Table, long LiveRows, long RebuiltRows, long OnlyInLive, long OnlyInRebuilt, bool LiveTableMissing,
    IReadOnlyList<RowDifference> Sample)
{
    /// <summary>True when both sides hold the same rows (as a multiset).</summary>
    public bool IsIdentical => OnlyInLive == 0 && OnlyInRebuilt == 0 && !LiveTableMissing;

    /// <summary>Rows found on one side only.</summary>
    public long DifferingRows => OnlyInLive + OnlyInRebuilt;
}

/// <summary>Which side a differing row was found on.</summary>
public enum RowDifferenceKind
{
    /// <summary>In the live table, not produced by the replay (changed or added behind the projection's back).</summary>
    OnlyInLive,

    /// <summary>Produced by the replay, missing from the live table (changed or deleted behind its back).</summary>
    OnlyInRebuilt,
}

/// <summary>A differing row.</summary>
/// <param name="Kind">The side it was found on.</param>
/// <param name="Row">The whole row as JSON text, columns by name (PostgreSQL's <c>to_jsonb</c>).</param>
public sealed record RowDifference(RowDifferenceKind Kind, string Row);

public sealed partial class AdvancedOperations
{
    // With hashtext(shadow schema) as second key: one verification per projection at a time, since they share the shadow's name.
    private const int VerifyLockClass = 4242003;

    /// <summary>
    /// Replays every event into fresh tables in a shadow schema and compares them with the live tables row by row, at a consistent
    /// point: for an async projection exactly up to its checkpoint, holding its progress row (its daemon waits meanwhile); for an
    /// inline one up to the last event, holding the lock that inline appends share (those appends wait). The comparison runs in
    /// PostgreSQL, so only a sample of the differences is read. The shadow schema is dropped afterwards, also on failure or cancellation.
    /// </summary>
    /// <param name="name">The projection (one of <see cref="ProjectionNames"/>).</param>
    /// <param name="maxDifferencesShown">How many differing rows to return per table; all of them are counted.</param>
    /// <param name="ct">Cancels the verification.</param>
    /// <exception cref="ArgumentException">No projection has that name.</exception>
    public async Task<ProjectionVerification> VerifyProjectionAsync(string name, int maxDifferencesShown = 20, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDifferencesShown);
        var projection = _store.Options.Projections.All.FirstOrDefault(p => p.Name == name)
                         ?? throw new ArgumentException($"No projection is named '{name}'. Known: {string.Join(", ", ProjectionNames)}.", nameof(name));
        var inline = _store.Options.Projections.LifecycleOf(projection) == ProjectionLifecycle.Inline;
        var shard = Shard.For(projection);
        var shadow = ShadowSchema(name, "doan_verify_");

        var connection = await _store.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var locked = false;
        try
        {
            await ExecuteAsync(connection, null, "select pg_advisory_lock($1, hashtext($2))", ct, VerifyLockClass, shadow).ConfigureAwait(false);
            locked = true;
            await using (var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
            {
                await CreateShadowAsync(connection, tx, projection, shadow, ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
            }

            // Most of the replay runs without locks. An async projection's checkpoint only moves forward, so replaying no further
            // than where it stands now leaves the shadow behind (or at) the live tables, to be caught up to them under the lock.
            var ceiling = inline ? (Checkpoint?)null : await ReadCheckpointAsync(connection, name, ct).ConfigureAwait(false);
            var checkpoint = Checkpoint.Start;
            while (true)
            {
                await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                var (next, scanned) = await ApplyBatchAsync(connection, tx, shard, shadow, checkpoint, bounded: true, ct, ceiling).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                checkpoint = next;
                if (scanned == 0)
                    break;
            }

            await using (var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
            {
                Checkpoint? target = null;
                if (inline)
                {
                    await ExecuteAsync(connection, tx, $"select pg_advisory_xact_lock({DocumentStore.InlineRebuildLock})", ct).ConfigureAwait(false);
                }
                else
                {
                    target = await LockCheckpointAsync(connection, tx, name, ct).ConfigureAwait(false);
                    if (target.Value.IsBefore(checkpoint))
                    {
                        // The checkpoint went back (a progress row reset by hand): the shadow is ahead; replay again from zero, under the lock.
                        await CreateShadowAsync(connection, tx, projection, shadow, ct).ConfigureAwait(false);
                        checkpoint = Checkpoint.Start;
                    }
                }
                while (true)
                {
                    var (next, scanned) = await ApplyBatchAsync(connection, tx, shard, shadow, checkpoint, bounded: !inline, ct, target).ConfigureAwait(false);
                    checkpoint = next;
                    if (scanned == 0)
                        break;
                }
                var tables = await CompareAsync(connection, tx, projection.Schema, shadow, maxDifferencesShown, ct).ConfigureAwait(false);
                // Nothing to keep: rolling back releases the lock at once, and the shadow is dropped below.
                await tx.RollbackAsync(ct).ConfigureAwait(false);
                return new ProjectionVerification(name, tables);
            }
        }
        finally
        {
            await DropVerificationAsync(connection, shadow, locked).ConfigureAwait(false);
        }
    }

    private static async Task CreateShadowAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IProjection projection, string shadow, CancellationToken ct)
    {
        await ExecuteAsync(connection, tx, $"drop schema if exists {Quote(shadow)} cascade; create schema {Quote(shadow)}", ct).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, projection.CreateTablesSql(shadow), ct).ConfigureAwait(false);
    }

    private static async Task<Checkpoint> ReadCheckpointAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select last_tx, last_seq from doan_events.progress where name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? new Checkpoint(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) : Checkpoint.Start;
    }

    /// <summary>Compares every table of the shadow schema with its namesake in the live schema, inside the locked transaction.</summary>
    private static async Task<IReadOnlyList<TableVerification>> CompareAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string live, string shadow,
        int maxShown, CancellationToken ct)
    {
        var tables = new List<(string Name, string[] Key, bool LiveExists)>();
        await using (var command = new NpgsqlCommand("""
                         select c.relname::text,
                                coalesce((select array_agg(a.attname::text order by k.ord)
                                          from pg_index i cross join unnest(i.indkey::int2[]) with ordinality as k(attnum, ord)
                                          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                                          where i.indrelid = c.oid and i.indisprimary), '{}'),
                                to_regclass(format('%I.%I', $2::text, c.relname)) is not null
                         from pg_class c join pg_namespace n on n.oid = c.relnamespace
                         where n.nspname = $1 and c.relkind in ('r', 'p')
                         order by c.relname
                         """, connection, tx))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = shadow });
            command.Parameters.Add(new NpgsqlParameter { Value = live });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                tables.Add((reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetBoolean(2)));
        }

        var result = new List<TableVerification>();
        foreach (var (table, key, liveExists) in tables)
        {
            var liveTable = $"{Quote(live)}.{Quote(table)}";
            var rebuiltTable = $"{Quote(shadow)}.{Quote(table)}";
            var liveRows = liveExists ? $"select true as live, to_jsonb(t) as r from {liveTable} t" : "select true as live, null::jsonb as r where false";
            var liveCount = liveExists ? $"(select count(*) from {liveTable})" : "0::bigint";
            // By primary key, so that a changed row's two sides come out together, the live one first.
            var order = key.Length == 0
                ? "r::text collate \"C\", n desc"
                : string.Concat(key.Select(k => $"r -> '{k.Replace("'", "''", StringComparison.Ordinal)}', ")) + "n desc, r::text collate \"C\"";
            // One pass over both tables: every distinct row with how many times each side holds it; only the rows whose counts
            // differ are kept. Rows compared as jsonb are compared column by column by name, whatever the column order.
            await using var command = new NpgsqlCommand($"""
                with d as materialized (
                    select r, count(*) filter (where live) - count(*) filter (where not live) as n
                    from ({liveRows} union all select false, to_jsonb(t) from {rebuiltTable} t) u
                    group by r
                    having count(*) filter (where live) <> count(*) filter (where not live))
                select {liveCount}, (select count(*) from {rebuiltTable}),
                       (select coalesce(sum(n), 0)::bigint from d where n > 0), (select coalesce(sum(-n), 0)::bigint from d where n < 0),
                       array(select case when n > 0 then 'L' else 'R' end || r::text from d order by {order} limit $1)
                """, connection, tx);
            command.CommandTimeout = 0;
            command.Parameters.Add(new NpgsqlParameter { Value = maxShown });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            var sample = reader.GetFieldValue<string[]>(4)
                .Select(s => new RowDifference(s[0] == 'L' ? RowDifferenceKind.OnlyInLive : RowDifferenceKind.OnlyInRebuilt, s[1..]))
                .ToList();
            result.Add(new TableVerification($"{live}.{table}", reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                !liveExists, sample));
        }
        return result;
    }

    private async Task DropVerificationAsync(NpgsqlConnection connection, string shadow, bool locked)
    {
        if (!locked)
        {
            // Never got the lock (cancelled while another verification of this projection ran): the shadow is that one's.
            await connection.DisposeAsync().ConfigureAwait(false);
            return;
        }
        var drop = $"drop schema if exists {Quote(shadow)} cascade";
        try
        {
            if (connection.State == ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, drop, CancellationToken.None).ConfigureAwait(false);
                await ExecuteAsync(connection, null, "select pg_advisory_unlock($1, hashtext($2))", CancellationToken.None, VerifyLockClass, shadow)
                    .ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
                return;
            }
        }
        catch (NpgsqlException)
        {
            // Fall through: drop from a fresh connection.
        }
        catch (InvalidOperationException)
        {
            // The connection is in no state to be used (broken mid-command): the same.
        }

        // This connection may still hold the session lock: it must not go back to the pool.
        NpgsqlConnection.ClearPool(connection);
        await connection.DisposeAsync().ConfigureAwait(false);
        try
        {
            // Under the lock again, unless another verification has taken it meanwhile (it recreates the shadow anyway).
            await using var fresh = await _store.DataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            await using var tryLock = new NpgsqlCommand("select pg_try_advisory_lock($1, hashtext($2))", fresh)
            {
                Parameters = { new() { Value = VerifyLockClass }, new() { Value = shadow } },
            };
            if (await tryLock.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false) is true)
            {
                await ExecuteAsync(fresh, null, drop, CancellationToken.None).ConfigureAwait(false);
                await ExecuteAsync(fresh, null, "select pg_advisory_unlock($1, hashtext($2))", CancellationToken.None, VerifyLockClass, shadow)
                    .ConfigureAwait(false);
            }
        }
        catch (NpgsqlException)
        {
            // The database is out of reach: the next verification of this projection drops the schema before it starts.
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
