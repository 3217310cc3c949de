using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Inspections.Contracts;
using Npgsql;

namespace DoanPlatform.Inspections.ReadModels;

/// <summary>One plan in its issuer's list. Status: <c>Planned</c>, <c>Inspected</c> (an inspection was recorded) or <c>Concluded</c>.</summary>
internal sealed record PlanListRow(Guid Id, string NumberSymbol, string Topics, int Year, DateOnly IssuedOn, DateOnly From, DateOnly To, int UnitCount,
    DateOnly? LastInspectedOn, int PendingAdjustments, string Status, string? ConclusionNumberSymbol, DateOnly? ConclusionIssuedOn);

/// <summary>
/// The plans an issuing unit made in a year, one row per plan. Every update is idempotent (latest date, a set of pending adjustment ids), so a
/// replay gives the same rows whatever the batches.
/// </summary>
internal sealed class PlanListProjection : IProjection
{
    public const string ProjectionName = "inspections.plans";
    public string Name => ProjectionName;
    public string Schema => InspectionsSchema.Name;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(PlanIssued), typeof(InspectionHeld), typeof(AdjustmentProposed), typeof(AdjustmentApproved),
        typeof(AdjustmentDeclined), typeof(ConclusionIssued)];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".plans (
            id uuid primary key, issuing_unit_id uuid not null, year int not null, number_symbol text not null, topics text not null, issued_on date not null,
            starts_on date not null, ends_on date not null, unit_count int not null, last_inspected_on date, pending_adjustments uuid[] not null,
            conclusion_number_symbol text, conclusion_issued_on date);
        create index if not exists plans_issuer on "{schema}".plans (issuing_unit_id, year);
        """;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var table = context.Table("plans");
        var batch = context.Batch();
        void Settle(Guid plan, Guid adjustment) =>
            batch.Add($"update {table} set pending_adjustments = array_remove(pending_adjustments, $2) where id = $1", plan, adjustment);
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case PlanIssued x:
                    batch.Add($"""
                        insert into {table} values ($1, $2, $3, $4, $5, $6, $7, $8, $9, null, array[]::uuid[], null, null) on conflict (id) do nothing
                        """, x.PlanId, x.IssuingUnitId, x.Year, x.NumberSymbol, string.Join("; ", x.Topics.Select(t => t.Title)), x.IssuedOn, x.From, x.To,
                        x.UnitIds.Count);
                    break;
                case InspectionHeld x:
                    batch.Add($"update {table} set last_inspected_on = greatest(last_inspected_on, $2) where id = $1", x.PlanId, x.HeldOn);
                    break;
                case AdjustmentProposed x:
                    batch.Add($"""
                        update {table} set pending_adjustments = array_append(pending_adjustments, $2) where id = $1 and not ($2 = any (pending_adjustments))
                        """, x.PlanId, x.AdjustmentId);
                    break;
                case AdjustmentApproved x:
                    Settle(x.PlanId, x.AdjustmentId);
                    break;
                case AdjustmentDeclined x:
                    Settle(x.PlanId, x.AdjustmentId);
                    break;
                case ConclusionIssued x:
                    batch.Add($"update {table} set conclusion_number_symbol = $2, conclusion_issued_on = $3 where id = $1", x.PlanId, x.NumberSymbol, x.IssuedOn);
                    break;
            }
        }
        await batch.ExecuteAsync(ct);
    }

    /// <summary>The plans <paramref name="issuingUnitId"/> made for <paramref name="year"/>, latest first.</summary>
    public static async Task<IReadOnlyList<PlanListRow>> ForIssuerAsync(NpgsqlDataSource db, Guid issuingUnitId, int year, CancellationToken ct)
    {
        await using var command = Sql.Command(db, $"""
            select id, number_symbol, topics, year, issued_on, starts_on, ends_on, unit_count, last_inspected_on, cardinality(pending_adjustments),
                conclusion_number_symbol, conclusion_issued_on
            from {InspectionsSchema.Name}.plans where issuing_unit_id = $1 and year = $2 order by issued_on desc, number_symbol, id
            """, issuingUnitId, year);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<PlanListRow>();
        while (await reader.ReadAsync(ct))
        {
            DateOnly? inspected = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8);
            var conclusion = reader.IsDBNull(10) ? null : reader.GetString(10);
            rows.Add(new PlanListRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetFieldValue<DateOnly>(4),
                reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<DateOnly>(6), reader.GetInt32(7), inspected, reader.GetInt32(9),
                conclusion is not null ? "Concluded" : inspected is not null ? "Inspected" : "Planned", conclusion,
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateOnly>(11)));
        }
        return rows;
    }
}
