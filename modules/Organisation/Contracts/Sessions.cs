using System.Collections.Concurrent;
using System.Security.Claims;

namespace DoanPlatform.Organisation.Contracts;

/// <summary>
/// The sessions ended by signing out. A sign-in's cookie and bearer token carry one session id (<see cref="AccessSchemes.SessionClaim"/>);
/// once it is revoked, neither is accepted again, however long it had to live. Kept in memory for the tokens' lifetime: a restart of the
/// host also rotates nothing, so a deployment that must survive restarts keeps the revocations with the data-protection keys (README).
/// </summary>
public sealed class SessionRevocations(TimeProvider clock)
{
    /// <summary>How long a session lives at most: the cookie's and the bearer token's lifetime.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);

    /// <summary>A new session id for a sign-in.</summary>
    public static string NewSession() => Guid.NewGuid().ToString("N");

    /// <summary>Ends the session <paramref name="user"/> signed in with (nothing when it carries none).</summary>
    public void Revoke(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.FindFirstValue(AccessSchemes.SessionClaim) is not { Length: > 0 } session)
            return;
        var now = clock.GetUtcNow();
        _revoked[session] = now + Lifetime;
        foreach (var (old, until) in _revoked)
            if (until < now)
                _revoked.TryRemove(old, out _);
    }

    /// <summary>True when <paramref name="user"/> is signed in with a session that has ended, or with none at all.</summary>
    public bool IsRevoked(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(AccessSchemes.SessionClaim) is not { Length: > 0 } session || _revoked.ContainsKey(session);
    }
}
