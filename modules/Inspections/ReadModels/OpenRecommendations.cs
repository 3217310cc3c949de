using DoanPlatform.Inspections.Contracts;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using Npgsql;

namespace DoanPlatform.Inspections.ReadModels;

internal sealed record RecommendationRow(Guid Id, Guid PlanId, Guid UnitId, int Year, string Text, DateOnly Deadline, bool Open, bool Overdue,
    DateOnly? ReportedOn, string? LastReport);

/// <summary>Recommendations and their follow-up: open ones (overdue when past the deadline) per unit, or per plan.</summary>
internal sealed class RecommendationsProjection : IProjection
{
    public const string ProjectionName = "inspections.recommendations";
    public string Name => ProjectionName;
    public string Schema => InspectionsSchema.Name;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(RecommendationMade), typeof(RecommendationReported)];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".recommendations (
            id uuid primary key, plan_id uuid not null, unit_id uuid not null, year int not null, text text not null, deadline date not null,
            open boolean not null, reported_on date, last_report text);
        create index if not exists recommendations_unit on "{schema}".recommendations (unit_id, open);
        create index if not exists recommendations_plan on "{schema}".recommendations (plan_id);
        """;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var table = context.Table("recommendations");
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case RecommendationMade x:
                    await Sql.ExecuteAsync(context, $"insert into {table} values ($1, $2, $3, $4, $5, $6, true, null, null) on conflict (id) do nothing",
                        x.RecommendationId, x.PlanId, x.UnitId, x.Year, x.Text, x.Deadline);
                    break;
                case RecommendationReported x:
                    await Sql.ExecuteAsync(context, $"update {table} set open = not $2, reported_on = $3, last_report = $4 where id = $1",
                        x.RecommendationId, x.Completed, x.ReportedOn, x.Report);
                    break;
            }
        }
    }

    /// <summary>Recommendations of a unit (or of a plan), oldest deadline first; overdue is judged against <paramref name="today"/>.</summary>
    public static async Task<IReadOnlyList<RecommendationRow>> QueryAsync(NpgsqlDataSource db, Guid? unitId, Guid? planId, bool openOnly, DateOnly today,
        CancellationToken ct)
    {
        await using var command = Sql.Command(db, $"""
            select id, plan_id, unit_id, year, text, deadline, open, reported_on, last_report from {InspectionsSchema.Name}.recommendations
            where ($1::uuid is null or unit_id = $1) and ($2::uuid is null or plan_id = $2) and (not $3 or open) order by deadline, text
            """, unitId, planId, openOnly);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<RecommendationRow>();
        while (await reader.ReadAsync(ct))
        {
            var deadline = reader.GetFieldValue<DateOnly>(5);
            var open = reader.GetBoolean(6);
            rows.Add(new RecommendationRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt32(3), reader.GetString(4), deadline, open,
                open && deadline < today, reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        return rows;
    }
}
