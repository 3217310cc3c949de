using System.Globalization;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Organisation.Features;

/// <summary>Reads: a unit's current state, the tree / ancestors / descendants as of a date, a unit's history.</summary>
internal static class QueryUnits
{
    public sealed record UnitView(Guid Id, string Code, string Name, string ShortName, UnitLevel Level, Sector Sector,
        OrganisationKind Organisation, Guid? ParentId, Guid? UnionUnitId, DateOnly EstablishedOn, string Status, long Version);

    public static DateOnly AsOf(string? value, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(value))
            return DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        string[] formats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];
        return DateOnly.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Text.Invalid("asOf", "Ngày không hợp lệ; dùng yyyy-MM-dd hoặc dd/MM/yyyy.");
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/units/{id:guid}", async (Guid id, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
        {
            await access.EnsureAsync(http.User, id, UnitPermission.Read, ct).ConfigureAwait(false);
            var (unit, version) = await UnitWrites.LoadVersionedAsync(store, id, ct).ConfigureAwait(false);
            if (unit is null)
                return UnitWrites.NotFound(id);
            http.Response.Headers.ETag = $"\"{version}\"";
            return TypedResults.Ok(new UnitView(unit.Id, unit.Code, unit.Name, unit.ShortName, unit.Level, unit.Sector, unit.Organisation,
                unit.ParentId, unit.UnionUnitId, unit.EstablishedOn, unit.Status.ToString(), version));
        });

        group.MapGet("/tree", async (string? asOf, Guid? root, HttpContext http, IDocumentStore store, IUnitAccess access, TimeProvider clock, CancellationToken ct) =>
        {
            var date = AsOf(asOf, clock);
            if (root is { } r)
                await access.EnsureAsync(http.User, r, UnitPermission.Read, ct).ConfigureAwait(false);
            else if (!await access.IsGlobalAdminAsync(http.User, ct).ConfigureAwait(false))
                throw new AccessDeniedException("Cần chỉ rõ đơn vị gốc (root) thuộc phạm vi được phân quyền.");
            return TypedResults.Ok(await UnitTree.AsOfAsync(store.DataSource, date, root, ct).ConfigureAwait(false));
        });

        group.MapGet("/units/{id:guid}/ancestors", async (Guid id, string? asOf, HttpContext http, IDocumentStore store, IUnitAccess access, TimeProvider clock, CancellationToken ct) =>
        {
            var date = AsOf(asOf, clock);
            await access.EnsureAsync(http.User, id, UnitPermission.Read, ct).ConfigureAwait(false);
            return TypedResults.Ok(await UnitTree.AncestorsAsync(store.DataSource, id, date, ct).ConfigureAwait(false));
        });

        group.MapGet("/units/{id:guid}/descendants", async (Guid id, string? asOf, HttpContext http, IDocumentStore store, IUnitAccess access, TimeProvider clock, CancellationToken ct) =>
        {
            var date = AsOf(asOf, clock);
            await access.EnsureAsync(http.User, id, UnitPermission.Read, ct).ConfigureAwait(false);
            return TypedResults.Ok(await UnitTree.DescendantsAsync(store.DataSource, id, date, ct).ConfigureAwait(false));
        });

        group.MapGet("/units/{id:guid}/history", async (Guid id, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
        {
            await access.EnsureAsync(http.User, id, UnitPermission.Read, ct).ConfigureAwait(false);
            var history = await UnitHistory.ForUnitAsync(store.DataSource, id, ct).ConfigureAwait(false);
            return history.Count == 0 ? UnitWrites.NotFound(id) : TypedResults.Ok(history);
        });
    }
}
