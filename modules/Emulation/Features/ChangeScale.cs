using System.Security.Claims;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Emulation.Features;

/// <summary>Revise a draft, publish it (immutable from then on), or amend a published scale as a new version with an effective date and reason.</summary>
internal static class ChangeScale
{
    public sealed record ReviseRequest(long? Version, ScaleContent? Content);

    public sealed record PublishRequest(long? Version, DateOnly? EffectiveDate);

    public sealed record AmendRequest(long? Version, DateOnly? EffectiveDate, string? Reason, ScaleContent? Content);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPut("/scales/{id:guid}", (Guid id, ReviseRequest request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
            WriteAsync(store, access, user, id, request.Version, "Sửa dự thảo thang điểm", (scale, errors) => ScaleDecisions.Revise(scale, request.Content, errors), ct));
        group.MapPost("/scales/{id:guid}/publish", (Guid id, PublishRequest request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access,
            TimeProvider clock, CancellationToken ct) =>
            WriteAsync(store, access, user, id, request.Version, "Ban hành thang điểm",
                (scale, _) => ScaleDecisions.Publish(scale, request.EffectiveDate, EmulationHttp.Today(clock)), ct));
        group.MapPost("/scales/{id:guid}/amendments", AmendAsync);
    }

    private static async Task<Results<Ok<EmulationHttp.Written>, ValidationProblem, NotFound<ProblemBody>>> WriteAsync(IDocumentStore store,
        IUnitAccess access, ClaimsPrincipal user, Guid id, long? version, string reason, Func<Scale, FieldErrors, object> decide, CancellationToken ct)
    {
        if (version is not { } expected)
            return EmulationHttp.Missing("version", "Cần phiên bản (version) của thang điểm.");
        await using var session = store.LightweightSession(user.ToActor());
        if (await session.Events.AggregateStreamAsync<Scale>(id, ct: ct) is not { } current)
            return EmulationHttp.NotFound($"Không có thang điểm {id}.");
        await access.EnsureAsync(user, current.IssuingUnitId, UnitPermission.Manage, ct);
        var stream = await session.Events.FetchForWriting<Scale>(id, expected, ct);
        var errors = new FieldErrors();
        var @event = decide(stream.Aggregate!, errors);
        if (errors.Count > 0)
            return EmulationHttp.Invalid(errors);
        stream.AppendOne(@event);
        if (@event is ScalePublished published && stream.Aggregate!.AmendsScaleId is { } previous)
            session.Events.Append(previous, new ScaleSuperseded(previous, id, published.EffectiveDate, stream.Aggregate.AmendmentReason ?? ""));
        session.Reason = reason;
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new EmulationHttp.Written(id, expected + 1));
    }

    private static async Task<Results<Created<EmulationHttp.Written>, ValidationProblem, NotFound<ProblemBody>>> AmendAsync(
        Guid id, AmendRequest request, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, CancellationToken ct)
    {
        if (request.Version is not { } expected)
            return EmulationHttp.Missing("version", "Cần phiên bản (version) của thang điểm.");
        await using var session = store.LightweightSession(user.ToActor());
        if (await session.Events.AggregateStreamAsync<Scale>(id, ct: ct) is not { } current)
            return EmulationHttp.NotFound($"Không có thang điểm {id}.");
        await access.EnsureAsync(user, current.IssuingUnitId, UnitPermission.Manage, ct);
        var stream = await session.Events.FetchForWriting<Scale>(id, expected, ct);
        var errors = new FieldErrors();
        var newId = Guid.CreateVersion7();
        var drafted = ScaleDecisions.Amend(stream.Aggregate!, newId, request.EffectiveDate, request.Reason, request.Content, errors);
        if (errors.Count > 0)
            return EmulationHttp.Invalid(errors);
        session.Reason = $"Sửa đổi thang điểm: {drafted.AmendmentReason}";
        session.Events.StartStream<Scale>(newId, drafted);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/emulation/scales/{newId}", new EmulationHttp.Written(newId, 1));
    }
}
