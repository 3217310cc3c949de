using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Units;
using Npgsql;

namespace DoanPlatform.Organisation.ReadModels;

internal sealed record HistoryEntry(
    long Sequence,
    DateOnly EffectiveDate,
    DateTimeOffset RecordedAt,
    string Kind,
    string Description,
    string DecisionNumber,
    DateOnly DecisionDate,
    string DecisionSigner,
    string DecisionText,
    string ActorId,
    string ActorName,
    string? Reason);

/// <summary>Each unit's history in plain Vietnamese: what, effective when, under which decision, recorded by whom and why.</summary>
internal sealed class UnitHistoryProjection : IProjection
{
    public const string ProjectionName = "organisation.unit_history";
    public string Name => ProjectionName;
    public string Schema => Db.Schema;
    public IReadOnlyCollection<Type> EventTypes { get; } = UnitEvents.All;

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".unit_history (
            unit_id uuid not null,
            seq bigint not null,
            effective_date date not null,
            recorded_at timestamptz not null,
            kind text not null,
            description text not null,
            decision_number text not null,
            decision_date date not null,
            decision_signer text not null,
            actor_id text not null,
            actor_name text not null,
            reason text,
            primary key (unit_id, seq));
        create table if not exists "{schema}".unit_history_names (unit_id uuid primary key, name text not null);
        """;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        // One read of the names the batch mentions, descriptions built in memory, one COPY of the rows, one upsert of new names.
        var names = await LoadNamesAsync(context, events.SelectMany(e => Mentioned(e.Data)).Distinct().ToArray(), ct).ConfigureAwait(false);
        var changed = new Dictionary<Guid, string>();
        var rows = new List<(IEvent Event, Guid UnitId, DateOnly Effective, Decision Decision, string Kind, string Description)>();
        foreach (var e in events)
        {
            var (unitId, effective, decision) = e.Data switch
            {
                UnitEstablished x => (x.UnitId, x.EffectiveDate, x.Decision),
                UnitRenamed x => (x.UnitId, x.EffectiveDate, x.Decision),
                UnitMoved x => (x.UnitId, x.EffectiveDate, x.Decision),
                UnitReclassified x => (x.UnitId, x.EffectiveDate, x.Decision),
                UnitSplit x => (x.UnitId, x.EffectiveDate, x.Decision),
                UnitMerged x => (x.UnitId, x.EffectiveDate, x.Decision),
                UnitsAbsorbed x => (x.UnitId, x.EffectiveDate, x.Decision),
                UnitDissolved x => (x.UnitId, x.EffectiveDate, x.Decision),
                _ => (Guid.Empty, default, null!),
            };
            if (unitId == Guid.Empty)
                continue;
            var (kind, description) = Describe(e.Data, names);
            if (e.Data is UnitEstablished { Name: var established })
                names[unitId] = changed[unitId] = established;
            if (e.Data is UnitRenamed { Name: var renamed })
                names[unitId] = changed[unitId] = renamed;
            rows.Add((e, unitId, effective, decision, kind, description));
        }

        await using (var writer = await context.Connection.BeginBinaryImportAsync($"""
                         copy {context.Table("unit_history")} (unit_id, seq, effective_date, recorded_at, kind, description,
                             decision_number, decision_date, decision_signer, actor_id, actor_name, reason) from stdin (format binary)
                         """, ct).ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync(ct).ConfigureAwait(false);
                await writer.WriteAsync(row.UnitId, NpgsqlTypes.NpgsqlDbType.Uuid, ct).ConfigureAwait(false);
                await writer.WriteAsync(row.Event.Sequence, NpgsqlTypes.NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await writer.WriteAsync(row.Effective, NpgsqlTypes.NpgsqlDbType.Date, ct).ConfigureAwait(false);
                await writer.WriteAsync(row.Event.Timestamp, NpgsqlTypes.NpgsqlDbType.TimestampTz, ct).ConfigureAwait(false);
                await writer.WriteAsync(row.Kind, NpgsqlTypes.NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync(row.Description, NpgsqlTypes.NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync(row.Decision.NumberSymbol, NpgsqlTypes.NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync(row.Decision.Date, NpgsqlTypes.NpgsqlDbType.Date, ct).ConfigureAwait(false);
                await writer.WriteAsync(row.Decision.Signer, NpgsqlTypes.NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync(row.Event.Metadata.ActorId, NpgsqlTypes.NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync(row.Event.Metadata.ActorName, NpgsqlTypes.NpgsqlDbType.Text, ct).ConfigureAwait(false);
                if (row.Event.Metadata.Reason is { } reason)
                    await writer.WriteAsync(reason, NpgsqlTypes.NpgsqlDbType.Text, ct).ConfigureAwait(false);
                else
                    await writer.WriteNullAsync(ct).ConfigureAwait(false);
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }

        if (changed.Count == 0)
            return;
        await using var upsert = context.Command($"""
            insert into {context.Table("unit_history_names")} (unit_id, name) select * from unnest(@ids, @names)
            on conflict (unit_id) do update set name = excluded.name
            """);
        upsert.Parameters.Add(new NpgsqlParameter("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { Value = changed.Keys.ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter("names", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = changed.Values.ToArray() });
        await upsert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static IEnumerable<Guid> Mentioned(object data) => data switch
    {
        UnitEstablished x => [x.UnitId, .. x.ParentId is { } p ? [p] : Array.Empty<Guid>(), .. x.PredecessorIds],
        UnitRenamed x => [x.UnitId],
        UnitMoved x => [x.UnitId, x.ToParentId, .. x.FromParentId is { } f ? [f] : Array.Empty<Guid>()],
        UnitSplit x => [x.UnitId, .. x.SuccessorIds],
        UnitMerged x => [x.UnitId, x.IntoUnitId],
        UnitsAbsorbed x => [x.UnitId, .. x.MergedUnitIds],
        _ => [],
    };

    private static (string Kind, string Description) Describe(object data, Dictionary<Guid, string> names)
    {
        // Successors of a split are named before their own UnitEstablished is read: fall back to the id.
        string Name(Guid id) => names.TryGetValue(id, out var n) ? n : $"đơn vị {id}";
        string Names(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(Name));
        return data switch
        {
            UnitEstablished x => ("established",
                $"Thành lập {x.Name} (mã {x.Code}, {Vietnamese.Level(x.Level)}, {Vietnamese.Sector(x.Sector)})" +
                (x.ParentId is { } p ? $", trực thuộc {Name(p)}" : "") +
                (x.PredecessorIds.Count > 0 ? $", chia tách từ {Names(x.PredecessorIds)}" : "") + "."),
            UnitRenamed x => ("renamed", $"Đổi tên từ “{Name(x.UnitId)}” thành “{x.Name}” (tên viết tắt: {x.ShortName})."),
            UnitMoved x => ("moved",
                $"Chuyển từ trực thuộc {(x.FromParentId is { } f ? Name(f) : "(không có đơn vị cấp trên)")} sang trực thuộc {Name(x.ToParentId)}."),
            UnitReclassified x => ("reclassified", $"Điều chỉnh phân loại: {Vietnamese.Level(x.Level)}, {Vietnamese.Sector(x.Sector)}."),
            UnitSplit x => ("split", $"Chia tách thành: {Names(x.SuccessorIds)}."),
            UnitMerged x => ("merged", $"Hợp nhất vào {Name(x.IntoUnitId)}."),
            UnitsAbsorbed x => ("absorbed", $"Tiếp nhận hợp nhất: {Names(x.MergedUnitIds)}."),
            UnitDissolved => ("dissolved", "Giải thể."),
            _ => ("other", ""),
        };
    }

    private static async Task<Dictionary<Guid, string>> LoadNamesAsync(ProjectionContext context, Guid[] ids, CancellationToken ct)
    {
        await using var command = context.Command($"select unit_id, name from {context.Table("unit_history_names")} where unit_id = any(@ids)");
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { Value = ids });
        return (await command.ListAsync(r => (Id: r.GetGuid(0), Name: r.GetString(1)), ct).ConfigureAwait(false)).ToDictionary(r => r.Id, r => r.Name);
    }
}

internal static class UnitHistory
{
    public static async Task<IReadOnlyList<HistoryEntry>> ForUnitAsync(NpgsqlDataSource db, Guid unitId, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            select seq, effective_date, recorded_at, kind, description, decision_number, decision_date, decision_signer, actor_id, actor_name, reason
            from "{Db.Schema}".unit_history where unit_id = @id order by effective_date, seq
            """).Id("id", unitId);
        return await command.ListAsync(r =>
        {
            var number = r.GetString(5);
            var date = r.GetFieldValue<DateOnly>(6);
            var signer = r.GetString(7);
            return new HistoryEntry(r.GetInt64(0), r.GetFieldValue<DateOnly>(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.GetString(4),
                number, date, signer, $"Quyết định số {number} ngày {Vietnamese.Date(date)}, người ký: {signer}",
                r.GetString(8), r.GetString(9), r.NullableString(10));
        }, ct).ConfigureAwait(false);
    }
}
