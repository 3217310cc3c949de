using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Organisation.Accounts;

/// <summary>
/// Scoped per request: the account's grants are read from its stream (so a revocation takes effect at once),
/// the unit's chain of parents from the tree read model as of today. Reading is also allowed by the temporary grants other modules
/// register (an inspection plan's team during the plan).
/// </summary>
internal sealed class UnitAccess(IDocumentStore store, TimeProvider clock, IEnumerable<ITemporaryReadGrants> temporary) : IUnitAccess
{
    private Account? _account;

    public static bool Permits(Role role, UnitPermission permission, bool ownUnit) => role switch
    {
        Role.Admin => true,
        Role.OfficeStaff => permission is UnitPermission.Read or UnitPermission.Contribute or UnitPermission.Manage,
        Role.Auditor => permission is UnitPermission.Read or UnitPermission.Audit,
        Role.Inspector => permission is UnitPermission.Read,
        Role.UnitSecretary => ownUnit && permission is UnitPermission.Read or UnitPermission.Contribute,
        _ => false,
    };

    public async Task<bool> CanAsync(ClaimsPrincipal user, Guid unitId, UnitPermission permission, CancellationToken ct = default)
    {
        var account = await AccountAsync(user, ct).ConfigureAwait(false);
        if (account is null)
            return false;
        if (account.Grants.Any(g => g is { Role: Role.Admin, UnitId: null }))
            return true;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var chain = await Features.UnitWrites.ScopeChainAsync(store, unitId, today, ct).ConfigureAwait(false);
        if (account.Grants.Any(g => g.UnitId is { } scope && chain.Contains(scope) && Permits(g.Role, permission, scope == unitId)))
            return true;
        if (permission != UnitPermission.Read)
            return false;
        foreach (var source in temporary)
            if (await source.MayReadAsync(account.Id, unitId, today, ct).ConfigureAwait(false))
                return true;
        return false;
    }

    public async Task EnsureAsync(ClaimsPrincipal user, Guid unitId, UnitPermission permission, CancellationToken ct = default)
    {
        if (!await CanAsync(user, unitId, permission, ct).ConfigureAwait(false))
            throw new AccessDeniedException($"Tài khoản không có quyền {Describe(permission)} đối với đơn vị này.");
    }

    public async Task<bool> IsGlobalAdminAsync(ClaimsPrincipal user, CancellationToken ct = default) =>
        (await AccountAsync(user, ct).ConfigureAwait(false))?.Grants.Any(g => g is { Role: Role.Admin, UnitId: null }) == true;

    public async Task<Account?> AccountAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.AccountId() is not { } id)
            return null;
        if (_account?.Id == id)
            return _account;
        await using var session = store.QuerySession();
        _account = await session.Events.AggregateStreamAsync<Account>(id, ct: ct).ConfigureAwait(false);
        return _account is { Exists: true } ? _account : null;
    }

    private static string Describe(UnitPermission permission) => permission switch
    {
        UnitPermission.Read => "xem",
        UnitPermission.Contribute => "báo cáo",
        UnitPermission.Manage => "thay đổi",
        UnitPermission.Audit => "kiểm tra lịch sử",
        _ => "quản trị tài khoản",
    };
}
