using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Inspections.ReadModels;

/// <summary>
/// Who is on which plan's team, for which units and period: one row per plan, account and unit. Async like the module's other read models
/// (so it fills itself from plans issued before it existed); a plan is issued ahead of its period, so the daemon's lag never shows.
/// </summary>
internal sealed class PlanTeamsProjection : IProjection
{
    public const string ProjectionName = "inspections.plan_teams";
    public string Name => ProjectionName;
    public string Schema => InspectionsSchema.Name;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(PlanIssued)];

    public string CreateTablesSql(string schema) => $"""
        create table if not exists "{schema}".plan_teams (
            plan_id uuid not null, account_id uuid not null, unit_id uuid not null, starts_on date not null, ends_on date not null,
            primary key (plan_id, account_id, unit_id));
        create index if not exists plan_teams_account on "{schema}".plan_teams (account_id, unit_id);
        """;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
            if (e.Data is PlanIssued x)
                foreach (var account in x.MemberAccountIds.Prepend(x.HeadAccountId).Distinct())
                    foreach (var unit in x.UnitIds)
                        await Sql.ExecuteAsync(context, $"insert into {context.Table("plan_teams")} values ($1, $2, $3, $4, $5) on conflict do nothing",
                            x.PlanId, account, unit, x.From, x.To);
    }
}

/// <summary>A plan's head and members read the plan's units (those units only) from its first to its last day: the plan-scoped Inspector.</summary>
internal sealed class PlanTeamGrants(IDocumentStore store) : ITemporaryReadGrants
{
    public async Task<bool> MayReadAsync(Guid accountId, Guid unitId, DateOnly day, CancellationToken ct = default)
    {
        await using var command = Sql.Command(store.DataSource, $"""
            select exists (select 1 from {InspectionsSchema.Name}.plan_teams where account_id = $1 and unit_id = $2 and starts_on <= $3 and $3 <= ends_on)
            """, accountId, unitId, day);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
