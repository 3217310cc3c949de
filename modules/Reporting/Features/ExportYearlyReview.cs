using System.Globalization;
using System.Security.Claims;
using DoanPlatform.Emulation.Contracts;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Contracts.Documents;
using DoanPlatform.Reporting.Excel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Reporting.Features;

/// <summary>
/// <c>GET /api/reports/yearly-review?unit=CODE_OR_ID&amp;year=2023</c>: the issuing unit's yearly review workbook, streamed straight into the
/// response as it is written, named "Tổng kết năm 2023 - …xlsx". Anyone who may read the issuing unit may download it.
/// </summary>
internal static class ExportYearlyReview
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Map(RouteGroupBuilder group) => group.MapGet("/yearly-review", HandleAsync);

    private static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> HandleAsync(string? unit, string? year,
        ClaimsPrincipal user, HttpContext http, IDocumentStore store, IUnitAccess access, IUnitDirectory directory, IScaleCatalog catalog,
        IClusterRankings rankings, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(unit, year, out var reviewYear);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Dữ liệu chưa hợp lệ");
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        if (await YearlyReview.FindIssuerAsync(directory, unit!, reviewYear, today, ct) is not { } issuer)
        {
            var message = $"Không có đơn vị '{Input.Clean(unit)}' (unit) trong năm {reviewYear}.";
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy", detail: message,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["unit"] = [message] } });
        }
        await access.EnsureAsync(user, issuer.Id, UnitPermission.Read, ct);

        // Everything that can fail on bad data is loaded before the first byte is sent; only the long lists stream.
        var review = await YearlyReview.LoadAsync(store, directory, catalog, rankings, issuer, reviewYear, today, ct);
        var fileName = YearlyReview.FileName(issuer, reviewYear);
        http.Response.Headers.ContentDisposition = FileNames.Attachment(fileName);
        return TypedResults.Stream(body => ResponsePump.WriteAsync(body, output => review.WriteAsync(output, null, ct), ct), ContentType);
    }

    public static FieldErrors Validate(string? unit, string? year, out int reviewYear)
    {
        var errors = new FieldErrors().Require(Input.Clean(unit) is not null, "unit", "Cần mã hoặc id của đơn vị ban hành (unit).");
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out reviewYear))
            errors.Require(false, "year", "Cần năm tổng kết (year), ví dụ 2023.");
        else
            errors.Require(reviewYear is >= YearlyReview.MinYear and <= YearlyReview.MaxYear, "year",
                $"Năm (year) phải từ {YearlyReview.MinYear} đến {YearlyReview.MaxYear}.");
        return errors;
    }
}
