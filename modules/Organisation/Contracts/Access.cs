using System.Security.Claims;
using System.Text.Json.Serialization;
using DoanPlatform.EventStore;

namespace DoanPlatform.Organisation.Contracts;

/// <summary>The roles an account can be granted, each scoped to a unit's subtree (or everything for a global Admin).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    /// <summary>Everything within the scope, user management included.</summary>
    Admin,
    /// <summary>Văn phòng: manages meetings, scores, inspections and the organisation within the subtree.</summary>
    OfficeStaff,
    /// <summary>Bí thư of one unit: its own unit only (self-assessment, task reports).</summary>
    UnitSecretary,
    /// <summary>Read-only within the subtree. A plan's team needs no such grant: it reads the plan's units during the plan (<see cref="ITemporaryReadGrants"/>).</summary>
    Inspector,
    /// <summary>Read-only within the subtree, history included.</summary>
    Auditor,
}

/// <summary>What a module asks before touching a unit's data.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnitPermission>))]
public enum UnitPermission
{
    /// <summary>See the unit's current data.</summary>
    Read,
    /// <summary>Report on its own unit (self-assessment, task reports): UnitSecretary, OfficeStaff, Admin.</summary>
    Contribute,
    /// <summary>Change the unit or anything it owns: OfficeStaff and Admin of an enclosing unit.</summary>
    Manage,
    /// <summary>Replay the unit's full history: Auditor and Admin.</summary>
    Audit,
    /// <summary>Manage the accounts and roles within the subtree: Admin only.</summary>
    Administer,
}

/// <summary>
/// The one authorisation mechanism every module uses: may this principal do this to this unit, as of today?
/// Scope is the subtree of the unit a role was granted on, walked in the organisation tree as of today.
/// </summary>
public interface IUnitAccess
{
    /// <summary>True when <paramref name="user"/> holds a role granting <paramref name="permission"/> on <paramref name="unitId"/>.</summary>
    Task<bool> CanAsync(ClaimsPrincipal user, Guid unitId, UnitPermission permission, CancellationToken ct = default);

    /// <summary>As <see cref="CanAsync"/>, throwing <see cref="AccessDeniedException"/> (HTTP 403) when not.</summary>
    Task EnsureAsync(ClaimsPrincipal user, Guid unitId, UnitPermission permission, CancellationToken ct = default);

    /// <summary>True for an Admin granted without a unit (the whole platform).</summary>
    Task<bool> IsGlobalAdminAsync(ClaimsPrincipal user, CancellationToken ct = default);
}

/// <summary>
/// A source of read access that is not a role grant, e.g. an inspection plan's team reading the plan's units while the plan runs.
/// <see cref="IUnitAccess"/> asks every registered source before refusing <see cref="UnitPermission.Read"/>, and never for anything else.
/// </summary>
public interface ITemporaryReadGrants
{
    /// <summary>True when <paramref name="accountId"/> may read <paramref name="unitId"/> (that unit only, not its subtree) on <paramref name="day"/>.</summary>
    Task<bool> MayReadAsync(Guid accountId, Guid unitId, DateOnly day, CancellationToken ct = default);
}

/// <summary>Whether an account exists: what a write naming accounts (an inspection team) checks before it stores their ids.</summary>
public interface IAccountDirectory
{
    /// <summary>True when <paramref name="accountId"/> names an existing account.</summary>
    Task<bool> ExistsAsync(Guid accountId, CancellationToken ct = default);
}

/// <summary>Authentication scheme names and claim types shared by the host and the modules.</summary>
public static class AccessSchemes
{
    /// <summary>The policy scheme: bearer token when an Authorization header is present, otherwise the cookie.</summary>
    public const string Default = "doan";
    /// <summary>ASP.NET Core's built-in bearer token scheme.</summary>
    public const string Bearer = "BearerToken";
    /// <summary>The cookie for the web UI.</summary>
    public const string Cookie = "Cookies";
    /// <summary>Claim carrying the account id.</summary>
    public const string AccountIdClaim = "doan:account";
    /// <summary>Claim carrying the sign-in's session id, shared by its cookie and its bearer token (<see cref="SessionRevocations"/>).</summary>
    public const string SessionClaim = "doan:session";
}

/// <summary>Turns the signed-in principal into the event store's actor.</summary>
public static class PrincipalExtensions
{
    /// <summary>The account id of a signed-in principal, or null for an anonymous one.</summary>
    public static Guid? AccountId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(AccessSchemes.AccountIdClaim), out var id) ? id : null;
    }

    /// <summary>The actor stamped on every event this principal causes.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.AccountId() ?? throw new AccessDeniedException("Chưa đăng nhập.");
        return new Actor(id.ToString(), user.FindFirstValue(ClaimTypes.Name) ?? id.ToString());
    }
}
