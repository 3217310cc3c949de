using System.Globalization;
using System.Text;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Accounts;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace DoanPlatform.Organisation.Features;

/// <summary>
/// What unit pickers and lists of past work need: the units in the caller's scope that existed in a period (a year or a day), found
/// by name or code without regard to accents, merged and dissolved ones included and marked; and units named as they stood on given
/// dates with what they are today.
/// </summary>
internal static class SearchUnits
{
    /// <summary>A unit today: the same unit (renamed or moved) or the units it merged or split into.</summary>
    public sealed record Successor(Guid Id, string Code, string Name, string? ParentName);

    /// <summary>
    /// A unit as it stood in the period. <paramref name="EndedOn"/> and <paramref name="End"/> ("Merged", "Split", "Dissolved") are set
    /// when it no longer exists today; <paramref name="Today"/> names what stands for it today (itself when it still exists).
    /// </summary>
    public sealed record UnitHit(Guid Id, string Code, string Name, string Level, Guid? ParentId, string? ParentName, int Depth,
        DateOnly? EndedOn, string? End, IReadOnlyList<Successor> Today);

    public sealed record SearchAnswer(IReadOnlyList<UnitHit> Units, bool More);

    public sealed record AsOfKey(Guid UnitId, DateOnly On);

    public sealed record AsOfRequest(IReadOnlyList<AsOfKey>? Units);

    /// <summary>A unit on a date (or as it last stood before it, or first stood after it), with what it is today.</summary>
    public sealed record UnitOnDate(Guid UnitId, DateOnly On, string Code, string Name, string? ParentName, DateOnly? EndedOn, string? End, IReadOnlyList<Successor> Today);

