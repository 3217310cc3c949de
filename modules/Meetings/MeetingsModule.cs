using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Meetings.Features;
using DoanPlatform.Meetings.ReadModels;
using DoanPlatform.Meetings.Notices;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DoanPlatform.Meetings;

/// <summary>The Meetings module's only entry point: its services, events, projections and endpoints.</summary>
public static class MeetingsModule
{
    /// <summary>Registers the module's services, event types and projections.</summary>
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILegacyNoticeRegister, LegacyNoticeRegister>());
        services.Configure<StoreOptions>(ConfigureStore);
        services.AddSingleton<IEventNarrator, MeetingsNarrator>();
        services.AddSingleton<IMeetingWorkload, MeetingWorkload>();
        return services;
    }

    internal static void ConfigureStore(StoreOptions options)
    {
        options.Events
            .Add<MeetingConvened>("meetings.meeting_convened")
            .Add<UnitInvited>("meetings.unit_invited")
            .Add<UnitUninvited>("meetings.unit_uninvited")
            .Add<AttendanceRecorded>("meetings.attendance_recorded")
            .Add<ConclusionsRecorded>("meetings.conclusions_recorded")
            .Add<TaskLinked>("meetings.task_linked")
            .Add<NoticeIssued>("meetings.notice_issued")
            .Add<NoticeNumberTaken>("meetings.notice_number_taken")
            .Add<TaskAssigned>("meetings.task_assigned")
            .Add<TaskProgressReported>("meetings.task_progress_reported")
            .Add<TaskCompleted>("meetings.task_completed");
        options.Projections.Add(new AttendanceProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new TaskStatusProjection(), ProjectionLifecycle.Async);
    }

    /// <summary>Maps the module's endpoints under <c>/api/meetings</c>.</summary>
    public static IEndpointRouteBuilder MapMeetings(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/meetings").WithTags("Meetings").RequireAuthorization();
        ConveneMeeting.Map(group);
        EditInvitations.Map(group);
        ImportNoticeHttp.Map(group);
        RecordAttendance.Map(group);
        RecordConclusions.Map(group);
        AssignTask.Map(group);
        IssueNotice.Map(group);
        ReportTask.Map(group);
        DownloadNotice.Map(group);
        QueryMeetings.Map(group);
        QueryMeetingTasks.Map(group);
        return endpoints;
    }

    /// <summary>
    /// Loads the demo province's briefings of 2023 and 2024 (the CLI's <c>demo</c>, after <c>OrganisationModule.LoadDemoAsync</c>): meetings
    /// with attendance, conclusions, tasks and units' reports, and issued notices, in one bulk append; every event comes from the module's
    /// own decisions.
    /// </summary>
    public static async Task<DemoLoaded> LoadDemoAsync(IServiceProvider services, DemoProvince province, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var demo = new Demo.DemoMeetings(province);
        demo.Build();
        var events = await demo.Streams.WriteAsync(services.GetRequiredService<IDocumentStore>(), ct).ConfigureAwait(false);
        return new DemoLoaded(events,
            [$"Hội nghị: {demo.Meetings} hội nghị giao ban năm 2023–2024 ({demo.Attendance} lượt điểm danh), {demo.Meetings} thông báo kết luận, {demo.Tasks} nhiệm vụ"]);
    }

    /// <summary>
    /// Writes the issued conclusion notice of a meeting as .docx (the CLI's <c>notices docx</c>). Returns its
    /// number-symbol, or null (and writes nothing) when the meeting does not exist or has no notice yet.
    /// </summary>
    public static async Task<string?> WriteNoticeAsync(IServiceProvider services, Guid meetingId, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var store = services.GetRequiredService<IDocumentStore>();
        await using var query = store.QuerySession();
        var meeting = await query.Events.AggregateStreamAsync<Meeting>(meetingId, ct: ct).ConfigureAwait(false);
        if (meeting?.Notice is not { } notice)
            return null;
        var content = await DownloadNotice.ComposeAsync(store, services.GetRequiredService<IUnitDirectory>(), meeting, notice, ct).ConfigureAwait(false);
        NoticeDocument.Write(content, output);
        return notice.NumberSymbol;
    }

    /// <summary>
    /// Reads an old meeting notice (.txt in UTF-8 or .docx, at most 2 MB) and returns what it found as JSON:
    /// <c>kind, period, heldOn, heldUntil, place, convenor, chairs, attendance, conclusions, tasks, references,
    /// recipients, signature, warnings</c>; dates as yyyy-MM-dd.
    /// </summary>
    /// <exception cref="InvalidDataException">The file cannot be read as a notice; the message names the file and the problem.</exception>
    public static string ParseNoticeToJson(string path) => NoticeReport.ToJson(NoticeParser.Parse(NoticeText.Read(path)));

    /// <summary>Reads an old meeting notice like <see cref="ParseNoticeToJson"/> and returns a summary in Vietnamese.</summary>
    /// <exception cref="InvalidDataException">The file cannot be read as a notice; the message names the file and the problem.</exception>
    public static string ParseNoticeToSummary(string path) => NoticeReport.ToSummary(NoticeParser.Parse(NoticeText.Read(path)));

    /// <summary>
    /// Records an old notice as a meeting of the unit with code <paramref name="conveningUnitCode"/> (the CLI's
    /// <c>notices import</c>). Every absent unit the notice names must match exactly one direct unit of the convening
    /// unit on the meeting date (accents and case ignored), and its stated counts must agree with the tree unless
    /// <paramref name="force"/>; otherwise nothing is written. The unit tree's read model must be current.
    /// </summary>
    /// <returns>The meeting id (null when nothing was written), whether the import was refused, and a report in Vietnamese.</returns>
    public static async Task<(Guid? MeetingId, bool Refused, string Report)> ImportNoticeAsync(IServiceProvider services, string path,
        string conveningUnitCode, bool dryRun, bool force, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var fileName = Path.GetFileName(path);
        var result = await ImportNotice.RunAsync(services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<IUnitDirectory>(),
            new Actor("cli", "Quản trị (dòng lệnh)"),
            new ImportNotice.Request(fileName, () => NoticeText.Read(path), conveningUnitCode, new Dictionary<string, Guid>(), dryRun, force), ct).ConfigureAwait(false);
        return (result.MeetingId, result.Outcome == ImportNotice.Outcome.Refused, ImportNotice.Describe(result, fileName));
    }
}
