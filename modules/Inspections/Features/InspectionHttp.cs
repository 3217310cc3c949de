using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanPlatform.Inspections.Features;

/// <summary>A minimal problem body for typed 404s.</summary>
internal sealed record ProblemBody(int Status, string Title, string Detail);

/// <summary>
/// What every plan write shares: load at the caller's version, check who may act, decide, save with who and why.
/// A team member's writes are checked here, on the plan itself: the plan's units, while the plan runs. Its reads elsewhere go through
/// <see cref="IUnitAccess"/>, which asks the plans' team grants (<see cref="ReadModels.PlanTeamsProjection"/>) for the same units and period.
/// </summary>
internal static class InspectionHttp
{
    public sealed record Written(Guid Id, long Version);

    public static ValidationProblem Invalid(FieldErrors errors) => TypedResults.ValidationProblem(errors, title: "Dữ liệu chưa hợp lệ");

    public static NotFound<ProblemBody> PlanNotFound(Guid id) => TypedResults.NotFound(new ProblemBody(404, "Không tìm thấy kế hoạch kiểm tra", $"No plan has id {id}."));

    public static NotFound<ProblemBody> NotFound(string what) => TypedResults.NotFound(new ProblemBody(404, "Không tìm thấy", what));

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The plan's issuer: OfficeStaff or Admin over the issuing unit.</summary>
    public static Task EnsureIssuerAsync(IUnitAccess access, ClaimsPrincipal user, InspectionPlan plan, CancellationToken ct) =>
        access.EnsureAsync(user, plan.Issued.IssuingUnitId, UnitPermission.Manage, ct);

    /// <summary>The issuer, or a team member acting on the plan's units during the plan's period.</summary>
    public static async Task EnsureInspectorAsync(IUnitAccess access, ClaimsPrincipal user, InspectionPlan plan, IEnumerable<Guid> units, DateOnly today,
        CancellationToken ct)
    {
        if (plan.TeamMayInspect(user.AccountId(), today, units))
            return;
        if (!await access.CanAsync(user, plan.Issued.IssuingUnitId, UnitPermission.Manage, ct))
            throw new AccessDeniedException("Chỉ đoàn kiểm tra (trong thời gian của kế hoạch) hoặc đơn vị ban hành kế hoạch mới được ghi kết quả kiểm tra.");
    }

    /// <summary>Reading a plan: whoever may read the issuing unit, or its team during the plan.</summary>
    public static async Task EnsureReaderAsync(IUnitAccess access, ClaimsPrincipal user, InspectionPlan plan, DateOnly today, CancellationToken ct)
    {
        if (plan.TeamMayInspect(user.AccountId(), today, []))
            return;
        await access.EnsureAsync(user, plan.Issued.IssuingUnitId, UnitPermission.Read, ct);
    }

    public static async Task<InspectionPlan?> LoadAsync(IDocumentStore store, Guid id, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var plan = await query.Events.AggregateStreamAsync<InspectionPlan>(id, ct: ct);
        return plan?.Plan is null ? null : plan;
    }

    /// <summary>
    /// The shape of every plan write: the version is required (unless <paramref name="versionOptional"/>: an addition such as a
    /// follow-up report changes nothing another writer could have read, so it applies to the plan as it is), <paramref name="authorize"/> runs on the current plan, then
    /// <paramref name="missing"/> names an unknown part of it (an adjustment, a recommendation, a unit not in the plan: 404), the plan is loaded
    /// at the caller's version (409 on a clash), <paramref name="decide"/> turns it into events or field errors, and they are saved with who and why.
    /// </summary>
    public static async Task<Results<Ok<Written>, ValidationProblem, NotFound<ProblemBody>>> WriteAsync(
        IDocumentStore store, ClaimsPrincipal user, Guid id, long? version, string reason, Func<InspectionPlan, Task> authorize,
        Func<InspectionPlan, FieldErrors, Task<IReadOnlyList<object>>> decide, CancellationToken ct, Func<InspectionPlan, string?>? missing = null,
        bool versionOptional = false)
    {
        if (version is null && !versionOptional)
            return Invalid(new FieldErrors().Require(false, "version", "Cần phiên bản (version) của kế hoạch kiểm tra đang sửa."));
        if (await LoadAsync(store, id, ct) is not { } current)
            return PlanNotFound(id);
        await authorize(current);
        if (missing?.Invoke(current) is { } unknown)
            return NotFound(unknown);
        await using var session = store.LightweightSession(user.ToActor());
        var stream = version is { } expected
            ? await session.Events.FetchForWriting<InspectionPlan>(id, expected, ct)
            : await session.Events.FetchForWriting<InspectionPlan>(id, ct);
        var errors = new FieldErrors();
        var events = await decide(stream.Aggregate!, errors);
        if (errors.Count > 0)
            return Invalid(errors);
        session.Reason = reason;
        session.Decision = current.Issued.NumberSymbol;
        stream.AppendMany(events);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new Written(id, stream.StartingVersion + events.Count));
    }
}
