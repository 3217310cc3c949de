using System.Text.Json;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace DoanPlatform.Reporting.ReadModels;

/// <summary>A stored line of a unit's history; unit names in <see cref="Text"/> are still placeholders.</summary>
internal sealed record TimelineRow(
    long Sequence, DateOnly Day, DateOnly? EffectiveDate, DateTimeOffset RecordedAt, string ActorId, string Actor, string? Decision, string? Reason,
    string EventType, string Text);

/// <summary>
/// Every event of every module, narrated by its module (<see cref="IEventNarrator"/>) and stored once per unit it concerns:
/// the auditor's replay. Narrators may remember facts per stream (a sheet's unit, a meeting's title) for later events of the
/// same stream; that memory is a table here, so the projection never queries another module and rebuilds to the same rows.
/// </summary>
internal sealed class UnitTimelineProjection(IReadOnlyList<IEventNarrator> narrators) : IProjection
{
    public const string ProjectionName = "reporting.unit_timeline";
    public const string SchemaName = "doan_reporting";

    /// <summary>The recorded date of an event without an effective date is Vietnam's.</summary>
    public static readonly TimeSpan Vietnam = Contracts.AsOfTime.Vietnam;

    private static readonly IReadOnlyDictionary<string, string> Nothing = new Dictionary<string, string>();

    public string Name => ProjectionName;
    public string Schema => SchemaName;
    public IReadOnlyCollection<Type> EventTypes { get; } = [];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".unit_timeline (
            unit_id uuid not null, seq bigint not null, day date not null, effective_date date, recorded_at timestamptz not null,
            actor_id text not null, actor_name text not null, decision text, reason text, event_type text not null, text text not null,
            primary key (unit_id, seq));
        create index if not exists unit_timeline_day on "{schema}".unit_timeline (unit_id, day, seq);
        create table if not exists "{schema}".unit_timeline_memory (stream_id uuid primary key, facts jsonb not null);
        """;

    // One read of the batch's streams' memory, narration in memory, one COPY of the rows, one upsert of the changed memory.
    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var memory = await LoadMemoryAsync(context, [.. events.Select(e => e.StreamId).Distinct()], ct).ConfigureAwait(false);
        var changed = new HashSet<Guid>();
        var rows = new List<(Guid Unit, IEvent Event, Narration Narration)>();
        foreach (var e in events)
        {
            var facts = memory.GetValueOrDefault(e.StreamId);
            var narration = narrators.Select(n => n.Narrate(e, facts ?? Nothing)).FirstOrDefault(n => n is not null);
            if (narration is null)
                continue;
            if (narration.Remember is { Count: > 0 } remember)
            {
                facts ??= memory[e.StreamId] = [];
                foreach (var (key, value) in remember)
                    facts[key] = value;
                changed.Add(e.StreamId);
            }
            foreach (var unit in narration.UnitIds.Where(u => u != Guid.Empty).Distinct())
                rows.Add((unit, e, narration));
        }

        await using (var writer = await context.Connection.BeginBinaryImportAsync($"""
                         copy {context.Table("unit_timeline")} (unit_id, seq, day, effective_date, recorded_at, actor_id, actor_name, decision, reason,
                             event_type, text) from stdin (format binary)
                         """, ct).ConfigureAwait(false))
        {
            foreach (var (unit, e, narration) in rows)
            {
                await writer.StartRowAsync(ct).ConfigureAwait(false);
                await writer.WriteAsync(unit, NpgsqlDbType.Uuid, ct).ConfigureAwait(false);
                await writer.WriteAsync(e.Sequence, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await writer.WriteAsync(narration.EffectiveDate ?? DateOnly.FromDateTime(e.Timestamp.ToOffset(Vietnam).DateTime), NpgsqlDbType.Date, ct)
                    .ConfigureAwait(false);
                await WriteNullableAsync(writer, narration.EffectiveDate, NpgsqlDbType.Date, ct).ConfigureAwait(false);
                await writer.WriteAsync(e.Timestamp, NpgsqlDbType.TimestampTz, ct).ConfigureAwait(false);
                await writer.WriteAsync(e.Metadata.ActorId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync(e.Metadata.ActorName, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await WriteNullableAsync(writer, e.Metadata.Decision ?? narration.Decision, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await WriteNullableAsync(writer, e.Metadata.Reason, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync(e.EventTypeName, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync(narration.Text, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }

        if (changed.Count == 0)
            return;
        await using var upsert = context.Command($"""
            insert into {context.Table("unit_timeline_memory")} (stream_id, facts) select * from unnest($1::uuid[], $2::jsonb[])
            on conflict (stream_id) do update set facts = excluded.facts
            """);
        upsert.Parameters.Add(new NpgsqlParameter { Value = changed.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        upsert.Parameters.Add(new NpgsqlParameter
        {
            Value = changed.Select(id => JsonSerializer.Serialize(memory[id])).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        await upsert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<Dictionary<Guid, Dictionary<string, string>>> LoadMemoryAsync(ProjectionContext context, Guid[] streams, CancellationToken ct)
    {
        await using var command = context.Command($"select stream_id, facts::text from {context.Table("unit_timeline_memory")} where stream_id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = streams, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        var memory = new Dictionary<Guid, Dictionary<string, string>>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            memory[reader.GetGuid(0)] = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(1)) ?? [];
        return memory;
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);
}

internal static class UnitTimeline
{
    /// <summary>A unit's lines, for one year (of the effective date, else the recorded date) or all, ordered by that date then sequence.</summary>
    public static async Task<IReadOnlyList<TimelineRow>> ForUnitAsync(NpgsqlDataSource db, Guid unitId, int? year, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            select seq, day, effective_date, recorded_at, actor_id, actor_name, decision, reason, event_type, text
            from "{UnitTimelineProjection.SchemaName}".unit_timeline
            where unit_id = $1 and ($2::int is null or (day >= make_date($2, 1, 1) and day < make_date($2 + 1, 1, 1)))
            order by day, seq
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = unitId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)year ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        var rows = new List<TimelineRow>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(new TimelineRow(reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8), reader.GetString(9)));
        }
        return rows;
    }
}
