using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Accounts;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Features;
using DoanPlatform.Organisation.Officials;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;

namespace DoanPlatform.Organisation.Demo;

/// <summary>Builds the demo organisation in memory, refuses a database that already has any of it, then writes it.</summary>
internal static class LoadDemo
{
    public static async Task<DemoProvince> RunAsync(IDocumentStore store, CancellationToken ct)
    {
        var demo = new DemoOrganisation();
        demo.Build();
        var units = demo.Snapshot();
        var reform = new DemoReform(demo);
        reform.Build();
        await RefuseWhenPresentAsync(store, demo, reform, ct).ConfigureAwait(false);

        long events = 0;
        await UnitCodesProjection.SaveAsync(async () => events = await demo.Streams.WriteAsync(store, ct).ConfigureAwait(false)).ConfigureAwait(false);
        events += await reform.WriteAsync(store, ct).ConfigureAwait(false);

        var reformed = reform.Steps.SelectMany(s => s.Events).Select(e => e.Event).ToList();
        var province = units[0];
        return new DemoProvince(province.Id, province.Code, province.Name, units, demo.Accounts, new DemoLoaded(events,
        [
            $"Tổ chức: {units.Count} đơn vị năm 2023–2024 ({units.Count(u => u.Level == UnitLevel.Grassroots)} cơ sở Đoàn), "
            + $"{units.Sum(u => u.Officials.Count)} cán bộ, {demo.Clusters} cụm thi đua (năm 2023 và 2024)",
            $"Sắp xếp năm 2025: {reformed.OfType<UnitEstablished>().Count()} đơn vị mới, {reformed.OfType<UnitMerged>().Count()} đơn vị hợp nhất, "
            + $"{reformed.OfType<UnitSplit>().Count()} chia tách, {reformed.OfType<UnitMoved>().Count()} chuyển đơn vị cấp trên, "
            + $"{reformed.OfType<UnitDissolved>().Count()} giải thể, {reformed.OfType<OfficialAppointed>().Count()} bí thư mới",
        ]));
    }

    private static async Task RefuseWhenPresentAsync(IDocumentStore store, DemoOrganisation demo, DemoReform reform, CancellationToken ct)
    {
        var codes = demo.ById.Values.Select(p => p.Code)
            .Concat(reform.Steps.SelectMany(s => s.Events).Select(e => e.Event).OfType<UnitEstablished>().Select(u => u.Code)).ToArray();
        await using var command = store.DataSource.CreateCommand($"select code from {Db.Schema}.unit_codes where code = any($1) order by code");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = codes });
        var taken = await command.ListAsync(r => r.GetString(0), ct).ConfigureAwait(false);
        if (taken.Contains(DemoData.ProvinceCode))
            throw new DomainRuleException($"Cơ sở dữ liệu đã có {DemoData.ProvinceName} (mã {DemoData.ProvinceCode}): dữ liệu mẫu đã được nạp, không nạp lần hai.");
        if (taken.Count > 0)
            throw new DomainRuleException($"Cơ sở dữ liệu đã dùng mã đơn vị {string.Join(", ", taken.Take(5))}: không nạp dữ liệu mẫu vào đây.");
        foreach (var user in DemoOrganisation.AccountNames)
        {
            if (await AccountEndpoints.LoadAsync(store, Account.IdFor(user), ct).ConfigureAwait(false) is not null)
                throw new DomainRuleException($"Cơ sở dữ liệu đã có tài khoản {user}: không nạp dữ liệu mẫu vào đây.");
        }
    }
}
