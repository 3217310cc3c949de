using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Import;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Organisation.Features;

/// <summary>A whole unit tree from one sheet, all or nothing: every bad row is named, and then nothing is written.</summary>
internal static class ImportUnits
{
    public sealed record Plan(IReadOnlyList<UnitEstablished> Units, IReadOnlyList<SheetError> Errors);

    public static UnitLevel? ParseLevel(string value)
    {
        if (value.Length == 0)
            return null;
        if (Enum.TryParse<UnitLevel>(value, ignoreCase: true, out var level) && !char.IsAsciiDigit(value[0]))
            return level;
        var v = value.ToLowerInvariant();
        return v.Contains("trung ương", StringComparison.Ordinal) ? UnitLevel.Central
            : v.Contains("tỉnh", StringComparison.Ordinal) || v.Contains("thành đoàn", StringComparison.Ordinal) ? UnitLevel.Province
            : v.Contains("huyện", StringComparison.Ordinal) || v.Contains("quận", StringComparison.Ordinal) || v.Contains("thị đoàn", StringComparison.Ordinal) ? UnitLevel.District
            : v.Contains("khối", StringComparison.Ordinal) ? UnitLevel.Bloc
            : v.Contains("cơ sở", StringComparison.Ordinal) ? UnitLevel.Grassroots
            : v.Contains("chi đoàn", StringComparison.Ordinal) ? UnitLevel.Branch
            : v.Contains("xã", StringComparison.Ordinal) || v.Contains("phường", StringComparison.Ordinal) ? UnitLevel.Commune
            : null;
    }

    public static Sector? ParseSector(string value)
    {
        if (value.Length == 0)
            return Sector.None;
        if (Enum.TryParse<Sector>(value, ignoreCase: true, out var sector) && !char.IsAsciiDigit(value[0]))
            return sector;
        var v = value.ToLowerInvariant();
        return v.Contains("cơ quan", StringComparison.Ordinal) ? Sector.Agencies
            : v.Contains("vũ trang", StringComparison.Ordinal) || v == "llvt" ? Sector.ArmedForces
            : v.Contains("trường", StringComparison.Ordinal) ? Sector.Schools
            : v.Contains("doanh nghiệp", StringComparison.Ordinal) ? Sector.Enterprises
            : v.Contains("xã", StringComparison.Ordinal) || v.Contains("phường", StringComparison.Ordinal) ? Sector.Communes
            : null;
    }

