using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Inspections.Contracts;
using Npgsql;

namespace DoanPlatform.Inspections.ReadModels;

internal sealed record AdjustmentRow(Guid Id, Guid PlanId, Guid UnitId, int Year, string ConditionCode, decimal Value, string Reason, string Status, string? Note);

/// <summary>Adjustments proposed, approved or declined by the issuer, and applied (or refused) by Emulation, per unit and year or per plan.</summary>
internal sealed class AdjustmentLedgerProjection : IProjection
{
    public const string ProjectionName = "inspections.adjustments";
    public string Name => ProjectionName;
    public string Schema => InspectionsSchema.Name;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(AdjustmentProposed), typeof(AdjustmentApproved), typeof(AdjustmentDeclined), typeof(AdjustmentApplied),
        typeof(AdjustmentRefused)];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".adjustments (
            id uuid primary key, plan_id uuid not null, unit_id uuid not null, year int not null, condition_code text not null, value numeric not null,
            reason text not null, status text not null, note text);
        create index if not exists adjustments_unit on "{schema}".adjustments (unit_id, year);
        """;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var table = context.Table("adjustments");
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case AdjustmentProposed x:
                    await Sql.ExecuteAsync(context, $"insert into {table} values ($1, $2, $3, $4, $5, $6, $7, 'Proposed', null) on conflict (id) do nothing",
                        x.AdjustmentId, x.PlanId, x.UnitId, x.Year, x.ConditionCode, x.Value, x.Reason);
                    break;
                case AdjustmentApproved x:
                    await Sql.ExecuteAsync(context, $"update {table} set status = 'Approved' where id = $1 and status = 'Proposed'", x.AdjustmentId);
                    break;
                case AdjustmentDeclined x:
                    await Sql.ExecuteAsync(context, $"update {table} set status = 'Declined', note = $2 where id = $1 and status = 'Proposed'", x.AdjustmentId, x.Reason);
                    break;
                case AdjustmentApplied x:
                    await Sql.ExecuteAsync(context, $"update {table} set status = 'Applied', note = null where id = $1", x.AdjustmentId);
                    break;
                case AdjustmentRefused x:
                    await Sql.ExecuteAsync(context, $"update {table} set status = 'Refused', note = $2 where id = $1", x.AdjustmentId, x.Reason);
                    break;
            }
        }
    }

    public static async Task<IReadOnlyList<AdjustmentRow>> QueryAsync(NpgsqlDataSource db, Guid? unitId, int? year, Guid? planId, CancellationToken ct)
    {
        await using var command = Sql.Command(db, $"""
            select id, plan_id, unit_id, year, condition_code, value, reason, status, note from {InspectionsSchema.Name}.adjustments
            where ($1::uuid is null or unit_id = $1) and ($2::int is null or year = $2) and ($3::uuid is null or plan_id = $3) order by condition_code, id
            """, unitId, year, planId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<AdjustmentRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(new AdjustmentRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt32(3), reader.GetString(4), reader.GetDecimal(5),
                reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        return rows;
    }
}
