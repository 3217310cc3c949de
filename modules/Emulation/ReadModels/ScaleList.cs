using DoanPlatform.Emulation.Scales;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using Npgsql;

namespace DoanPlatform.Emulation.ReadModels;

/// <summary>A scale's line in a list.</summary>
internal sealed record ScaleSummary(Guid ScaleId, Guid IssuingUnitId, int Year, int Number, string Status, string Name, string Guideline, DateOnly? EffectiveDate,
    Guid? AmendsScaleId);

/// <summary>Scales per issuing unit and year with their status: which one a unit scores against.</summary>
internal sealed class ScaleListProjection : IProjection
{
    public const string ProjectionName = "emulation.scale_list";
    public string Name => ProjectionName;
    public string Schema => EmulationSchema.Name;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(ScaleDrafted), typeof(ScaleDraftRevised), typeof(ScalePublished), typeof(ScaleSuperseded)];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".scales (
            scale_id uuid primary key, issuing_unit_id uuid not null, year int not null, number int not null, status text not null,
            name text not null, guideline text not null, effective_date date, amends_scale_id uuid);
        create index if not exists scales_issuer on "{schema}".scales (issuing_unit_id, year);
        """;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var table = context.Table("scales");
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case ScaleDrafted x:
                    await Sql.ExecuteAsync(context, $"insert into {table} values ($1, $2, $3, $4, 'Draft', $5, $6, $7, $8) on conflict do nothing",
                        x.ScaleId, x.IssuingUnitId, x.Year, x.Number, x.Content.Name, x.Content.Guideline, x.EffectiveDate, x.AmendsScaleId);
                    break;
                case ScaleDraftRevised x:
                    await Sql.ExecuteAsync(context, $"update {table} set name = $2, guideline = $3 where scale_id = $1", x.ScaleId, x.Content.Name, x.Content.Guideline);
                    break;
                case ScalePublished x:
                    await Sql.ExecuteAsync(context, $"update {table} set status = 'Published', effective_date = $2 where scale_id = $1", x.ScaleId, x.EffectiveDate);
                    break;
                case ScaleSuperseded x:
                    await Sql.ExecuteAsync(context, $"update {table} set status = 'Superseded' where scale_id = $1", x.ScaleId);
                    break;
            }
        }
    }
}

internal static class ScaleList
{
    public static async Task<IReadOnlyList<ScaleSummary>> ForIssuersAsync(NpgsqlDataSource db, Guid[] issuingUnitIds, int year, CancellationToken ct)
    {
        await using var command = Sql.Command(db, $"""
            select scale_id, issuing_unit_id, year, number, status, name, guideline, effective_date, amends_scale_id
            from {EmulationSchema.Name}.scales where issuing_unit_id = any($1) and year = $2 order by issuing_unit_id, number
            """, issuingUnitIds, year);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<ScaleSummary>();
        while (await reader.ReadAsync(ct))
            rows.Add(new ScaleSummary(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7), reader.IsDBNull(8) ? null : reader.GetGuid(8)));
        return rows;
    }
}
