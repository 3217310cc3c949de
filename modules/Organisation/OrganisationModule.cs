using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Accounts;
using DoanPlatform.Organisation.Clusters;
using DoanPlatform.Organisation.Officials;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Features;
using DoanPlatform.Organisation.Notices;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DoanPlatform.Organisation;

/// <summary>The Organisation module's only entry point: its services, events, projections and endpoints.</summary>
public static class OrganisationModule
{
    /// <summary>Registers the module's services, event types and projections, and the shared <see cref="IUnitAccess"/>.</summary>
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IUnitAccess, UnitAccess>();
        services.AddSingleton<SessionRevocations>();
        services.AddSingleton<IAccountDirectory, Features.AccountDirectory>();
        services.AddSingleton<IUnitDirectory, UnitDirectory>();
        services.AddSingleton<INoticeRegister, NoticeRegisters>();
        services.AddSingleton<IEventNarrator, OrganisationNarrator>();
        services.Configure<StoreOptions>(ConfigureStore);
        return services;
    }

    internal static void ConfigureStore(StoreOptions options)
    {
        UnitEvents.Register(options.Events);
        AccountEvents.Register(options.Events);
        ClusterEvents.Register(options.Events);
        OfficialEvents.Register(options.Events);
        NoticeRegister.Register(options.Events);
        options.Projections.Add(new UnitCodesProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new UnitTreeProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new UnitHistoryProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new ClusterMembershipProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new CurrentOfficialsProjection(), ProjectionLifecycle.Async);
    }

    /// <summary>Maps the module's endpoints under <c>/api/organisation</c>; every one but sign-in requires an account.</summary>
    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/organisation").WithTags("Organisation").RequireAuthorization();
        AccountEndpoints.Map(group);
        EstablishUnit.Map(group);
        RenameUnit.Map(group);
        MoveUnit.Map(group);
        ReclassifyUnit.Map(group);
        SplitUnit.Map(group);
        MergeUnits.Map(group);
        DissolveUnit.Map(group);
        QueryUnits.Map(group);
        SearchUnits.Map(group);
        FormCluster.Map(group);
        AssignUnitToCluster.Map(group);
        NameClusterLeaders.Map(group);
        AppointOfficial.Map(group);
        ImportUnits.Map(group);
        return endpoints;
    }

    /// <summary>
    /// Imports a unit tree from a CSV (UTF-8) or .xlsx file (the CLI's <c>import units FILE</c>): all or nothing.
    /// Returns the number of units imported, or the rejected rows as "Dòng N: reason" with nothing written.
    /// </summary>
    public static async Task<(int Imported, IReadOnlyList<string> Errors)> ImportUnitsAsync(IServiceProvider services, string path,
        DateOnly effectiveDate, string decisionNumber, DateOnly decisionDate, string signer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var decision = Text.Decision(new Decision(decisionNumber, decisionDate, signer));
        var content = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        var (imported, errors, _) = await ImportUnits.RunAsync(services.GetRequiredService<IDocumentStore>(), new Actor("cli", "Quản trị (dòng lệnh)"),
            content, effectiveDate, decision, authorise: null, catchUp: false, ct).ConfigureAwait(false);
        return (imported, [.. errors.Select(e => $"Dòng {e.Row}: {e.Reason}")]);
    }

    /// <summary>
    /// Loads the demo province (the CLI's <c>demo</c>): Bà Rịa – Vũng Tàu's unit tree as of 2023–2024 with its officials, the 2023 and 2024
    /// emulation clusters and the demo accounts in one bulk append, then the 2025 reform decision by decision. Every event comes from the
    /// module's own decisions. Refuses with <see cref="DomainRuleException"/>, writing nothing, when any of its unit codes or accounts exists.
    /// </summary>
    public static Task<DemoProvince> LoadDemoAsync(IServiceProvider services, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Demo.LoadDemo.RunAsync(services.GetRequiredService<IDocumentStore>(), ct);
    }

    /// <summary>
    /// Creates a platform-wide Admin account (the CLI's <c>accounts create-admin</c>). There is no default
    /// password: the caller supplies one of at least 10 characters. Returns the account id.
    /// </summary>
    public static Task<Guid> CreateAdminAsync(IServiceProvider services, string userName, string displayName, string password, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return AccountEndpoints.CreateAsync(services.GetRequiredService<IDocumentStore>(), Actor.System, userName, displayName, password,
            [new Grant(Role.Admin, null)], services.GetService<TimeProvider>() ?? TimeProvider.System, ct);
    }
}
