using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;
using DoanPlatform.Testing;

namespace DoanPlatform.Organisation.Tests.ReadModels;

public class UnitTreeProjectionTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    private static readonly Decision Decided = new("01-QĐ/TĐTN", new DateOnly(2020, 1, 1), "Lê Văn Cường");
    private static readonly Actor Clerk = new("test", "Văn phòng");

    internal static UnitEstablished Established(Guid id, string code, string name, Guid? parent, DateOnly on, UnitLevel level = UnitLevel.Grassroots) =>
        new(id, code, name, name, level, Sector.None, OrganisationKind.Union, parent, null, [], on, Decided);

    [Fact]
    public async Task Each_change_closes_an_interval_and_opens_the_next_and_a_rebuild_gives_the_same_rows()
    {
        var (root, a, b, unit) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await using (var session = factory.Store.LightweightSession(Clerk))
        {
            session.Events.StartStream<Unit>(root, Established(root, "R", "Tỉnh đoàn R", null, new DateOnly(2000, 1, 1), UnitLevel.Province));
            session.Events.StartStream<Unit>(a, Established(a, "R.A", "Huyện đoàn A", root, new DateOnly(2001, 1, 1), UnitLevel.District));
            session.Events.StartStream<Unit>(b, Established(b, "R.B", "Đoàn Khối B", root, new DateOnly(2001, 1, 1), UnitLevel.Bloc));
            session.Events.StartStream<Unit>(unit,
                Established(unit, "R.A.1", "Đoàn xã Một", a, new DateOnly(2010, 1, 1)),
                new UnitRenamed(unit, "Đoàn xã Một Mới", "Xã Một", new DateOnly(2023, 1, 1), Decided),
                new UnitMoved(unit, a, b, new DateOnly(2025, 7, 1), Decided),
                new UnitReclassified(unit, UnitLevel.Commune, Sector.Communes, new DateOnly(2025, 7, 1), Decided));
            await session.SaveChangesAsync();
        }
        await using (var session = factory.Store.LightweightSession(Clerk))
        {
            session.Events.Append(a, new UnitDissolved(a, new DateOnly(2025, 7, 1), Decided));
            await session.SaveChangesAsync();
        }
        await factory.WaitForNonStaleAsync();

        var rows = await RowsAsync(unit);
        Assert.Equal(
        [
            "2010-01-01..2023-01-01 Đoàn xã Một R.A Grassroots None",
            "2023-01-01..2025-07-01 Đoàn xã Một Mới R.A Grassroots None",
            "2025-07-01.. Đoàn xã Một Mới R.B Commune Communes",
        ], rows);
        Assert.Equal(["2001-01-01..2025-07-01 Huyện đoàn A R Province None".Replace("Province", "District", StringComparison.Ordinal)], await RowsAsync(a));

        var before = await AllRowsAsync();
        await factory.Store.Advanced.RebuildProjectionAsync(UnitTreeProjection.ProjectionName);
        Assert.Equal(before, await AllRowsAsync());
    }

    private async Task<List<string>> RowsAsync(Guid unitId)
    {
        await using var command = factory.Store.DataSource.CreateCommand("""
            select v.valid_from, v.valid_to, v.name, p.code, v.level, v.sector from organisation.unit_versions v
            left join lateral (select code from organisation.unit_versions where unit_id = v.parent_id limit 1) p on true
            where v.unit_id = $1 order by v.valid_from
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = unitId });
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add($"{reader.GetFieldValue<DateOnly>(0):yyyy-MM-dd}..{(reader.IsDBNull(1) ? "" : reader.GetFieldValue<DateOnly>(1).ToString("yyyy-MM-dd", null))} {reader.GetString(2)} {reader.GetString(3)} {reader.GetString(4)} {reader.GetString(5)}");
        return rows;
    }

    private async Task<List<string>> AllRowsAsync()
    {
        await using var command = factory.Store.DataSource.CreateCommand(
            "select concat_ws('|', unit_id, valid_from, valid_to, parent_id, code, name, short_name, level, sector, organisation) from organisation.unit_versions order by unit_id, valid_from");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }
}
