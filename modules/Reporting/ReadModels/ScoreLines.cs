using System.Runtime.CompilerServices;
using DoanPlatform.Emulation.Contracts;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using Npgsql;

namespace DoanPlatform.Reporting.ReadModels;

/// <summary>A unit's score sheet of a year: where it stands and, once locked, its result.</summary>
internal sealed record SheetResult(Guid SheetId, Guid UnitId, string Status, decimal? Total, string? Classification, int? ClassIndex)
{
    public bool IsFinal => Status is "Locked" or "Published";
}

/// <summary>One condition of one unit's sheet: the unit's value, the upper level's, an approved adjustment, and the locked value and points.</summary>
internal readonly record struct ScoreLineView(int SheetIndex, string ConditionCode, decimal? Self, decimal? Assessed, decimal? Adjusted, decimal? FinalValue,
    decimal? FinalPoints);

/// <summary>
/// Score sheets and their lines from Emulation's contract events: self, assessed, adjusted and final per unit, year and condition,
/// and each sheet's locked result. A batch is applied in memory over the current rows of the sheets it touches, then written back
/// with one statement per table: a province-year is 300,000 lines.
/// </summary>
internal sealed class ScoreLinesProjection : IProjection
{
    public const string ProjectionName = "reporting.score_lines";
    public string Name => ProjectionName;
    public string Schema => ReviewSql.Schema;
    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(SelfAssessed), typeof(SelfAssessmentSubmitted), typeof(SelfAssessmentReturned), typeof(ScoresAssessed), typeof(ScoreAdjusted),
        typeof(ScoresLocked), typeof(ResultPublished), typeof(ScoringReopened),
    ];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".review_sheets (
            sheet_id uuid primary key, unit_id uuid not null, year int not null, scale_id uuid not null, status text not null,
            issuing_unit_id uuid, total numeric, classification text, class_index int, locked_on date, published_on date);
        create index if not exists review_sheets_year on "{schema}".review_sheets (year, unit_id);
        create table if not exists "{schema}".review_score_lines (
            sheet_id uuid not null, condition_code text not null, self numeric, assessed numeric, adjusted numeric,
            final_value numeric, final_points numeric, primary key (sheet_id, condition_code));
        """;

    private sealed class Sheet
    {
        public required Guid UnitId { get; init; }
        public required int Year { get; init; }
        public required Guid ScaleId { get; set; }
        public required string Status { get; set; }
        public Guid? IssuingUnitId { get; set; }
        public decimal? Total { get; set; }
        public string? Classification { get; set; }
        public int? ClassIndex { get; set; }
        public DateOnly? LockedOn { get; set; }
        public DateOnly? PublishedOn { get; set; }
        public Dictionary<string, Line> Lines { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Line
    {
        public decimal? Self { get; set; }
        public decimal? Assessed { get; set; }
        public decimal? Adjusted { get; set; }
        public decimal? FinalValue { get; set; }
        public decimal? FinalPoints { get; set; }
    }

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var sheets = await LoadAsync(context, [.. events.Select(e => SheetOf(e.Data)).Distinct()], ct);
        var dirtyLines = new HashSet<(Guid, string)>();
        var dirtySheets = new HashSet<Guid>();
        Line LineOf(Guid id, Sheet sheet, string code)
        {
            dirtyLines.Add((id, code));
            if (!sheet.Lines.TryGetValue(code, out var line))
                sheet.Lines[code] = line = new Line();
            return line;
        }

        foreach (var e in events)
        {
            var id = SheetOf(e.Data);
            // A sheet's stream starts with SelfAssessed, so any other event finds its sheet; one that does not is not a sheet event.
            if (e.Data is SelfAssessed first && !sheets.ContainsKey(id))
                sheets[id] = new Sheet { UnitId = first.UnitId, Year = first.Year, ScaleId = first.ScaleId, Status = "Draft" };
            if (!sheets.TryGetValue(id, out var sheet))
                continue;
            dirtySheets.Add(id);
            switch (e.Data)
            {
                case SelfAssessed x:
                    foreach (var entry in x.Entries)
                        LineOf(id, sheet, entry.ConditionCode).Self = entry.Value;
                    break;
                case SelfAssessmentSubmitted:
                    sheet.Status = "Submitted";
                    break;
                case SelfAssessmentReturned:
                    sheet.Status = "Returned";
                    break;
                case ScoresAssessed x:
                    sheet.Status = "Assessed";
                    foreach (var entry in x.Entries)
                        LineOf(id, sheet, entry.ConditionCode).Assessed = entry.Value;
                    break;
                case ScoreAdjusted x:
                    LineOf(id, sheet, x.ConditionCode).Adjusted = x.Value;
                    break;
                case ScoresLocked x:
                    (sheet.Status, sheet.ScaleId, sheet.IssuingUnitId, sheet.LockedOn) = ("Locked", x.ScaleId, x.IssuingUnitId, x.LockedOn);
                    (sheet.Total, sheet.Classification, sheet.ClassIndex) = (x.Total, x.Classification, x.ClassIndex);
                    foreach (var final in x.Final)
                    {
                        var line = LineOf(id, sheet, final.ConditionCode);
                        (line.FinalValue, line.FinalPoints) = (final.Value, final.Points);
                    }
                    break;
                case ResultPublished x:
                    (sheet.Status, sheet.PublishedOn) = ("Published", x.PublishedOn);
                    break;
                case ScoringReopened:
                    (sheet.Status, sheet.IssuingUnitId, sheet.LockedOn, sheet.PublishedOn) = ("Assessed", null, null, null);
                    (sheet.Total, sheet.Classification, sheet.ClassIndex) = (null, null, null);
                    foreach (var (code, line) in sheet.Lines)
                    {
                        dirtyLines.Add((id, code));
                        (line.FinalValue, line.FinalPoints) = (null, null);
                    }
                    break;
            }
        }
        await WriteAsync(context, sheets, dirtySheets, dirtyLines, ct);
    }

    private static Guid SheetOf(object data) => data switch
    {
        SelfAssessed x => x.SheetId,
        SelfAssessmentSubmitted x => x.SheetId,
        SelfAssessmentReturned x => x.SheetId,
        ScoresAssessed x => x.SheetId,
        ScoreAdjusted x => x.SheetId,
        ScoresLocked x => x.SheetId,
        ResultPublished x => x.SheetId,
        ScoringReopened x => x.SheetId,
        _ => Guid.Empty,
    };

    private static async Task<Dictionary<Guid, Sheet>> LoadAsync(ProjectionContext context, Guid[] ids, CancellationToken ct)
    {
        var sheets = new Dictionary<Guid, Sheet>();
        await using (var command = ReviewSql.Command(context, $"""
            select sheet_id, unit_id, year, scale_id, status, issuing_unit_id, total, classification, class_index, locked_on, published_on
            from {context.Table("review_sheets")} where sheet_id = any($1)
            """, ids))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                sheets[reader.GetGuid(0)] = new Sheet
                {
                    UnitId = reader.GetGuid(1), Year = reader.GetInt32(2), ScaleId = reader.GetGuid(3), Status = reader.GetString(4),
                    IssuingUnitId = reader.Value<Guid>(5), Total = reader.Value<decimal>(6), Classification = reader.Get<string>(7),
                    ClassIndex = reader.Value<int>(8), LockedOn = reader.Value<DateOnly>(9), PublishedOn = reader.Value<DateOnly>(10),
                };
        }
        await using (var command = ReviewSql.Command(context, $"""
            select sheet_id, condition_code, self, assessed, adjusted, final_value, final_points from {context.Table("review_score_lines")} where sheet_id = any($1)
            """, ids))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                sheets[reader.GetGuid(0)].Lines[reader.GetString(1)] = new Line
                {
                    Self = reader.Value<decimal>(2), Assessed = reader.Value<decimal>(3), Adjusted = reader.Value<decimal>(4),
                    FinalValue = reader.Value<decimal>(5), FinalPoints = reader.Value<decimal>(6),
                };
        }
        return sheets;
    }

    private static async Task WriteAsync(ProjectionContext context, Dictionary<Guid, Sheet> sheets, HashSet<Guid> dirtySheets,
        HashSet<(Guid Sheet, string Code)> dirtyLines, CancellationToken ct)
    {
        if (dirtySheets.Count > 0)
        {
            var rows = dirtySheets.Select(id => (Id: id, Sheet: sheets[id])).ToList();
            await ReviewSql.ExecuteAsync(context, $"""
                insert into {context.Table("review_sheets")} as t
                select * from unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::text[], $6::uuid[], $7::numeric[], $8::text[], $9::int[],
                                     $10::date[], $11::date[])
                on conflict (sheet_id) do update set scale_id = excluded.scale_id, status = excluded.status, issuing_unit_id = excluded.issuing_unit_id,
                    total = excluded.total, classification = excluded.classification, class_index = excluded.class_index,
                    locked_on = excluded.locked_on, published_on = excluded.published_on
                """, ct,
                rows.Select(r => r.Id).ToArray(), rows.Select(r => r.Sheet.UnitId).ToArray(), rows.Select(r => r.Sheet.Year).ToArray(),
                rows.Select(r => r.Sheet.ScaleId).ToArray(), rows.Select(r => r.Sheet.Status).ToArray(), rows.Select(r => r.Sheet.IssuingUnitId).ToArray(),
                rows.Select(r => r.Sheet.Total).ToArray(), rows.Select(r => r.Sheet.Classification).ToArray(), rows.Select(r => r.Sheet.ClassIndex).ToArray(),
                rows.Select(r => r.Sheet.LockedOn).ToArray(), rows.Select(r => r.Sheet.PublishedOn).ToArray());
        }
        if (dirtyLines.Count > 0)
        {
            var rows = dirtyLines.Select(k => (k.Sheet, k.Code, Line: sheets[k.Sheet].Lines[k.Code])).ToList();
            await ReviewSql.ExecuteAsync(context, $"""
                insert into {context.Table("review_score_lines")} as t
                select * from unnest($1::uuid[], $2::text[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[])
                on conflict (sheet_id, condition_code) do update set self = excluded.self, assessed = excluded.assessed, adjusted = excluded.adjusted,
                    final_value = excluded.final_value, final_points = excluded.final_points
                """, ct,
                rows.Select(r => r.Sheet).ToArray(), rows.Select(r => r.Code).ToArray(), rows.Select(r => r.Line.Self).ToArray(),
                rows.Select(r => r.Line.Assessed).ToArray(), rows.Select(r => r.Line.Adjusted).ToArray(), rows.Select(r => r.Line.FinalValue).ToArray(),
                rows.Select(r => r.Line.FinalPoints).ToArray());
        }
    }
}

/// <summary>Queries over the score sheets: the year's sheets of the units in a review, and their lines in review order.</summary>
internal static class ScoreLines
{
    /// <summary>Each unit's sheet of <paramref name="year"/> scored against one of <paramref name="scaleIds"/>.</summary>
    public static async Task<IReadOnlyDictionary<Guid, SheetResult>> SheetsAsync(NpgsqlDataSource db, Guid[] scaleIds, int year, CancellationToken ct)
    {
        await using var command = ReviewSql.Command(db, $"""
            select sheet_id, unit_id, status, total, classification, class_index from {ReviewSql.Schema}.review_sheets where year = $1 and scale_id = any($2)
            """, year, scaleIds);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var sheets = new Dictionary<Guid, SheetResult>();
        while (await reader.ReadAsync(ct))
            sheets[reader.GetGuid(1)] = new SheetResult(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.Value<decimal>(3),
                reader.Get<string>(4), reader.Value<int>(5));
        return sheets;
    }

    public static async Task<long> CountAsync(NpgsqlDataSource db, Guid[] sheetIds, CancellationToken ct)
    {
        await using var command = ReviewSql.Command(db, $"select count(*) from {ReviewSql.Schema}.review_score_lines where sheet_id = any($1)", sheetIds);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The lines of the given sheets, streamed in the order of <paramref name="sheetIds"/> (the review's unit order; the index is the
    /// position in that array) and, within a sheet, of <paramref name="conditionOrder"/>, unknown codes last.
    /// </summary>
    public static async IAsyncEnumerable<ScoreLineView> ReadAsync(NpgsqlDataSource db, Guid[] sheetIds, string[] conditionOrder,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = ReviewSql.Command(db, $"""
            select s.ord, l.condition_code, l.self, l.assessed, l.adjusted, l.final_value, l.final_points
            from unnest($1::uuid[]) with ordinality as s(sheet_id, ord)
            join {ReviewSql.Schema}.review_score_lines l on l.sheet_id = s.sheet_id
            left join unnest($2::text[]) with ordinality as c(code, pos) on c.code = l.condition_code
            order by s.ord, c.pos nulls last, l.condition_code
            """, sheetIds, conditionOrder);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new ScoreLineView((int)reader.GetInt64(0) - 1, reader.GetString(1), reader.Value<decimal>(2), reader.Value<decimal>(3),
                reader.Value<decimal>(4), reader.Value<decimal>(5), reader.Value<decimal>(6));
    }
}
