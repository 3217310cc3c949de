using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Reporting.Contracts;
using DoanPlatform.Reporting.Excel;
using DoanPlatform.Reporting.ReadModels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DoanPlatform.Reporting.Features;

/// <summary>The auditor's replay with full rights, for the CLI; and the one place its pieces are registered and mapped.</summary>
internal sealed class AuditReplayService(IDocumentStore store, IUnitDirectory directory, TimeProvider clock) : IAuditReplay
{
    public IReadOnlyList<string> ReadModels => ReplayAsOf.ReadModels(store);

    public async Task<UnitReplay?> HistoryAsync(string code, int? year, CancellationToken ct = default)
    {
        if (year is { } y && !ReplayUnit.ValidYear(y))
            throw new ArgumentOutOfRangeException(nameof(year), year, "The year must be between 1900 and 2100.");
        return await ReplayUnit.FindAsync(directory, code, ReplayUnit.Today(clock), ct).ConfigureAwait(false) is { } unit
            ? await ReplayUnit.LoadAsync(store, directory, unit, year, ct).ConfigureAwait(false)
            : null;
    }

    public void WriteWorkbook(UnitReplay replay, Stream output) => ReplayWorkbook.Write(replay, output);

    public string WorkbookFileName(UnitReplay replay) => ReplayWorkbook.FileName(replay);

    public async Task<UnitStateAsOf?> StateAsOfAsync(string code, DateTimeOffset at, string? readModel, CancellationToken ct = default)
    {
        if (readModel is not null && !ReadModels.Contains(readModel))
            throw new ArgumentException($"No read model is named '{readModel}'. Known: {string.Join(", ", ReadModels)}.", nameof(readModel));
        return await ReplayUnit.FindAsync(directory, code, ReplayUnit.Today(clock), ct).ConfigureAwait(false) is { } unit
            ? await ReplayAsOf.ReadAsync(store, unit, at, readModel, ct).ConfigureAwait(false)
            : null;
    }

    /// <summary>The timeline over every module's narrations, and the replay service.</summary>
    public static IServiceCollection Register(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IAuditReplay, AuditReplayService>();
        services.AddOptions<StoreOptions>().Configure<IEnumerable<IEventNarrator>>((options, narrators) =>
            options.Projections.Add(new UnitTimelineProjection([.. narrators]), ProjectionLifecycle.Async));
        return services;
    }

    /// <summary>The auditor's endpoints under <c>/api/reports/audit</c>.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/reports/audit").WithTags("Reporting").RequireAuthorization();
        ReplayUnit.Map(group);
        ReplayAsOf.Map(group);
    }
}
