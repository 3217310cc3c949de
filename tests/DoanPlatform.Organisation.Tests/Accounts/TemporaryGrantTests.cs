using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Accounts;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Features;
using DoanPlatform.Testing;

namespace DoanPlatform.Organisation.Tests.Accounts;

/// <summary>IUnitAccess asks the registered temporary grants (an inspection plan's team) for reading, and for nothing else.</summary>
public sealed class TemporaryGrantTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    private sealed class OneUnit(Guid accountId, Guid unitId, DateOnly day) : ITemporaryReadGrants
    {
        public Task<bool> MayReadAsync(Guid account, Guid unit, DateOnly today, CancellationToken ct = default) =>
            Task.FromResult(account == accountId && unit == unitId && today == day);
    }

    private sealed class Today(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task A_temporary_grant_lets_an_account_without_roles_read_that_unit_that_day_and_do_nothing_else()
    {
        var account = await AccountEndpoints.CreateAsync(factory.Store, Actor.System, $"tg{Guid.NewGuid():N}"[..12], "Thành viên đoàn kiểm tra",
            "Mật-khẩu-thử-nghiệm", [], TimeProvider.System, default);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(AccessSchemes.AccountIdClaim, account.ToString())], "test"));
        var (unit, day) = (Guid.CreateVersion7(), new DateOnly(2024, 10, 16));
        var access = new UnitAccess(factory.Store, new Today(new DateTimeOffset(2024, 10, 16, 12, 0, 0, TimeSpan.Zero)), [new OneUnit(account, unit, day)]);

        Assert.True(await access.CanAsync(user, unit, UnitPermission.Read));
        Assert.False(await access.CanAsync(user, Guid.CreateVersion7(), UnitPermission.Read));
        foreach (var write in new[] { UnitPermission.Contribute, UnitPermission.Manage, UnitPermission.Audit, UnitPermission.Administer })
            Assert.False(await access.CanAsync(user, unit, write));
        var nextDay = new UnitAccess(factory.Store, new Today(new DateTimeOffset(2024, 10, 17, 12, 0, 0, TimeSpan.Zero)), [new OneUnit(account, unit, day)]);
        Assert.False(await nextDay.CanAsync(user, unit, UnitPermission.Read));
        var noSource = new UnitAccess(factory.Store, new Today(new DateTimeOffset(2024, 10, 16, 12, 0, 0, TimeSpan.Zero)), []);
        Assert.False(await noSource.CanAsync(user, unit, UnitPermission.Read));
    }
}
