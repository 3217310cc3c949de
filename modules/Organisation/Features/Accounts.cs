using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Accounts;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Organisation.Features;

internal sealed class AccountDirectory(IDocumentStore store) : IAccountDirectory
{
    public async Task<bool> ExistsAsync(Guid accountId, CancellationToken ct = default) =>
        await AccountEndpoints.LoadAsync(store, accountId, ct).ConfigureAwait(false) is not null;
}

/// <summary>Sign-in (bearer token and cookie), the signed-in account, account creation and role grants.</summary>
internal static class AccountEndpoints
{
    public sealed record SignInRequest(string? UserName, string? Password);
    public sealed record CreateRequest(string? UserName, string? DisplayName, string? Password);
    public sealed record GrantRequest(Role? Role, Guid? UnitId);
    public sealed record AccountView(Guid Id, string UserName, string DisplayName, IReadOnlyList<Grant> Grants);
    public sealed record AccountName(Guid Id, string UserName, string DisplayName);

    public static ClaimsPrincipal Principal(Account account, string scheme, string session) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new Claim(ClaimTypes.Name, account.DisplayName),
            new Claim(AccessSchemes.AccountIdClaim, account.Id.ToString()),
            new Claim(AccessSchemes.SessionClaim, session),
        ], scheme));

    public static async Task<Account?> LoadAsync(IDocumentStore store, Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var account = await session.Events.AggregateStreamAsync<Account>(id, ct: ct).ConfigureAwait(false);
        return account is { Exists: true } ? account : null;
    }

    public static async Task<Guid> CreateAsync(IDocumentStore store, Actor actor, string userName, string displayName, string password,
        IEnumerable<Grant> grants, TimeProvider clock, CancellationToken ct)
    {
        var existing = await LoadAsync(store, Account.IdFor(userName), ct).ConfigureAwait(false);
        var created = AccountDecisions.Create(existing, userName, displayName, password, clock.GetUtcNow());
        var account = Account.Initial.Evolve(created);
        var events = new List<object> { created };
        foreach (var grant in grants)
        {
            var granted = AccountDecisions.GrantRole(account, grant.Role, grant.UnitId, clock.GetUtcNow());
            account = account.Evolve(granted);
            events.Add(granted);
        }
        await using var session = store.LightweightSession(actor);
        session.Reason = "Tạo tài khoản";
        session.Events.StartStream<Account>(created.AccountId, [.. events]);
        await session.SaveChangesAsync(ct).ConfigureAwait(false);
        return created.AccountId;
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/sign-in", async (SignInRequest request, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        {
            var account = await LoadAsync(store, Account.IdFor(request.UserName ?? ""), ct).ConfigureAwait(false);
            if (!(account ?? Account.Initial).Verify(request.Password ?? "") || account is null)
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sai tên đăng nhập hoặc mật khẩu");
            var session = SessionRevocations.NewSession();
            await http.SignInAsync(AccessSchemes.Cookie, Principal(account, AccessSchemes.Cookie, session)).ConfigureAwait(false);
            return (IResult)TypedResults.SignIn(Principal(account, AccessSchemes.Bearer, session), authenticationScheme: AccessSchemes.Bearer);
        }).AllowAnonymous();

        // Ends the session server-side: its cookie and bearer token are refused from now on, even replayed.
        group.MapPost("/sign-out", async (HttpContext http, SessionRevocations sessions) =>
        {
            sessions.Revoke(http.User);
            await http.SignOutAsync(AccessSchemes.Cookie).ConfigureAwait(false);
            return TypedResults.NoContent();
        });

        group.MapGet("/accounts/me", async (HttpContext http, IDocumentStore store, CancellationToken ct) =>
        {
            var account = await LoadAsync(store, http.User.AccountId() ?? Guid.Empty, ct).ConfigureAwait(false);
            return account is null
                ? (IResult)TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Tài khoản không còn tồn tại")
                : TypedResults.Ok(new AccountView(account.Id, account.UserName, account.DisplayName, account.Grants));
        });

        // Who an account is, without its grants: screens show an inspection team by name. Any signed-in account may ask by id (ids come from
        // records it may read); finding an account by user name is for those who form teams, the office staff and admins.
        // Ids are derived from user names, so they can be guessed: a name is shown only to those who share a scope with the account
        // (or who may look accounts up by user name anyway); to anyone else the account does not exist.
        group.MapGet("/accounts/{id:guid}", async (Guid id, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
            await LoadAsync(store, id, ct).ConfigureAwait(false) is { } account && await MayReadNameAsync(http.User, account, store, access, ct).ConfigureAwait(false)
                ? (IResult)TypedResults.Ok(new AccountName(account.Id, account.UserName, account.DisplayName))
                : AccountNotFound($"Không có tài khoản {id}."));

        group.MapGet("/accounts/lookup", async (string? userName, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        {
            var caller = await LoadAsync(store, http.User.AccountId() ?? Guid.Empty, ct).ConfigureAwait(false);
            if (caller is null || !caller.Grants.Any(g => g.Role is Role.Admin or Role.OfficeStaff))
                throw new AccessDeniedException("Chỉ văn phòng và quản trị viên được tìm tài khoản theo tên đăng nhập.");
            if (Input.Clean(userName) is not { } name)
                return TypedResults.ValidationProblem(new FieldErrors().Require(false, "userName", "Cần tên đăng nhập (userName)."), title: "Dữ liệu chưa hợp lệ");
            return await LoadAsync(store, Account.IdFor(name), ct).ConfigureAwait(false) is { } account
                ? (IResult)TypedResults.Ok(new AccountName(account.Id, account.UserName, account.DisplayName))
                : AccountNotFound($"Không có tài khoản có tên đăng nhập '{name}'.", "userName");
        });

        group.MapPost("/accounts", async (CreateRequest request, HttpContext http, IDocumentStore store, IUnitAccess access, TimeProvider clock, CancellationToken ct) =>
        {
            var caller = await LoadAsync(store, http.User.AccountId() ?? Guid.Empty, ct).ConfigureAwait(false);
            if (caller is null || !caller.Grants.Any(g => g.Role == Role.Admin))
                throw new AccessDeniedException("Chỉ quản trị viên được tạo tài khoản.");
            var id = await CreateAsync(store, http.User.ToActor(), request.UserName ?? "", request.DisplayName ?? "", request.Password ?? "", [], clock, ct)
                .ConfigureAwait(false);
            return TypedResults.Created($"/api/organisation/accounts/{id}", new WriteResult(id, 1));
        });

        group.MapPost("/accounts/{id:guid}/grants", (Guid id, GrantRequest request, HttpContext http, IDocumentStore store, IUnitAccess access, TimeProvider clock, CancellationToken ct) =>
            ChangeGrantAsync(id, request, http, store, access, ct, (account, role) => AccountDecisions.GrantRole(account, role, request.UnitId, clock.GetUtcNow())));

        group.MapPost("/accounts/{id:guid}/revocations", (Guid id, GrantRequest request, HttpContext http, IDocumentStore store, IUnitAccess access, TimeProvider clock, CancellationToken ct) =>
            ChangeGrantAsync(id, request, http, store, access, ct, (account, role) => AccountDecisions.RevokeRole(account, role, request.UnitId, clock.GetUtcNow())));
    }

    private static async Task<bool> MayReadNameAsync(ClaimsPrincipal user, Account account, IDocumentStore store, IUnitAccess access, CancellationToken ct)
    {
        if (user.AccountId() == account.Id)
            return true;
        var caller = await LoadAsync(store, user.AccountId() ?? Guid.Empty, ct).ConfigureAwait(false);
        if (caller is null)
            return false;
        if (caller.Grants.Any(g => g.Role is Role.Admin or Role.OfficeStaff))
            return true;
        // A shared scope either way: the caller reads a unit the account holds a role on, or the account reads one the caller does.
        foreach (var unit in account.Grants.Select(g => g.UnitId).OfType<Guid>().Distinct())
            if (await access.CanAsync(user, unit, UnitPermission.Read, ct).ConfigureAwait(false))
                return true;
        var other = new ClaimsPrincipal(new ClaimsIdentity([new Claim(AccessSchemes.AccountIdClaim, account.Id.ToString())], "lookup"));
        foreach (var unit in caller.Grants.Select(g => g.UnitId).OfType<Guid>().Distinct())
            if (await access.CanAsync(other, unit, UnitPermission.Read, ct).ConfigureAwait(false))
                return true;
        return false;
    }

    private static IResult AccountNotFound(string message, string? field = null) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Không tìm thấy tài khoản", detail: message,
        extensions: field is null ? null : new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    private static async Task<IResult> ChangeGrantAsync(Guid id, GrantRequest request, HttpContext http, IDocumentStore store, IUnitAccess access,
        CancellationToken ct, Func<Account, Role, object> decide)
    {
        var role = request.Role ?? throw Text.Invalid("role", "Thiếu vai trò.");
        if (request.UnitId is { } named && await UnitWrites.LoadAsync(store, named, ct).ConfigureAwait(false) is not { Status: not Units.UnitStatus.NotEstablished })
            throw Text.Invalid("unitId", "Không có đơn vị này.");
        var allowed = request.UnitId is { } unitId
            ? await access.CanAsync(http.User, unitId, UnitPermission.Administer, ct).ConfigureAwait(false)
            : await access.IsGlobalAdminAsync(http.User, ct).ConfigureAwait(false);
        if (!allowed)
            throw new AccessDeniedException("Chỉ quản trị viên của đơn vị được phân quyền trên đơn vị đó.");
        await using var session = store.LightweightSession(http.User.ToActor());
        var stream = await session.Events.FetchForWriting<Account>(id, ct).ConfigureAwait(false);
        if (stream.Aggregate is not { Exists: true } account)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy tài khoản");
        if (UnitWrites.ExpectedVersion(http, null) is { } expected && expected != stream.StartingVersion)
            throw new ConcurrencyException(id, expected, stream.StartingVersion);
        stream.AppendOne(decide(account, role));
        session.Reason = "Phân quyền";
        await session.SaveChangesAsync(ct).ConfigureAwait(false);
        return UnitWrites.Written(http, id, stream.StartingVersion + 1);
    }
}
