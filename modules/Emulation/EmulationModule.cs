using DoanPlatform.Emulation.Contracts;
using DoanPlatform.Emulation.Features;
using DoanPlatform.Emulation.ReadModels;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DoanPlatform.Emulation;

/// <summary>The Emulation module's only entry point: its services, events, projections and endpoints.</summary>
public static class EmulationModule
{
    /// <summary>Registers the module's services, event types and projections.</summary>
    public static IServiceCollection AddEmulation(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<StoreOptions>(ConfigureStore);
        ApplyInspectionAdjustments.Register(services);
        services.AddSingleton<IEventNarrator, EmulationNarrator>();
        services.TryAddSingleton<IScaleCatalog, EmulationQueries>();
        services.TryAddSingleton<IClusterRankings, EmulationQueries>();
        return services;
    }

    internal static void ConfigureStore(StoreOptions options)
    {
        options.Events
            .Add<ScaleDrafted>("emulation.scale_drafted")
            .Add<ScaleDraftRevised>("emulation.scale_draft_revised")
            .Add<ScalePublished>("emulation.scale_published")
            .Add<ScaleSuperseded>("emulation.scale_superseded")
            .Add<SelfAssessed>("emulation.self_assessed")
            .Add<SelfAssessmentSubmitted>("emulation.self_assessment_submitted")
            .Add<SelfAssessmentReturned>("emulation.self_assessment_returned")
            .Add<ScoresAssessed>("emulation.scores_assessed")
            .Add<ScoreAdjusted>("emulation.score_adjusted")
            .Add<ScoresLocked>("emulation.scores_locked")
            .Add<ResultPublished>("emulation.result_published")
            .Add<ScoringReopened>("emulation.scoring_reopened")
            .Add<EvidenceAttached>("emulation.evidence_attached");
        options.Projections.Add(new ScaleListProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new MeetingFactsProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new ScoreStepsProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new UnitResultsProjection(), ProjectionLifecycle.Async);
    }

    /// <summary>Maps the module's endpoints under <c>/api/emulation</c>.</summary>
    public static IEndpointRouteBuilder MapEmulation(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/emulation").WithTags("Emulation").RequireAuthorization();
        DraftScale.Map(group);
        ChangeScale.Map(group);
        QueryScale.Map(group);
        ListScales.Map(group);
        SelfAssess.Map(group);
        SubmitSelfAssessment.Map(group);
        ReturnSelfAssessment.Map(group);
        AssessScores.Map(group);
        AdjustScore.Map(group);
        LockScores.Map(group);
        PublishResult.Map(group);
        QuerySheet.Map(group);
        QueryRankings.Map(group);
        ExportRanking.Map(group);
        ExportScoringSheet.Map(group);
        ScaleWorkbookTransfer.Map(group);
        AttachEvidence.Map(group);
        return endpoints;
    }

    /// <summary>
    /// Loads the demo province's emulation (the CLI's <c>demo</c>, after the Organisation and Meetings demo loaders): the 2023 and 2024 scales,
    /// every grassroots unit's self-assessment and assessment of both years, 2023 locked and published, in one bulk append; every event comes
    /// from the module's own decisions. Locking reads the briefing facts from the read model, as <c>LockScores</c> does: it must be current.
    /// </summary>
    public static async Task<Organisation.Contracts.DemoLoaded> LoadDemoAsync(IServiceProvider services, Organisation.Contracts.DemoProvince province,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(province);
        var store = services.GetRequiredService<IDocumentStore>();
        var facts = new Dictionary<Guid, UnitFacts>();
        foreach (var unit in province.Grassroots.Where(u => u.EstablishedOn.Year <= 2023))
            facts[unit.Id] = await MeetingFacts.ForUnitAsync(store.DataSource, unit.Id, 2023, ct).ConfigureAwait(false);
        var demo = new Demo.DemoEmulation(province, facts);
        demo.Build();
        var events = await demo.Streams.WriteAsync(store, ct).ConfigureAwait(false);
        var conditions = demo.Scales[2023].Content.AllConditions.Count();
        return new Organisation.Contracts.DemoLoaded(events,
        [
            $"Thi đua: 2 thang điểm ({conditions} điều kiện), {demo.Sheets} bảng điểm tự chấm và được chấm; năm 2023 đã chốt và công bố ("
            + string.Join(", ", demo.Classified.OrderByDescending(c => c.Value).Select(c => $"{c.Key}: {c.Value}")) + "), năm 2024 đã chấm",
        ]);
    }

    /// <summary>A scale as .xlsx (one row per condition), or null when there is no such scale.</summary>
    public static async Task<byte[]?> ExportScaleAsync(IServiceProvider services, Guid scaleId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var query = services.GetRequiredService<IDocumentStore>().QuerySession();
        return await query.Events.AggregateStreamAsync<Scale>(scaleId, ct: ct) is { } scale ? Excel.ScaleWorkbook.Export(scale.Content) : null;
    }

    /// <summary>Drafts a scale from an .xlsx file; returns its id, or the errors (field → messages, in Vietnamese) and writes nothing.</summary>
    public static async Task<(Guid Id, IReadOnlyDictionary<string, string[]> Errors)> ImportScaleAsync(IServiceProvider services, string path,
        Guid issuingUnitId, int year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var file = File.OpenRead(path);
        var (id, errors) = await ScaleWorkbookTransfer.ImportAsync(services.GetRequiredService<IDocumentStore>(), new Actor("cli", "Dòng lệnh"), issuingUnitId,
            year, file, ct);
        return (id, errors);
    }

    /// <summary>The cluster rankings of an issuing unit's year as .xlsx (one sheet per cluster, or only <paramref name="clusterId"/>).</summary>
    public static Task<byte[]> ExportRankingAsync(IServiceProvider services, Guid issuingUnitId, int year, Guid? clusterId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return ExportRanking.BuildAsync(services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<Organisation.Contracts.IUnitDirectory>(),
            issuingUnitId, year, clusterId, ct);
    }
}
