using DoanPlatform.EventStore;
using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Inspections.Features;
using DoanPlatform.Inspections.ReadModels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DoanPlatform.Inspections;

/// <summary>The Inspections module's only entry point: its services, events, projections and endpoints.</summary>
public static class InspectionsModule
{
    /// <summary>Registers the module's services, event types and projections.</summary>
    public static IServiceCollection AddInspections(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<StoreOptions>(ConfigureStore);
        services.AddSingleton<IEventNarrator, InspectionsNarrator>();
        return services;
    }

    internal static void ConfigureStore(StoreOptions options)
    {
        options.Events
            .Add<PlanIssued>("inspections.plan_issued")
            .Add<InspectionHeld>("inspections.inspection_held")
            .Add<TopicReviewed>("inspections.topic_reviewed")
            .Add<RecommendationMade>("inspections.recommendation_made")
            .Add<RecommendationReported>("inspections.recommendation_reported")
            .Add<AdjustmentProposed>("inspections.adjustment_proposed")
            .Add<AdjustmentApproved>("inspections.adjustment_approved")
            .Add<AdjustmentApplied>("inspections.adjustment_applied")
            .Add<AdjustmentRefused>("inspections.adjustment_refused")
            .Add<ConclusionIssued>("inspections.conclusion_issued")
            .Add<ConclusionNumberTaken>("inspections.conclusion_number_taken");
        options.Projections.Add(new UnitFindingsProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new RecommendationsProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new AdjustmentLedgerProjection(), ProjectionLifecycle.Async);
    }

    /// <summary>
    /// The issued inspection conclusion of a plan as .docx (the CLI's <c>inspections conclusion</c>): its number-symbol
    /// and bytes, or null when the plan does not exist or has no conclusion yet.
    /// </summary>
    public static async Task<(string NumberSymbol, byte[] Docx)?> ConclusionDocxAsync(IServiceProvider services, Guid planId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (await Features.InspectionHttp.LoadAsync(services.GetRequiredService<IDocumentStore>(), planId, ct).ConfigureAwait(false) is not { Conclusion: { } conclusion } plan)
            return null;
        var bytes = await ConclusionDocument.ComposeAsync(plan, conclusion, services.GetRequiredService<DoanPlatform.Organisation.Contracts.IUnitDirectory>(), ct).ConfigureAwait(false);
        return (conclusion.NumberSymbol, bytes);
    }

    /// <summary>Maps the module's endpoints under <c>/api/inspections</c>.</summary>
    public static IEndpointRouteBuilder MapInspections(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/inspections").WithTags("Inspections").RequireAuthorization();
        IssuePlan.Map(group);
        HoldInspection.Map(group);
        Adjustments.Map(group);
        ReportRecommendation.Map(group);
        IssueConclusion.Map(group);
        QueryInspections.Map(group);
        return endpoints;
    }
}
