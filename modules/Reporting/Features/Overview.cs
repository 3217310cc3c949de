using System.Security.Claims;
using DoanPlatform.Emulation.Contracts;
using DoanPlatform.EventStore;
using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Reporting.ReadModels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace DoanPlatform.Reporting.Features;

/// <summary>
/// What an office acts on, for the overview screen (<c>GET /api/reports/overview?unitId=</c>): its overdue tasks, the score sheets submitted to
/// it awaiting assessment, the inspection adjustments awaiting its approval, its meetings without an issued notice; and the years it has
/// data for (<c>GET /api/reports/years?unitId=</c>), so screens open on the latest of them rather than on an empty current year.
/// </summary>
internal static class Overview
{
    public sealed record Counts(Guid UnitId, int OverdueTasks, int SheetsAwaitingAssessment, int AdjustmentsAwaitingApproval, int MeetingsWithoutNotice,
        int? LatestYear);

    public sealed record Years(Guid UnitId, IReadOnlyList<int> WithData, int? Latest);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/overview", async (Guid? unitId, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IMeetingWorkload meetings,
            IAdjustmentWorkload adjustments, IScaleCatalog catalog, TimeProvider clock, CancellationToken ct) =>
        {
            if (unitId is not { } id)
                return Missing();
            await access.EnsureAsync(user, id, UnitPermission.Read, ct).ConfigureAwait(false);
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            await using var command = store.DataSource.CreateCommand(
                $"select count(*) from {ReviewSql.Schema}.review_tasks where convening_unit_id = $1 and completed_on is null and deadline < $2");
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            command.Parameters.Add(new NpgsqlParameter { Value = today });
            var overdue = Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            var sheets = await SubmittedToAsync(store.DataSource, catalog, id, ct).ConfigureAwait(false);
            var years = await YearsAsync(store.DataSource, id, ct).ConfigureAwait(false);
            return TypedResults.Ok(new Counts(id, overdue, sheets, await adjustments.AdjustmentsAwaitingApprovalAsync(id, ct).ConfigureAwait(false),
                await meetings.MeetingsWithoutNoticeAsync(id, ct).ConfigureAwait(false), years.Count > 0 ? years[0] : null));
        });

        group.MapGet("/years", async (Guid? unitId, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
        {
            if (unitId is not { } id)
                return Missing();
            await access.EnsureAsync(user, id, UnitPermission.Read, ct).ConfigureAwait(false);
            var years = await YearsAsync(store.DataSource, id, ct).ConfigureAwait(false);
            return TypedResults.Ok(new Years(id, years, years.Count > 0 ? years[0] : null));
        });
    }

    private static IResult Missing() => TypedResults.ValidationProblem(
        new FieldErrors().Require(false, "unitId", "Cần chỉ rõ đơn vị (unitId)."), title: "Dữ liệu chưa hợp lệ");

    // Sheets name their scale's issuer only once locked: a submitted sheet is the issuer's when it is scored against one of its scales.
    private static async Task<int> SubmittedToAsync(NpgsqlDataSource db, IScaleCatalog catalog, Guid issuingUnitId, CancellationToken ct)
    {
        var waiting = new List<(int Year, Guid ScaleId)>();
        await using (var command = db.CreateCommand($"select year, scale_id from {ReviewSql.Schema}.review_sheets where status = 'Submitted'"))
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                waiting.Add((reader.GetInt32(0), reader.GetGuid(1)));
        var count = 0;
        foreach (var year in waiting.Select(w => w.Year).Distinct())
        {
            var scales = (await catalog.ScalesAsync(issuingUnitId, year, ct).ConfigureAwait(false)).Select(s => s.ScaleId).ToHashSet();
            count += waiting.Count(w => w.Year == year && scales.Contains(w.ScaleId));
        }
        return count;
    }

    // The years a unit convened meetings, gave or received tasks, issued or was scored against a scale, or issued inspection plans: newest first.
    private static async Task<IReadOnlyList<int>> YearsAsync(NpgsqlDataSource db, Guid unitId, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            select y from (
                select extract(year from held_on)::int as y from {ReviewSql.Schema}.review_meetings where convening_unit_id = $1
                union select extract(year from deadline)::int from {ReviewSql.Schema}.review_tasks where convening_unit_id = $1 or unit_id = $1
                union select year from {ReviewSql.Schema}.review_sheets where issuing_unit_id = $1 or unit_id = $1
                union select year from {ReviewSql.Schema}.review_plans where issuing_unit_id = $1
                union select year from {ReviewSql.Schema}.review_findings where unit_id = $1) years
            order by y desc
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = unitId });
        var years = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            years.Add(reader.GetInt32(0));
        return years;
    }
}
