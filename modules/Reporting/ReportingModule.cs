using DoanPlatform.Emulation.Contracts;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Reporting.Features;
using DoanPlatform.Reporting.ReadModels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DoanPlatform.Reporting;

/// <summary>The Reporting module's only entry point: its services, events, projections and endpoints.</summary>
public static class ReportingModule
{
    /// <summary>Registers the module's services, event types and projections.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<StoreOptions>(ConfigureStore);
        return AuditReplayService.Register(services);
    }

    internal static void ConfigureStore(StoreOptions options)
    {
        options.Projections.Add(new ScoreLinesProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new BriefingAttendanceProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new TaskCompletionProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new InspectionResultsProjection(), ProjectionLifecycle.Async);
    }

    /// <summary>Maps the module's endpoints under <c>/api/reporting</c> and <c>/api/reports</c> (the yearly review workbook).</summary>
    public static IEndpointRouteBuilder MapReporting(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/reporting").WithTags("Reporting");
        ExportYearlyReview.Map(endpoints.MapGroup("/api/reports").WithTags("Reporting").RequireAuthorization());
        AuditReplayService.Map(endpoints);
        Overview.Map(endpoints.MapGroup("/api/reports").WithTags("Reporting").RequireAuthorization());
        return endpoints;
    }

    /// <summary>
    /// The issuing unit of a yearly review by code or id, as it stood in <paramref name="year"/>: its id and name; null when no such
    /// unit existed that year.
    /// </summary>
    public static async Task<(Guid Id, string Name)?> FindReviewIssuerAsync(IServiceProvider services, string unit, int year,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var issuer = await YearlyReview.FindIssuerAsync(services.GetRequiredService<IUnitDirectory>(), unit, year,
            DateOnly.FromDateTime(clock.GetLocalNow().DateTime), ct).ConfigureAwait(false);
        return issuer is null ? null : (issuer.Id, issuer.Name);
    }

    /// <summary>
    /// Writes the yearly review workbook of <paramref name="issuingUnitId"/> for <paramref name="year"/> to <paramref name="output"/>
    /// (any writable stream; it is written front to back). <paramref name="progress"/> hears (sheet, rows written, rows in the sheet)
    /// every 10,000 rows and at the end of each sheet. Reads the read models as they stand.
    /// </summary>
    public static async Task WriteYearlyReviewAsync(IServiceProvider services, Guid issuingUnitId, int year, Stream output,
        Action<string, long, long>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, YearlyReview.MinYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, YearlyReview.MaxYear);
        var directory = services.GetRequiredService<IUnitDirectory>();
        var issuer = await directory.FindAsync(issuingUnitId, new DateOnly(year, 12, 31), ct).ConfigureAwait(false)
                     ?? await directory.FindAsync(issuingUnitId, new DateOnly(year, 1, 1), ct).ConfigureAwait(false)
                     ?? throw new ArgumentException($"No unit {issuingUnitId} existed in {year}.", nameof(issuingUnitId));
        var review = await YearlyReview.LoadAsync(services.GetRequiredService<IDocumentStore>(), directory,
            services.GetRequiredService<IScaleCatalog>(), services.GetRequiredService<IClusterRankings>(), issuer, year,
            DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetLocalNow().DateTime), ct).ConfigureAwait(false);
        await review.WriteAsync(output, progress, ct).ConfigureAwait(false);
    }
}
