using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Notices;
using DoanPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DoanPlatform.Organisation.Tests.Notices;

/// <summary>An issuing unit's notice register per year: numbers taken in the caller's session, never twice, continuing the old registers.</summary>
public sealed class NoticeRegisterTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    private sealed class OldRegister(int last) : ILegacyNoticeRegister
    {
        public Task<int> LastNumberAsync(IQuerySession session, Guid issuingUnitId, int year, CancellationToken ct = default) => Task.FromResult(last);
    }

    private async Task<int> TakeAsync(INoticeRegister register, Guid issuer, int year, bool save = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = factory.Store.LightweightSession(new Actor("kiem-thu", "Kiểm thử"));
            var taken = await register.TakeNextAsync(session, issuer, year, "Thông báo thử", Guid.CreateVersion7());
            if (!save)
                return taken.Number;
            try
            {
                await session.SaveChangesAsync();
                return taken.Number;
            }
            catch (ConcurrencyException clash) when (clash.StreamId == taken.RegisterId && attempt < 20)
            {
            }
        }
    }

    [Fact]
    public async Task Concurrent_takers_never_get_the_same_number_and_a_taker_that_does_not_save_takes_nothing()
    {
        var register = factory.Services.GetRequiredService<INoticeRegister>();
        var issuer = Guid.CreateVersion7();
        var numbers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => TakeAsync(register, issuer, 2024))));
        Assert.Equal(Enumerable.Range(1, 8), numbers.Order());

        Assert.Equal(9, await TakeAsync(register, issuer, 2024, save: false));
        Assert.Equal(9, await TakeAsync(register, issuer, 2024));
        Assert.Equal(1, await TakeAsync(register, issuer, 2025));

        await using var query = factory.Store.QuerySession();
        var history = await query.Events.FetchStreamAsync(NoticeRegister.StreamId(issuer, 2024));
        Assert.Equal(Enumerable.Range(1, 9), history.Select(e => ((NoticeNumberTaken)e.Data).Number));
    }

    [Fact]
    public async Task A_new_register_starts_after_the_highest_number_of_the_old_ones_and_then_keeps_its_own_count()
    {
        var issuer = Guid.CreateVersion7();
        Assert.Equal(13, await TakeAsync(new NoticeRegisters([new OldRegister(12), new OldRegister(5)]), issuer, 2023));
        Assert.Equal(14, await TakeAsync(new NoticeRegisters([new OldRegister(40)]), issuer, 2023));
        Assert.Equal(1, await TakeAsync(new NoticeRegisters([]), Guid.CreateVersion7(), 2023));
    }
}
