using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Organisation.Accounts;

// The password hash (PBKDF2, from ASP.NET Core Identity's PasswordHasher) is stored, never the password.
internal sealed record AccountCreated(Guid AccountId, string UserName, string DisplayName, string PasswordHash, DateTimeOffset CreatedAt);

internal sealed record PasswordChanged(Guid AccountId, string PasswordHash, DateTimeOffset ChangedAt);

/// <summary>A role over a unit's subtree; <paramref name="UnitId"/> null only for a platform-wide Admin.</summary>
internal sealed record RoleGranted(Guid AccountId, Role Role, Guid? UnitId, DateTimeOffset GrantedAt);

internal sealed record RoleRevoked(Guid AccountId, Role Role, Guid? UnitId, DateTimeOffset RevokedAt);

internal static class AccountEvents
{
    public static void Register(DoanPlatform.EventStore.EventTypes events) => events
        .Add<AccountCreated>("organisation.account_created")
        .Add<PasswordChanged>("organisation.password_changed")
        .Add<RoleGranted>("organisation.role_granted")
        .Add<RoleRevoked>("organisation.role_revoked");
}
