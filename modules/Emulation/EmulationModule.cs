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
