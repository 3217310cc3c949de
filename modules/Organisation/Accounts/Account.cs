using System.Globalization;
using System.Text;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Identity;

namespace DoanPlatform.Organisation.Accounts;

internal sealed record Grant(Role Role, Guid? UnitId);

internal sealed record Account(Guid Id, string UserName, string DisplayName, string PasswordHash, IReadOnlyList<Grant> Grants) : IAggregate<Account>
{
    public static Account Initial { get; } = new(Guid.Empty, "", "", "", []);

    public bool Exists => Id != Guid.Empty;

    public Account Evolve(object @event) => @event switch
    {
        AccountCreated e => this with { Id = e.AccountId, UserName = e.UserName, DisplayName = e.DisplayName, PasswordHash = e.PasswordHash },
        PasswordChanged e => this with { PasswordHash = e.PasswordHash },
        RoleGranted e => this with { Grants = [.. Grants.Where(g => g != new Grant(e.Role, e.UnitId)), new Grant(e.Role, e.UnitId)] },
        RoleRevoked e => this with { Grants = [.. Grants.Where(g => g != new Grant(e.Role, e.UnitId))] },
        _ => this,
    };

    private static readonly Guid Namespace = new("5d1c8f3e-2b7a-4c61-9a0e-6f4b2d9c7e11");

    /// <summary>The stream id follows from the user name, so a second account with the same name cannot be started.</summary>
    public static Guid IdFor(string userName) => DeterministicGuid.Create(Namespace, NormaliseUserName(userName));

    public static string NormaliseUserName(string userName) => Text.Clean(userName).ToLower(CultureInfo.InvariantCulture).Normalize(NormalizationForm.FormC);

    private static readonly PasswordHasher<Account> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(Initial, password);

    // Unknown user names pay for a hash check too, so response times do not reveal which accounts exist.
    private static readonly string DecoyHash = Hash(Guid.NewGuid().ToString());

    public bool Verify(string password) =>
        Hasher.VerifyHashedPassword(this, Exists ? PasswordHash : DecoyHash, password) != PasswordVerificationResult.Failed && Exists;
}

internal static class AccountDecisions
{
    public const int MinimumPasswordLength = 10;

    public static AccountCreated Create(Account? existing, string userName, string displayName, string password, DateTimeOffset now)
    {
        var name = Account.NormaliseUserName(userName);
        if (name.Length == 0)
            throw Text.Invalid("userName", "Thiếu tên đăng nhập.");
        if (password.Length < MinimumPasswordLength)
            throw Text.Invalid("password", $"Mật khẩu phải có ít nhất {MinimumPasswordLength} ký tự.");
        if (existing is { Exists: true })
            throw new DomainRuleException($"Tên đăng nhập {name} đã được sử dụng.");
        return new AccountCreated(Account.IdFor(name), name, Text.Required(displayName, "displayName"), Account.Hash(password), now);
    }

    public static RoleGranted GrantRole(Account account, Role role, Guid? unitId, DateTimeOffset now)
    {
        if (unitId is null && role != Role.Admin)
            throw Text.Invalid("unitId", "Vai trò này phải gắn với một đơn vị.");
        if (account.Grants.Contains(new Grant(role, unitId)))
            throw new DomainRuleException("Tài khoản đã có vai trò này trên đơn vị này.");
        return new RoleGranted(account.Id, role, unitId, now);
    }

    public static RoleRevoked RevokeRole(Account account, Role role, Guid? unitId, DateTimeOffset now) =>
        account.Grants.Contains(new Grant(role, unitId))
            ? new RoleRevoked(account.Id, role, unitId, now)
            : throw new DomainRuleException("Tài khoản không có vai trò này trên đơn vị này.");
}
