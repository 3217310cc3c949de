using DoanPlatform.Inspections.Contracts;
using System.Text.Json;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using Npgsql;

namespace DoanPlatform.Inspections.ReadModels;

internal sealed record UnitFinding(Guid PlanId, Guid UnitId, int Year, DateOnly HeldOn, string Topic, string Verdict, string? Comment, string? Explanation,
    IReadOnlyList<string> Strengths, IReadOnlyList<string> Shortcomings);

/// <summary>Inspection results per unit and year: one row per unit, inspection and topic reviewed.</summary>
internal sealed class UnitFindingsProjection : IProjection
{
    public const string ProjectionName = "inspections.unit_findings";
    public string Name => ProjectionName;
    public string Schema => InspectionsSchema.Name;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(TopicReviewed)];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".unit_findings (
            plan_id uuid not null, inspection_id uuid not null, unit_id uuid not null, year int not null, held_on date not null, topic text not null,
            verdict text not null, comment text, explanation text, strengths jsonb not null, shortcomings jsonb not null,
            primary key (plan_id, inspection_id, unit_id, topic));
        create index if not exists unit_findings_unit on "{schema}".unit_findings (unit_id, year);
        """;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
            if (e.Data is TopicReviewed x)
                await Sql.ExecuteAsync(context, $"""
                    insert into {context.Table("unit_findings")} values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                    on conflict (plan_id, inspection_id, unit_id, topic) do update set verdict = excluded.verdict, comment = excluded.comment,
                        explanation = excluded.explanation, strengths = excluded.strengths, shortcomings = excluded.shortcomings
                    """, x.PlanId, x.InspectionId, x.UnitId, x.Year, x.HeldOn, x.Topic, x.Verdict.ToString(), x.Comment, x.Explanation,
                    x.Strengths.ToArray(), x.Shortcomings.ToArray());
    }

    public static async Task<IReadOnlyList<UnitFinding>> ForUnitAsync(NpgsqlDataSource db, Guid unitId, int year, CancellationToken ct)
    {
        await using var command = Sql.Command(db, $"""
            select plan_id, unit_id, year, held_on, topic, verdict, comment, explanation, strengths::text, shortcomings::text
            from {InspectionsSchema.Name}.unit_findings where unit_id = $1 and year = $2 order by held_on, topic
            """, unitId, year);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<UnitFinding>();
        while (await reader.ReadAsync(ct))
            rows.Add(new UnitFinding(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetFieldValue<DateOnly>(3), reader.GetString(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(8))!, JsonSerializer.Deserialize<List<string>>(reader.GetString(9))!));
        return rows;
    }
}