    /// <summary>Validates every row against the sheet and the units already known by code; events parents-first when all is well.</summary>
    public static Plan Decide(IReadOnlyList<SheetRow> rows, IReadOnlyDictionary<string, Guid> existing, DateOnly effectiveDate, Decision decision, Func<Guid> newId)
    {
        var errors = new List<SheetError>();
        var byCode = new Dictionary<string, SheetRow>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Code.Length == 0)
                errors.Add(new(row.Row, "Thiếu mã đơn vị."));
            if (row.Name.Length == 0)
                errors.Add(new(row.Row, "Thiếu tên đơn vị."));
            if (ParseLevel(row.Level) is null)
                errors.Add(new(row.Row, row.Level.Length == 0 ? "Thiếu cấp đơn vị." : $"Cấp “{row.Level}” không hợp lệ."));
            if (ParseSector(row.Sector) is null)
                errors.Add(new(row.Row, $"Khối “{row.Sector}” không hợp lệ."));
            if (row.Code.Length == 0)
                continue;
            if (byCode.TryGetValue(row.Code, out var first))
                errors.Add(new(row.Row, $"Trùng mã {row.Code} với dòng {first.Row}."));
            else if (existing.ContainsKey(row.Code))
                errors.Add(new(row.Row, $"Mã {row.Code} đã có trong hệ thống."));
            else
                byCode[row.Code] = row;
        }
        foreach (var row in byCode.Values)
        {
            if (row.ParentCode.Length > 0 && !byCode.ContainsKey(row.ParentCode) && !existing.ContainsKey(row.ParentCode))
                errors.Add(new(row.Row, $"Không tìm thấy đơn vị cấp trên mã {row.ParentCode}."));
        }
        foreach (var row in byCode.Values)
        {
            var path = new List<string> { row.Code };
            for (var parent = row.ParentCode; byCode.TryGetValue(parent, out var next); parent = next.ParentCode)
            {
                if (path.Contains(parent))
                {
                    if (parent == row.Code)
                        errors.Add(new(row.Row, $"Vòng lặp cấp trên: {string.Join(" → ", path)} → {parent}."));
                    break;
                }
                path.Add(parent);
            }
        }
        if (errors.Count > 0)
            return new Plan([], [.. errors.OrderBy(e => e.Row)]);

        var ids = byCode.ToDictionary(r => r.Key, _ => newId(), StringComparer.Ordinal);
        var ordered = new List<UnitEstablished>(byCode.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);
        void Add(SheetRow row)
        {
            if (!done.Add(row.Code))
                return;
            if (byCode.TryGetValue(row.ParentCode, out var parentRow))
                Add(parentRow);
            Guid? parentId = row.ParentCode.Length == 0 ? null : ids.TryGetValue(row.ParentCode, out var id) ? id : existing[row.ParentCode];
            ordered.Add(new UnitEstablished(ids[row.Code], row.Code, row.Name, row.ShortName.Length > 0 ? row.ShortName : row.Name, ParseLevel(row.Level)!.Value,
                ParseSector(row.Sector)!.Value, OrganisationKind.Union, parentId, null, [], effectiveDate, decision));
        }
        foreach (var row in rows.Where(r => byCode.TryGetValue(r.Code, out var kept) && kept == r))
            Add(row);
        return new Plan(ordered, []);
    }

    /// <summary>Reads, validates and bulk-appends; returns the errors (nothing written) or the number of units imported.</summary>
    public static async Task<(int Imported, IReadOnlyList<SheetError> Errors, IReadOnlyList<UnitEstablished> Units)> RunAsync(IDocumentStore store, Actor actor,
        byte[] content, DateOnly effectiveDate, Decision decision, Func<IReadOnlyList<UnitEstablished>, Task>? authorise, bool catchUp, CancellationToken ct)
    {
        var (rows, sheetErrors) = UnitSheet.Read(content, UnitSheet.LooksLikeXlsx(content));
        if (catchUp)
            await UnitWrites.CatchUpAsync(store, ct).ConfigureAwait(false);
        var codes = rows.SelectMany(r => new[] { r.Code, r.ParentCode }).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var existing = await UnitTree.IdsByCodeAsync(store.DataSource, codes, ct).ConfigureAwait(false);
        var plan = Decide(rows, existing, effectiveDate, decision, Guid.CreateVersion7);
        var errors = sheetErrors.Concat(plan.Errors).OrderBy(e => e.Row).ToList();
        if (errors.Count > 0 || plan.Units.Count == 0)
            return (0, errors.Count > 0 ? errors : [new SheetError(1, "Tệp không có đơn vị nào.")], []);
        if (authorise is not null)
            await authorise(plan.Units).ConfigureAwait(false);
        await UnitCodesProjection.SaveAsync(() => store.Advanced.BulkInsertStreamsAsync(plan.Units.Select(u => new BulkStream(u.UnitId, nameof(Unit), [u])), actor,
            $"Nhập danh sách đơn vị theo quyết định {decision.NumberSymbol}", ct)).ConfigureAwait(false);
        return (plan.Units.Count, [], plan.Units);
    }

    public static void Map(RouteGroupBuilder group) => group.MapPost("/imports/units", async (string? effectiveDate, string? decisionNumber, string? decisionDate,
        string? signer, HttpContext http, IDocumentStore store, IUnitAccess access, TimeProvider clock, CancellationToken ct) =>
    {
        var effective = QueryUnits.AsOf(effectiveDate ?? throw Text.Invalid("effectiveDate", "Thiếu ngày hiệu lực."), clock);
        var decision = Text.Decision(new Decision(decisionNumber ?? "", QueryUnits.AsOf(decisionDate ?? effectiveDate, clock), signer ?? ""));
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
        var global = await access.IsGlobalAdminAsync(http.User, ct).ConfigureAwait(false);
        var (imported, errors, _) = await RunAsync(store, http.User.ToActor(), buffer.ToArray(), effective, decision, async units =>
        {
            if (global)
                return;
            var inFile = units.Select(u => u.UnitId).ToHashSet();
            if (units.Any(u => u.ParentId is null))
                throw new AccessDeniedException("Chỉ quản trị viên toàn hệ thống được nhập đơn vị cấp cao nhất.");
            foreach (var parent in units.Select(u => u.ParentId!.Value).Where(p => !inFile.Contains(p)).Distinct())
                await access.EnsureAsync(http.User, parent, UnitPermission.Manage, ct).ConfigureAwait(false);
        }, catchUp: true, ct).ConfigureAwait(false);
        if (errors.Count > 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Tệp có dòng không hợp lệ; không có đơn vị nào được nhập",
                detail: string.Join(" ", errors.Take(20).Select(e => $"Dòng {e.Row}: {e.Reason}")),
                extensions: new Dictionary<string, object?> { ["errors"] = errors });
        return (IResult)TypedResults.Ok(new { imported });
    });
}
