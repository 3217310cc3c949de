using System.CommandLine;
using System.Globalization;
using DoanPlatform.Emulation;
using DoanPlatform.EventStore;
using DoanPlatform.Inspections;
using DoanPlatform.Meetings;
using DoanPlatform.Organisation;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Host.Cli;

/// <summary>
/// <c>demo</c>: loads the demo province (Bà Rịa – Vũng Tàu: its units, two years of briefings, scoring and an inspection, the 2025
/// reform) through each module's demo loader, waits until every read model has caught up, and prints what it loaded and the demo
/// accounts. A database that already holds the demo province is refused (exit 2) and left as it is.
/// </summary>
internal static class DemoCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static Command Create()
    {
        var demo = new Command("demo", "Nạp tỉnh mẫu (Bà Rịa – Vũng Tàu, 2023–2025) và các tài khoản mẫu; từ chối nếu đã nạp.");
        demo.SetAction((result, ct) => CommandLine.WithAppAsync(CommandLine.HostArgs(result), runDaemon: true, async app =>
        {
            var started = TimeProvider.System.GetTimestamp();
            var store = app.Services.GetRequiredService<IDocumentStore>();
            var before = await EventCountAsync(store, ct);
            var daemon = app.Services.GetServices<IHostedService>().Where(s => s.GetType().Assembly == typeof(IDocumentStore).Assembly).ToList();
            foreach (var service in daemon)
                await service.StartAsync(ct);
            try
            {
                DemoProvince province;
                try
                {
                    province = await OrganisationModule.LoadDemoAsync(app.Services, ct);
                }
                catch (DomainRuleException refused)
                {
                    await Console.Error.WriteLineAsync($"lỗi: {refused.Message}");
                    return 2;
                }
                var meetings = await MeetingsModule.LoadDemoAsync(app.Services, province, ct);
                // Locking the 2023 scores reads the briefing facts from their read model, as the office's lock does.
                await store.Advanced.WaitForNonStaleAsync(Timeout, ct);
                var emulation = await EmulationModule.LoadDemoAsync(app.Services, province, ct);
                var inspections = await InspectionsModule.LoadDemoAsync(app.Services, province, ct);
                await CatchUpAsync(store, ct);

                var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
                Console.WriteLine($"Đã nạp dữ liệu mẫu: {province.Name} (mã {province.Code}).");
                foreach (var line in new[] { province.Loaded, meetings, emulation, inspections }.SelectMany(l => l.Summary))
                    Console.WriteLine($"  {line}");
                var events = await EventCountAsync(store, ct) - before;
                Console.WriteLine(string.Create(Vietnamese, $"{events:N0} sự kiện trong {seconds:0.0} giây; mọi bảng tổng hợp đã cập nhật."));
                Console.WriteLine($"Tài khoản mẫu (mật khẩu: {province.Accounts[0].Password}):");
                foreach (var account in province.Accounts)
                    Console.WriteLine($"  {account.UserName,-14} {RoleOf(account, province),-50} {account.DisplayName}");
                return 0;
            }
            catch (TimeoutException e)
            {
                await Console.Error.WriteLineAsync($"lỗi: dữ liệu tổng hợp chưa cập nhật xong ({e.Message}).");
                return 1;
            }
            finally
            {
                foreach (var service in daemon)
                    await service.StopAsync(CancellationToken.None);
            }
        }));
        return demo;
    }

    private static string RoleOf(DemoAccount account, DemoProvince province)
    {
        var unit = account.UnitId is { } id ? province.Unit(id).Name : "toàn hệ thống";
        return account.Role switch
        {
            Role.Admin => $"Quản trị, {unit}",
            Role.OfficeStaff => $"Văn phòng, {unit}",
            Role.UnitSecretary => $"Bí thư, {unit}",
            Role.Auditor => $"Kiểm tra (xem, tra lịch sử), {unit}",
            _ => $"{account.Role}, {unit}",
        };
    }

    /// <summary>
    /// Waits until every projection and subscription has caught up, again while a subscription's reaction (the inspection's adjustment
    /// applied to a score sheet) appends events the projections have yet to read.
    /// </summary>
    private static async Task CatchUpAsync(IDocumentStore store, CancellationToken ct)
    {
        long last;
        do
        {
            last = await EventCountAsync(store, ct);
            await store.Advanced.WaitForNonStaleAsync(Timeout, ct);
        }
        while (await EventCountAsync(store, ct) != last);
    }

    private static async Task<long> EventCountAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var command = store.DataSource.CreateCommand("select count(*) from doan_events.events");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
