using DoanPlatform.EventStore;
using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Inspections.Features;
using DoanPlatform.Inspections.ReadModels;
using DoanPlatform.Organisation.Contracts;
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILegacyNoticeRegister, LegacyConclusionRegister>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITemporaryReadGrants, PlanTeamGrants>());
        services.Configure<StoreOptions>(ConfigureStore);
        services.AddSingleton<IEventNarrator, InspectionsNarrator>();
        services.AddSingleton<IAdjustmentWorkload, AdjustmentWorkload>();
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
            .Add<AdjustmentDeclined>("inspections.adjustment_declined")
            .Add<ConclusionIssued>("inspections.conclusion_issued")
            .Add<ConclusionNumberTaken>("inspections.conclusion_number_taken");
        options.Projections.Add(new UnitFindingsProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new RecommendationsProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new AdjustmentLedgerProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new PlanTeamsProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new PlanListProjection(), ProjectionLifecycle.Async);
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

    /// <summary>
    /// Loads the demo province's 2024 inspection (the CLI's <c>demo</c>, after the Emulation demo loader): a plan, a conference reviewing the
    /// Dân – Chính – Đảng bloc's units, recommendations with follow-up, two proposed adjustments with one approved, and the conclusion, in one
    /// bulk append; every event comes from the module's own decisions. Emulation applies the approved adjustment by its subscription.
    /// </summary>
    public static async Task<DemoLoaded> LoadDemoAsync(IServiceProvider services, DemoProvince province, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var demo = new Demo.DemoInspection(province);
        var store = services.GetRequiredService<IDocumentStore>();
        await using (var scope = services.CreateAsyncScope())
        {
            var scoring = scope.ServiceProvider.GetRequiredService<IScoringStatus>();
            await demo.BuildAsync(scoring, ct).ConfigureAwait(false);
            demo.Approve(await scoring.StateAsync(demo.FirstProposedUnit, 2024, ct).ConfigureAwait(false));
        }
        var events = await demo.Streams.WriteAsync(store, ct).ConfigureAwait(false);
        // The conclusion takes its number from the province's notice register, which the demo briefings have already started.
        await using (var scope = services.CreateAsyncScope())
            events += await demo.ConcludeAsync(store, scope.ServiceProvider.GetRequiredService<INoticeRegister>(), ct).ConfigureAwait(false);
        var plan = demo.Plan;
        return new DemoLoaded(events,
        [
            $"Kiểm tra: kế hoạch {plan.Issued.NumberSymbol} ({plan.Issued.UnitIds.Count} đơn vị), {plan.Reviews.Count} nội dung được xem xét tại hội nghị kiểm tra, "
            + $"{plan.Recommendations.Count} kiến nghị, {plan.Adjustments.Count} đề xuất điều chỉnh điểm ({plan.Adjustments.Values.Count(a => a.Approved is not null)} "
            + $"được duyệt), thông báo kết luận số {plan.Conclusion?.NumberSymbol}",
        ]);
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
        ListPlans.Map(group);
        return endpoints;
    }
}
