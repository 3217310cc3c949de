using System.Runtime.CompilerServices;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Inspections.Contracts;
using Npgsql;

namespace DoanPlatform.Reporting.ReadModels;

/// <summary>A unit's inspection results of a year: topics reviewed by verdict, and recommendations not yet reported done.</summary>
internal sealed record InspectionCount(int Accepted, int PartlyAccepted, int Rejected, int Recommendations, int OpenRecommendations);

/// <summary>One topic reviewed at one unit.</summary>
internal sealed record FindingLine(int UnitIndex, string PlanNumber, DateOnly HeldOn, string Topic, EvidenceVerdict Verdict, string? Comment,
    string? Explanation, IReadOnlyList<string> Strengths, IReadOnlyList<string> Shortcomings);

/// <summary>One recommendation to one unit and its follow-up.</summary>
internal sealed record RecommendationLine(int UnitIndex, string PlanNumber, string Text, DateOnly Deadline, bool Completed, DateOnly? ReportedOn,
    string? LastReport);

/// <summary>Inspection plans, the topics reviewed at each unit and the recommendations made to it, from Inspections' contract events.</summary>
internal sealed class InspectionResultsProjection : IProjection
{
    public const string ProjectionName = "reporting.inspection_results";
    public string Name => ProjectionName;
    public string Schema => ReviewSql.Schema;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(PlanIssued), typeof(TopicReviewed), typeof(RecommendationMade), typeof(RecommendationReported)];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".review_plans (plan_id uuid primary key, issuing_unit_id uuid not null, number_symbol text not null, year int not null);
        create table if not exists "{schema}".review_findings (
            plan_id uuid not null, inspection_id uuid not null, unit_id uuid not null, topic text not null, year int not null, held_on date not null,
            verdict text not null, comment text, explanation text, strengths text[] not null, shortcomings text[] not null,
            primary key (plan_id, inspection_id, unit_id, topic));
        create index if not exists review_findings_unit on "{schema}".review_findings (unit_id, year);
        create table if not exists "{schema}".review_recommendations (
            recommendation_id uuid primary key, plan_id uuid not null, unit_id uuid not null, year int not null, text text not null, deadline date not null,
            completed boolean not null, reported_on date, last_report text);
        create index if not exists review_recommendations_unit on "{schema}".review_recommendations (unit_id, year);
        """;

    // Inspections are few (a plan, tens of units): one statement per event is clear and fast enough.
    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case PlanIssued x:
                    await ReviewSql.ExecuteAsync(context, $"insert into {context.Table("review_plans")} values ($1, $2, $3, $4) on conflict do nothing", ct,
                        x.PlanId, x.IssuingUnitId, x.NumberSymbol, x.Year);
                    break;
                case TopicReviewed x:
                    await ReviewSql.ExecuteAsync(context, $"""
                        insert into {context.Table("review_findings")} values ($1, $2, $3, $4, $5, $6, $7, $8::text, $9::text, $10, $11)
                        on conflict (plan_id, inspection_id, unit_id, topic) do update set held_on = excluded.held_on, verdict = excluded.verdict,
                            comment = excluded.comment, explanation = excluded.explanation, strengths = excluded.strengths, shortcomings = excluded.shortcomings
                        """, ct, x.PlanId, x.InspectionId, x.UnitId, x.Topic, x.Year, x.HeldOn, x.Verdict.ToString(), x.Comment, x.Explanation,
                        x.Strengths.ToArray(), x.Shortcomings.ToArray());
                    break;
                case RecommendationMade x:
                    await ReviewSql.ExecuteAsync(context, $"""
                        insert into {context.Table("review_recommendations")} values ($1, $2, $3, $4, $5, $6, false, null, null) on conflict do nothing
                        """, ct, x.RecommendationId, x.PlanId, x.UnitId, x.Year, x.Text, x.Deadline);
                    break;
                case RecommendationReported x:
                    await ReviewSql.ExecuteAsync(context, $"""
                        update {context.Table("review_recommendations")} set completed = $2, reported_on = $3, last_report = $4
                        where recommendation_id = $1
                        """, ct, x.RecommendationId, x.Completed, x.ReportedOn, x.Report);
                    break;
            }
        }
    }
}

/// <summary>Queries over inspection results of the units in a review for a year (the year the findings and recommendations are about).</summary>
internal static class InspectionResults
{
    public static async Task<IReadOnlyDictionary<Guid, InspectionCount>> CountsAsync(NpgsqlDataSource db, Guid[] units, int year, CancellationToken ct)
    {
        await using var command = ReviewSql.Command(db, $"""
            select u.unit_id,
                   (select count(*) filter (where f.verdict = 'Accepted') from {ReviewSql.Schema}.review_findings f where f.unit_id = u.unit_id and f.year = $2),
                   (select count(*) filter (where f.verdict = 'PartlyAccepted') from {ReviewSql.Schema}.review_findings f where f.unit_id = u.unit_id and f.year = $2),
                   (select count(*) filter (where f.verdict = 'Rejected') from {ReviewSql.Schema}.review_findings f where f.unit_id = u.unit_id and f.year = $2),
                   (select count(*) from {ReviewSql.Schema}.review_recommendations r where r.unit_id = u.unit_id and r.year = $2),
                   (select count(*) filter (where not r.completed) from {ReviewSql.Schema}.review_recommendations r where r.unit_id = u.unit_id and r.year = $2)
            from unnest($1::uuid[]) as u(unit_id)
            where exists (select from {ReviewSql.Schema}.review_findings f where f.unit_id = u.unit_id and f.year = $2)
               or exists (select from {ReviewSql.Schema}.review_recommendations r where r.unit_id = u.unit_id and r.year = $2)
            """, units, year);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new Dictionary<Guid, InspectionCount>();
        while (await reader.ReadAsync(ct))
            counts[reader.GetGuid(0)] = new InspectionCount((int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4),
                (int)reader.GetInt64(5));
        return counts;
    }

    /// <summary>The plans that inspected in <paramref name="year"/>.</summary>
    public static async Task<IReadOnlyList<Guid>> PlansAsync(NpgsqlDataSource db, int year, CancellationToken ct)
    {
        await using var command = ReviewSql.Command(db, $"select plan_id from {ReviewSql.Schema}.review_plans where year = $1 order by number_symbol, plan_id", year);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var plans = new List<Guid>();
        while (await reader.ReadAsync(ct))
            plans.Add(reader.GetGuid(0));
        return plans;
    }

    /// <summary>Every finding of the units, by unit, date, then the topics in <paramref name="topicOrder"/>'s order (others after, by name).</summary>
    public static async IAsyncEnumerable<FindingLine> FindingsAsync(NpgsqlDataSource db, Guid[] units, int year, string[] topicOrder,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = ReviewSql.Command(db, $"""
            select u.ord, coalesce(p.number_symbol, ''), f.held_on, f.topic, f.verdict, f.comment, f.explanation, f.strengths, f.shortcomings
            from unnest($1::uuid[]) with ordinality as u(unit_id, ord)
            join {ReviewSql.Schema}.review_findings f on f.unit_id = u.unit_id and f.year = $2
            left join {ReviewSql.Schema}.review_plans p on p.plan_id = f.plan_id
            order by u.ord, f.held_on, array_position($3::text[], f.topic) nulls last, f.topic
            """, units, year, topicOrder);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new FindingLine((int)reader.GetInt64(0) - 1, reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3),
                Enum.Parse<EvidenceVerdict>(reader.GetString(4)), reader.Get<string>(5), reader.Get<string>(6), reader.GetFieldValue<string[]>(7),
                reader.GetFieldValue<string[]>(8));
    }

    public static async IAsyncEnumerable<RecommendationLine> RecommendationsAsync(NpgsqlDataSource db, Guid[] units, int year,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = ReviewSql.Command(db, $"""
            select u.ord, coalesce(p.number_symbol, ''), r.text, r.deadline, r.completed, r.reported_on, r.last_report
            from unnest($1::uuid[]) with ordinality as u(unit_id, ord)
            join {ReviewSql.Schema}.review_recommendations r on r.unit_id = u.unit_id and r.year = $2
            left join {ReviewSql.Schema}.review_plans p on p.plan_id = r.plan_id
            order by u.ord, r.deadline, r.text
            """, units, year);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new RecommendationLine((int)reader.GetInt64(0) - 1, reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3),
                reader.GetBoolean(4), reader.Value<DateOnly>(5), reader.Get<string>(6));
    }
}