    private const int MaxLimit = 100;
    private const string T = $"\"{Db.Schema}\".unit_versions";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/units/search", Search);
        group.MapPost("/units/as-of", AsOf);
    }

    private static async Task<IResult> Search(string? q, int? year, string? asOf, string? permission, int? limit, HttpContext http,
        IDocumentStore store, IUnitAccess access, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Require(year is null || year is >= 2000 and <= 2100, "year", "Năm (year) phải từ 2000 đến 2100.")
            .Require(limit is null || limit is >= 1 and <= MaxLimit, "limit", $"Số đơn vị (limit) phải từ 1 đến {MaxLimit}.");
        UnitPermission wanted = UnitPermission.Read;
        errors.Require(permission is null || Enum.TryParse(permission, ignoreCase: true, out wanted), "permission",
            "Quyền (permission) phải là Read, Contribute, Manage hoặc Audit.");
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Dữ liệu chưa hợp lệ");
        var (from, to) = year is { } y ? (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31)) : (QueryUnits.AsOf(asOf, clock), QueryUnits.AsOf(asOf, clock));

        var account = await ((UnitAccess)access).AccountAsync(http.User, ct).ConfigureAwait(false)
            ?? throw new AccessDeniedException("Chưa đăng nhập.");
        var global = account.Grants.Any(g => g is { Role: Role.Admin, UnitId: null });
        var roots = account.Grants.Where(g => g.UnitId is not null && UnitAccess.Permits(g.Role, wanted, ownUnit: false)).Select(g => g.UnitId!.Value).Distinct().ToArray();
        var own = account.Grants.Where(g => g is { UnitId: not null, Role: Role.UnitSecretary } && UnitAccess.Permits(g.Role, wanted, ownUnit: true))
            .Select(g => g.UnitId!.Value).Except(roots).Distinct().ToArray();
        var query = Fold(Input.Clean(q) ?? "");
        var take = limit ?? 30;

        var hits = await FindAsync(store.DataSource, global, roots, own, from, to, query, take + 1, ct).ConfigureAwait(false);
        if (!global)
        {
            // Scope is judged on today's tree (a unit moved out of the caller's subtree since is no longer theirs to open).
            var allowed = new List<Row>();
            foreach (var hit in hits)
                if (await access.CanAsync(http.User, hit.Id, wanted, ct).ConfigureAwait(false))
                    allowed.Add(hit);
            hits = allowed;
        }
        var page = hits.Take(take).ToList();
        var now = await TodayAsync(store, page.Select(h => h.Id).ToArray(), ct).ConfigureAwait(false);
        return TypedResults.Ok(new SearchAnswer(
            [.. page.Select(h => new UnitHit(h.Id, h.Code, h.Name, h.Level, h.ParentId, h.ParentName, h.Depth,
                now[h.Id].EndedOn, now[h.Id].End, now[h.Id].Successors))],
            hits.Count > take));
    }

    private static async Task<IResult> AsOf(AsOfRequest request, IDocumentStore store, CancellationToken ct)
    {
        var keys = (request.Units ?? []).Distinct().ToList();
        if (keys.Count > 1000)
            return TypedResults.ValidationProblem(new FieldErrors().Require(false, "units", "Tối đa 1.000 đơn vị mỗi lần."), title: "Dữ liệu chưa hợp lệ");
        // Names only, like an account's name by id: the ids come from records the caller may read.
        await using var command = store.DataSource.CreateCommand($"""
            select k.id, k.d, v.code, v.name, p.name
            from unnest(@ids::uuid[], @dates::date[]) k(id, d)
            cross join lateral (
                select code, name, parent_id, valid_from, valid_to from {T} where unit_id = k.id
                order by (valid_from <= k.d and (valid_to is null or valid_to > k.d)) desc, (valid_from <= k.d) desc, valid_from desc
                limit 1) v
            left join lateral (
                select name from {T} where unit_id = v.parent_id and valid_from <= least(k.d, coalesce(v.valid_to - 1, k.d))
                order by valid_from desc limit 1) p on true
            """);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { Value = keys.Select(k => k.UnitId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("dates", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Date) { Value = keys.Select(k => k.On).ToArray() });
        var rows = await command.ListAsync(r => (Id: r.GetGuid(0), On: r.GetFieldValue<DateOnly>(1), Code: r.GetString(2), Name: r.GetString(3), Parent: r.NullableString(4)), ct).ConfigureAwait(false);
        var now = await TodayAsync(store, [.. rows.Select(r => r.Id).Distinct()], ct).ConfigureAwait(false);
        return TypedResults.Ok(rows.Select(r => new UnitOnDate(r.Id, r.On, r.Code, r.Name, r.Parent, now[r.Id].EndedOn, now[r.Id].End, now[r.Id].Successors)).ToList());
    }

    private sealed record Row(Guid Id, string Code, string Name, string Level, Guid? ParentId, string? ParentName, int Depth);

    private static async Task<List<Row>> FindAsync(NpgsqlDataSource db, bool global, Guid[] roots, Guid[] own, DateOnly from, DateOnly to,
        string query, int take, CancellationToken ct)
    {
        // The subtree walks the links of the period and today's, so a unit that came under the scope since is found with its old name.
        const string Link = "c.valid_from <= @to and (c.valid_to is null or c.valid_to > @from) or c.valid_to is null";
        var start = global
            ? $"select unit_id, 0, false from {T} c where c.parent_id is null or c.parent_id not in (select unit_id from {T})"
            : "select r.id, 0, r.leaf from (select unnest(@roots) as id, false as leaf union all select unnest(@own), true) r";
        // A platform-wide search needs no walk: everything is in scope.
        var scope = global && query.Length > 0
            ? $"scoped as (select distinct unit_id, 0 as depth, false as leaf from {T})"
            : $"""
              sub(unit_id, depth, leaf) as (
                  {start}
                  union all
                  select c.unit_id, sub.depth + 1, false from {T} c join sub on c.parent_id = sub.unit_id
                  where ({Link}) and sub.depth < 12 and not sub.leaf),
              scoped as (select unit_id, min(depth) as depth, bool_and(leaf) as leaf from sub group by unit_id)
              """;
        var match = query.Length == 0
            ? "s.depth <= (case when s.leaf then 0 else 1 end)"
            : $"exists (select 1 from {T} m where m.unit_id = s.unit_id and (m.valid_from <= @to and (m.valid_to is null or m.valid_to > @from) or m.valid_to is null)"
              + " and (translate(lower(m.name), @accented, @plain) like @q or lower(m.code) like @q))";
        await using var command = db.CreateCommand($"""
            with recursive {scope}
            select s.unit_id, v.code, v.name, v.level, v.parent_id, p.name, s.depth
            from scoped s
            cross join lateral (
                select code, name, level, parent_id, valid_from, valid_to from {T}
                where unit_id = s.unit_id and valid_from <= @to and (valid_to is null or valid_to > @from)
                order by valid_from desc limit 1) v
            left join lateral (
                select name from {T} where unit_id = v.parent_id and valid_from <= least(@to, coalesce(v.valid_to - 1, @to))
                order by valid_from desc limit 1) p on true
            where {match}
            order by s.depth, v.name
            limit @take
            """);
        command.Parameters.Add(new NpgsqlParameter("roots", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { Value = roots });
        command.Parameters.Add(new NpgsqlParameter("own", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { Value = own });
        command.Date("from", from).Date("to", to).Str("q", $"%{Like(query)}%").Str("accented", Accented).Str("plain", Plain)
            .With("take", take, NpgsqlTypes.NpgsqlDbType.Integer);
        var rows = await command.ListAsync(r => new Row(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.NullableGuid(4),
            r.NullableString(5), r.GetInt32(6)), ct).ConfigureAwait(false);
        // The database's collation may not be Vietnamese: order each depth the way a Vietnamese reader expects.
        return [.. rows.OrderBy(r => r.Depth).ThenBy(r => r.Name, Comparer<string>.Create(Vietnamese.Compare))];
    }

    private sealed record Now(DateOnly? EndedOn, string? End, IReadOnlyList<Successor> Successors);

    // What each unit is today: itself while it exists; else how it ended and, through merges and splits, the units that stand for it.
    private static async Task<Dictionary<Guid, Now>> TodayAsync(IDocumentStore store, Guid[] ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, Now>();
        if (ids.Length == 0)
            return result;
        var current = await CurrentAsync(store.DataSource, ids, ct).ConfigureAwait(false);
        foreach (var id in ids)
        {
            if (current.TryGetValue(id, out var self))
            {
                result[id] = new Now(null, null, [self]);
                continue;
            }
            await using var session = store.QuerySession();
            var events = await session.Events.FetchStreamAsync(id, ct: ct).ConfigureAwait(false);
            var (ended, end, next) = events.Count == 0 ? (default(DateOnly?), default(string), Array.Empty<Guid>()) : events[^1].Data switch
            {
                UnitMerged m => (m.EffectiveDate, "Merged", [m.IntoUnitId]),
                UnitSplit s => (s.EffectiveDate, "Split", [.. s.SuccessorIds]),
                UnitDissolved d => ((DateOnly?)d.EffectiveDate, (string?)"Dissolved", Array.Empty<Guid>()),
                _ => (null, null, Array.Empty<Guid>()),
            };
            var successors = new List<Successor>();
            var seen = new HashSet<Guid> { id };
            var queue = new Queue<Guid>(next);
            while (queue.Count > 0 && seen.Count < 64)
            {
                var candidate = queue.Dequeue();
                if (!seen.Add(candidate))
                    continue;
                var found = await CurrentAsync(store.DataSource, [candidate], ct).ConfigureAwait(false);
                if (found.TryGetValue(candidate, out var standing))
                {
                    successors.Add(standing);
                    continue;
                }
                var later = await session.Events.FetchStreamAsync(candidate, ct: ct).ConfigureAwait(false);
                foreach (var further in later.Count == 0 ? [] : later[^1].Data switch
                {
                    UnitMerged m => [m.IntoUnitId],
                    UnitSplit s => s.SuccessorIds,
                    _ => Array.Empty<Guid>(),
                })
                    queue.Enqueue(further);
            }
            result[id] = new Now(ended ?? LastDay(events), end, successors);
        }
        return result;
    }

    private static DateOnly? LastDay(IReadOnlyList<IEvent> events) => events.Count == 0 ? null : events[^1].Data switch
    {
        UnitMerged m => m.EffectiveDate,
        UnitSplit s => s.EffectiveDate,
        UnitDissolved d => d.EffectiveDate,
        _ => null,
    };

    private static async Task<Dictionary<Guid, Successor>> CurrentAsync(NpgsqlDataSource db, Guid[] ids, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            select v.unit_id, v.code, v.name, p.name from {T} v
            left join {T} p on p.unit_id = v.parent_id and p.valid_to is null
            where v.unit_id = any(@ids) and v.valid_to is null
            """);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { Value = ids });
        var rows = await command.ListAsync(r => new Successor(r.GetGuid(0), r.GetString(1), r.GetString(2), r.NullableString(3)), ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Id);
    }

    // Every precomposed Vietnamese letter, and the unaccented lower-case letter SQL's translate() turns it into; lower() alone may
    // leave non-ASCII capitals as they are under a C collation, so capitals are listed too.
    private static readonly string Accented = Letters().Accented;
    private static readonly string Plain = Letters().Plain;

    private static (string Accented, string Plain) Letters()
    {
        const string vowels = "aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐ";
        string[] marks = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"];
        var accented = new StringBuilder();
        var plain = new StringBuilder();
        foreach (var vowel in vowels)
            foreach (var mark in marks)
            {
                var letter = (vowel + mark).Normalize(NormalizationForm.FormC);
                if (letter.Length != 1 || (letter[0] < 128 && mark.Length == 0) || accented.ToString().Contains(letter[0], StringComparison.Ordinal))
                    continue;
                accented.Append(letter[0]);
                plain.Append(Fold(letter));
            }
        return (accented.ToString(), plain.ToString());
    }

    /// <summary>Lower case without diacritics (đ → d): what names are compared on.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            builder.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string Like(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal);
}
