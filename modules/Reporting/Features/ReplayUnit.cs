using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Reporting.Contracts;
using DoanPlatform.Reporting.Excel;
using DoanPlatform.Reporting.ReadModels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Reporting.Features;

/// <summary>
/// The auditor's replay of a unit: <c>GET /units/{code}?year=</c> as JSON and <c>GET /units/{code}.xlsx?year=</c> as a workbook,
/// for holders of the Audit permission on the unit (Auditor or Admin of an enclosing unit).
/// </summary>
internal static partial class ReplayUnit
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/units/{code}.xlsx", Workbook);
        group.MapGet("/units/{code}", History);
    }

    private static async Task<Results<Ok<UnitReplay>, ValidationProblem, ProblemHttpResult>> History(
        string code, string? year, ClaimsPrincipal user, IDocumentStore store, IUnitDirectory directory, IUnitAccess access, TimeProvider clock,
        CancellationToken ct)
    {
        if (!TryYear(year, out var chosen, out var invalid))
            return invalid;
        if (await FindAsync(directory, code, Today(clock), ct) is not { } unit)
            return UnknownUnit(code);
        await access.EnsureAsync(user, unit.Id, UnitPermission.Audit, ct);
        return TypedResults.Ok(await LoadAsync(store, directory, unit, chosen, ct));
    }

    private static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> Workbook(
        string code, string? year, ClaimsPrincipal user, IDocumentStore store, IUnitDirectory directory, IUnitAccess access, TimeProvider clock,
        CancellationToken ct)
    {
        if (!TryYear(year, out var chosen, out var invalid))
            return invalid;
        if (await FindAsync(directory, code, Today(clock), ct) is not { } unit)
            return UnknownUnit(code);
        await access.EnsureAsync(user, unit.Id, UnitPermission.Audit, ct);
        var history = await LoadAsync(store, directory, unit, chosen, ct);
        // A temporary file rather than memory: a unit's whole history can be long. It is deleted when the response has been sent.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        ReplayWorkbook.Write(history, file);
        file.Position = 0;
        return TypedResults.File(file, ContentType, ReplayWorkbook.FileName(history));
    }

    public static bool ValidYear(int year) => year is >= 1900 and <= 2100;

    private static bool TryYear(string? text, out int? year, [NotNullWhen(false)] out ValidationProblem? invalid)
    {
        (year, invalid) = (null, null);
        if (text is null)
            return true;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && ValidYear(y))
        {
            year = y;
            return true;
        }
        invalid = TypedResults.ValidationProblem(new FieldErrors().Require(false, "year", "Năm phải là số từ 1900 đến 2100."), title: "Dữ liệu chưa hợp lệ");
        return false;
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(UnitTimelineProjection.Vietnam).DateTime);

    public static ProblemHttpResult UnknownUnit(string code) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy đơn vị", detail: $"Không có đơn vị mã '{code}'.");

    /// <summary>The unit that has or had this code: codes are never reused, so a merged or dissolved unit is found too.</summary>
    public static async Task<UnitSummary?> FindAsync(IUnitDirectory directory, string code, DateOnly today, CancellationToken ct) =>
        Input.Clean(code) is { } clean ? await directory.FindByCodeAnyTimeAsync(clean, today, ct) : null;

    /// <summary>The unit's history with every unit placeholder replaced by that unit's name on the line's date.</summary>
    public static async Task<UnitReplay> LoadAsync(IDocumentStore store, IUnitDirectory directory, UnitSummary unit, int? year, CancellationToken ct)
    {
        var rows = await UnitTimeline.ForUnitAsync(store.DataSource, unit.Id, year, ct);
        var names = await NamesAsync(directory, rows, ct);
        var entries = rows.Select(r => new ReplayEntry(r.Sequence, r.EffectiveDate, r.RecordedAt.ToOffset(UnitTimelineProjection.Vietnam), r.ActorId, r.Actor,
            r.Decision, UnitPlaceholder().Replace(r.Text, m => names[(Guid.Parse(m.Groups[1].Value), r.Day)]), r.Reason, r.EventType)).ToList();
        return new UnitReplay(unit.Id, unit.Code, unit.Name, year, entries);
    }

    // A placeholder names the unit as it was on the line's date; a unit that ceased that day is named as it was the day before.
    private static async Task<Dictionary<(Guid, DateOnly), string>> NamesAsync(IUnitDirectory directory, IReadOnlyList<TimelineRow> rows, CancellationToken ct)
    {
        var keys = rows.SelectMany(r => UnitPlaceholder().Matches(r.Text).Select(m => (Guid.Parse(m.Groups[1].Value), r.Day))).ToHashSet();
        if (keys.Count == 0)
            return [];
        var found = await directory.FindManyAsync(keys, ct);
        var missing = keys.Where(k => !found.ContainsKey(k)).ToList();
        var dayBefore = missing.Count == 0 ? found : await directory.FindManyAsync([.. missing.Select(k => (k.Item1, k.Item2.AddDays(-1)))], ct);
        return keys.ToDictionary(k => k, k =>
            found.GetValueOrDefault(k)?.Name ?? dayBefore.GetValueOrDefault((k.Item1, k.Item2.AddDays(-1)))?.Name ?? "(đơn vị không xác định)");
    }

    [GeneratedRegex(@"\{unit:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}")]
    private static partial Regex UnitPlaceholder();
}
