using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Meetings.Features;

/// <summary>The tasks a meeting gave, in the order given, with the units that must do them (the meeting screen's task list).</summary>
internal static class QueryMeetingTasks
{
    public sealed record TaskView(Guid TaskId, string Text, AssigneeScope Scope, Sector? Sector, IReadOnlyList<Guid> Units, IReadOnlyList<string> UnitNames,
        DateOnly Deadline, string? DeadlineText, string? Target, int CompletedBy);

    public static void Map(RouteGroupBuilder group) => group.MapGet("/{id:guid}/tasks", Handle);

    private static async Task<Results<Ok<IReadOnlyList<TaskView>>, NotFound<ProblemDetailsBody>>> Handle(
        Guid id, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory directory, CancellationToken ct)
    {
        var meeting = await MeetingHttp.LoadForReadAsync(store, access, user, id, ct);
        if (meeting is null)
            return MeetingHttp.MeetingNotFound(id);
        var names = await directory.FindManyAsync(meeting.InvitedUnits, meeting.HeldOn, ct);
        var tasks = new List<TaskView>();
        await using var query = store.QuerySession();
        foreach (var taskId in meeting.Tasks)
        {
            if (await query.Events.AggregateStreamAsync<MeetingTask>(taskId, ct: ct) is { Assignment: { } task } stream)
            {
                tasks.Add(new TaskView(task.TaskId, task.Text, task.Scope, task.Sector, task.Units,
                    [.. task.Units.Select(u => names.TryGetValue(u, out var unit) ? unit.Name : u.ToString())], task.Deadline, task.DeadlineText, task.Target,
                    stream.Completed.Count));
            }
        }
        return TypedResults.Ok<IReadOnlyList<TaskView>>(tasks);
    }
}
