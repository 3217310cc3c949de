using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;

namespace DoanPlatform.Meetings;

/// <summary>A meeting's state: who was invited, who came, what was concluded, whether its notice is out.</summary>
internal sealed record Meeting(
    Guid Id, MeetingKind Kind, Guid ConveningUnitId, string Title, string Period, DateOnly HeldOn, DateOnly? HeldUntil, string Venue,
    IReadOnlyList<Chair> Chairs, string? MinuteTaker, IReadOnlyList<Guid> InvitedUnits, IReadOnlyList<string> InvitedPeople,
    IReadOnlyDictionary<string, AttendanceRecorded> Attendance, IReadOnlyList<ConclusionSection> Conclusions,
    IReadOnlyList<Guid> Tasks, NoticeIssued? Notice) : IAggregate<Meeting>
{
    public static Meeting Initial { get; } = new(Guid.Empty, MeetingKind.Briefing, Guid.Empty, "", "", default, null, "", [], null, [], [],
        new Dictionary<string, AttendanceRecorded>(), [], [], null);

    public static string AttendeeKey(Guid? unitId, string? person) => unitId is { } id ? $"unit:{id}" : $"person:{person}";

    public Meeting Evolve(object @event) => @event switch
    {
        MeetingConvened e => this with
        {
            Id = e.MeetingId, Kind = e.Kind, ConveningUnitId = e.ConveningUnitId, Title = e.Title, Period = e.Period, HeldOn = e.HeldOn,
            HeldUntil = e.HeldUntil, Venue = e.Venue, Chairs = e.Chairs, MinuteTaker = e.MinuteTaker, InvitedUnits = e.InvitedUnits,
            InvitedPeople = e.InvitedPeople,
        },
        UnitInvited e => this with { InvitedUnits = [.. InvitedUnits, e.UnitId] },
        UnitUninvited e => this with { InvitedUnits = [.. InvitedUnits.Where(u => u != e.UnitId)] },
        AttendanceRecorded e => this with
        {
            Attendance = new Dictionary<string, AttendanceRecorded>(Attendance) { [AttendeeKey(e.UnitId, e.Person)] = e },
        },
        ConclusionsRecorded e => this with { Conclusions = e.Sections },
        TaskLinked e => this with { Tasks = [.. Tasks, e.TaskId] },
        NoticeIssued e => this with { Notice = e },
        _ => this,
    };

    public int Invited => InvitedUnits.Count + InvitedPeople.Count;

    public int Count(AttendanceStatus status) => Attendance.Values.Count(a => a.Status == status);
}

/// <summary>A task's state: who must do it, by when, and who has reported it done.</summary>
internal sealed record MeetingTask(TaskAssigned? Assignment, IReadOnlyDictionary<Guid, TaskCompleted> Completed) : IAggregate<MeetingTask>
{
    public static MeetingTask Initial { get; } = new(null, new Dictionary<Guid, TaskCompleted>());

    public MeetingTask Evolve(object @event) => @event switch
    {
        TaskAssigned e => this with { Assignment = e },
        TaskCompleted e => this with { Completed = new Dictionary<Guid, TaskCompleted>(Completed) { [e.UnitId] = e } },
        _ => this,
    };
}

/// <summary>A task was created from this meeting (the task itself lives in its own stream).</summary>
internal sealed record TaskLinked(Guid MeetingId, Guid TaskId);
