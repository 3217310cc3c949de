using DoanPlatform.Emulation.Contracts;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using Npgsql;

namespace DoanPlatform.Emulation.ReadModels;

/// <summary>One step of a condition's score: who gave which value, when, why, with what evidence.</summary>
internal sealed record ScoreStep(string Step, decimal? Value, decimal? Points, string Actor, DateTimeOffset At, string? Reason, string? Evidence, string? Decision);

/// <summary>Every step of every condition of every sheet (self → assessed → adjusted → final): the auditor's "explain a score".</summary>
internal sealed class ScoreStepsProjection : IProjection
{
    public const string ProjectionName = "emulation.score_steps";
    public string Name => ProjectionName;
    public string Schema => EmulationSchema.Name;
    public IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(SelfAssessed), typeof(ScoresAssessed), typeof(ScoreAdjusted), typeof(ScoresLocked), typeof(ScoringReopened), typeof(SelfAssessmentReturned), typeof(EvidenceAttached)];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".score_steps (
            seq bigint not null, sheet_id uuid not null, condition_code text not null, step text not null, value numeric, points numeric,
            actor text not null, recorded_at timestamptz not null, reason text, evidence text, decision text,
            primary key (seq, condition_code));
        create index if not exists score_steps_sheet on "{schema}".score_steps (sheet_id, condition_code, seq);
        """;

    // One insert per batch: a sheet's step carries every condition, so a province-year is tens of thousands of rows.
    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var rows = new List<(long Seq, Guid Sheet, string Code, string Step, decimal? Value, decimal? Points, string Actor, DateTimeOffset At,
            string? Reason, string? Evidence, string? Decision)>();
        foreach (var e in events)
        {
            void Row(Guid sheet, string code, string step, decimal? value, decimal? points, string? reason, string? evidence) =>
                rows.Add((e.Sequence, sheet, code, step, value, points, e.Metadata.ActorName, e.Timestamp, reason ?? e.Metadata.Reason, evidence, e.Metadata.Decision));
            switch (e.Data)
            {
                case SelfAssessed x:
                    foreach (var entry in x.Entries)
                        Row(x.SheetId, entry.ConditionCode, "Self", entry.Value, null, entry.Comment, entry.Evidence);
                    break;
                case ScoresAssessed x:
                    foreach (var entry in x.Entries)
                        Row(x.SheetId, entry.ConditionCode, "Assessed", entry.Value, null, entry.Comment, entry.Evidence);
                    break;
                case ScoreAdjusted x:
                    Row(x.SheetId, x.ConditionCode, "Adjusted", x.Value, null, x.Reason, x.Reference);
                    break;
                case ScoresLocked x:
                    foreach (var final in x.Final)
                        Row(x.SheetId, final.ConditionCode, "Final", final.Value, final.Points, final.Computed ? "Tính tự động, chốt khi khóa điểm" : null, null);
                    break;
                case EvidenceAttached x:
                    Row(x.SheetId, x.ConditionCode, "Evidence", null, null, null, $"{x.FileName} (SHA-256 {x.Sha256}, /evidence/{x.FileId})");
                    break;
                case SelfAssessmentReturned x:
                    Row(x.SheetId, "*", "Returned", null, null, x.Reason, null);
                    break;
                case ScoringReopened x:
                    Row(x.SheetId, "*", "Reopened", null, null, x.Reason, x.Decision.NumberSymbol);
                    break;
            }
        }
        if (rows.Count == 0)
            return;
        await Sql.ExecuteAsync(context, $"""
            insert into {context.Table("score_steps")}
            select * from unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::text[], $8::timestamptz[],
                                 $9::text[], $10::text[], $11::text[])
            on conflict do nothing
            """,
            rows.Select(r => r.Seq).ToArray(), rows.Select(r => r.Sheet).ToArray(), rows.Select(r => r.Code).ToArray(), rows.Select(r => r.Step).ToArray(),
            rows.Select(r => r.Value).ToArray(), rows.Select(r => r.Points).ToArray(), rows.Select(r => r.Actor).ToArray(), rows.Select(r => r.At).ToArray(),
            rows.Select(r => r.Reason).ToArray(), rows.Select(r => r.Evidence).ToArray(), rows.Select(r => r.Decision).ToArray());
    }
}

internal static class ScoreSteps
{
    public static async Task<IReadOnlyList<ScoreStep>> ExplainAsync(NpgsqlDataSource db, Guid sheetId, string conditionCode, CancellationToken ct)
    {
        await using var command = Sql.Command(db, $"""
            select step, value, points, actor, recorded_at, reason, evidence, decision from {EmulationSchema.Name}.score_steps
            where sheet_id = $1 and condition_code in ($2, '*') order by seq
            """, sheetId, conditionCode);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<ScoreStep>();
        while (await reader.ReadAsync(ct))
            rows.Add(new ScoreStep(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetDecimal(1), reader.IsDBNull(2) ? null : reader.GetDecimal(2),
                reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        return rows;
    }
}
