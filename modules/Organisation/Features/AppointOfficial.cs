using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Officials;
using DoanPlatform.Organisation.ReadModels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Organisation.Features;

internal static class AppointOfficial
{
    public sealed record Request(string? PersonName, Position? Position, string? Term, DateOnly? EffectiveDate, Decision? Decision, string? Reason);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/units/{id:guid}/officials", async (Guid id, Request request, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
        {
            await access.EnsureAsync(http.User, id, UnitPermission.Manage, ct).ConfigureAwait(false);
            var decision = Text.Decision(request.Decision);
            var unit = await UnitWrites.LoadAsync(store, id, ct).ConfigureAwait(false);
            if (unit is null)
                return UnitWrites.NotFound(id);
            var appointed = AppointmentDecisions.Appoint(Guid.CreateVersion7(), unit, request.PersonName ?? "",
                request.Position ?? throw Text.Invalid("position", "Thiếu chức vụ."), request.Term ?? "", Text.EffectiveDate(request.EffectiveDate), decision);
            await using var session = store.LightweightSession(http.User.ToActor());
            session.Decision = decision.NumberSymbol;
            session.Reason = Text.Clean(request.Reason) is { Length: > 0 } reason ? reason : null;
            session.Events.StartStream<Appointment>(appointed.AppointmentId, appointed);
            await session.SaveChangesAsync(ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/organisation/officials/{appointed.AppointmentId}", new WriteResult(appointed.AppointmentId, 1));
        });

        group.MapPost("/officials/{id:guid}/relieve", async (Guid id, DecisionRequest request, HttpContext http, IDocumentStore store, IUnitAccess access, CancellationToken ct) =>
        {
            var decision = Text.Decision(request.Decision);
            await using var session = store.LightweightSession(http.User.ToActor());
            var stream = await session.Events.FetchForWriting<Appointment>(id, ct).ConfigureAwait(false);
            if (stream.Aggregate is null)
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy quyết định bổ nhiệm");
            await access.EnsureAsync(http.User, stream.Aggregate.UnitId, UnitPermission.Manage, ct).ConfigureAwait(false);
            if (UnitWrites.ExpectedVersion(http, request.Version) is { } expected && expected != stream.StartingVersion)
                throw new ConcurrencyException(id, expected, stream.StartingVersion);
            stream.AppendOne(AppointmentDecisions.Relieve(stream.Aggregate, Text.EffectiveDate(request.EffectiveDate), decision));
            session.Decision = decision.NumberSymbol;
            session.Reason = Text.Clean(request.Reason) is { Length: > 0 } reason ? reason : null;
            await session.SaveChangesAsync(ct).ConfigureAwait(false);
            return UnitWrites.Written(http, id, stream.StartingVersion + 1);
        });

        group.MapGet("/units/{id:guid}/officials", async (Guid id, string? asOf, bool? all, HttpContext http, IDocumentStore store, IUnitAccess access,
            TimeProvider clock, CancellationToken ct) =>
        {
            await access.EnsureAsync(http.User, id, UnitPermission.Read, ct).ConfigureAwait(false);
            DateOnly? date = all == true ? null : QueryUnits.AsOf(asOf, clock);
            return TypedResults.Ok(await CurrentOfficials.ForUnitAsync(store.DataSource, id, date, ct).ConfigureAwait(false));
        });
    }
}
