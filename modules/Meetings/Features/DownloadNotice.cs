using System.Globalization;
using System.Security.Claims;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Meetings.Notices;
using DoanPlatform.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DoanPlatform.Meetings.Features;

/// <summary>
/// The issued Thông báo kết luận as a .docx. It is composed from the events alone (the meeting, its tasks, the
/// notice) and the tree as of the issue date, so the same notice always comes out the same.
/// </summary>
internal static class DownloadNotice
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static void Map(RouteGroupBuilder group) => group.MapGet("/{id:guid}/notice.docx", Handle);

    private static async Task<Results<FileContentHttpResult, NotFound<ProblemDetailsBody>>> Handle(
        Guid id, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory directory, CancellationToken ct)
    {
        var meeting = await MeetingHttp.LoadForReadAsync(store, access, user, id, ct);
        if (meeting is null)
            return MeetingHttp.MeetingNotFound(id);
        if (meeting.Notice is null)
            return TypedResults.NotFound(new ProblemDetailsBody(404, "Chưa ban hành thông báo", "This meeting's conclusion notice has not been issued yet."));
        var content = await ComposeAsync(store, directory, meeting, meeting.Notice, ct);
        using var buffer = new MemoryStream();
        NoticeDocument.Write(content, buffer);
        var fileName = $"Thông báo kết luận {meeting.Notice.NumberSymbol.Replace('/', '-')}.docx";
        return TypedResults.File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", fileName);
    }

    public static async Task<NoticeContent> ComposeAsync(IDocumentStore store, IUnitDirectory directory, Meeting meeting, NoticeIssued notice, CancellationToken ct)
    {
        var asOf = notice.IssuedOn;
        var convening = await directory.FindAsync(meeting.ConveningUnitId, meeting.HeldOn, ct);
        var parent = convening?.ParentId is { } parentId ? await directory.FindAsync(parentId, asOf, ct) : null;
        var names = await directory.FindManyAsync(meeting.InvitedUnits, meeting.HeldOn, ct);
        string NameOf(AttendanceRecorded a) => a.UnitId is { } u && names.TryGetValue(u, out var n) ? n.Name : a.Person ?? "";
        var absent = meeting.Attendance.Values.OrderBy(NameOf, StringComparer.Create(Vietnamese, false)).ToList();

        var tasks = new List<NoticeTask>();
        await using (var query = store.QuerySession())
        {
            foreach (var taskId in meeting.Tasks)
            {
                if ((await query.Events.AggregateStreamAsync<MeetingTask>(taskId, ct: ct))?.Assignment is { } task)
                    tasks.Add(new NoticeTask(task.Text, Assignees(task, names), task.Deadline, task.Target));
            }
        }

        var conveningName = convening?.Name ?? "";
        var chairs = string.Join("; ", meeting.Chairs.Select(c => $"đồng chí {c.Name} – {c.Title}"));
        return new NoticeContent(
            UpperBody: parent?.Name.ToUpper(Vietnamese) ?? "",
            IssuingBody: $"BCH {conveningName.ToUpper(Vietnamese)}",
            NumberSymbol: notice.NumberSymbol,
            Place: notice.Place,
            IssuedOn: notice.IssuedOn,
            Title: "THÔNG BÁO",
            Summary: $"Kết luận {meeting.Title}",
            Opening: $"Vào ngày {meeting.HeldOn.ToString("d/M/yyyy", CultureInfo.InvariantCulture)} tại {meeting.Venue}, Ban Thường vụ {conveningName} " +
                     $"đã tổ chức {meeting.Title}. Thay mặt Ban Thường vụ, {chairs} đã chủ trì và kết luận Hội nghị như sau:",
            Attendance: new NoticeAttendance(meeting.Invited, meeting.Count(AttendanceStatus.Present),
                [.. absent.Where(a => a.Status == AttendanceStatus.ExcusedAbsence).Select(a => new NoticeAbsence(NameOf(a), a.Reason ?? ""))],
                [.. absent.Where(a => a.Status == AttendanceStatus.UnexcusedAbsence).Select(NameOf)]),
            Conclusions: [.. meeting.Conclusions.Select(s => new NoticeSection(s.Number, s.Heading, s.Items))],
            Tasks: tasks,
            Closing: $"Văn phòng {conveningName} thông báo kết luận của Thường trực để các đơn vị nắm và triển khai thực hiện.",
            Recipients: notice.Recipients,
            Signature: new Notices.NoticeSignature(notice.Signature.Authority, notice.Signature.Title, notice.Signature.Signer));
    }

    private static string Assignees(TaskAssigned task, IReadOnlyDictionary<Guid, UnitSummary> names) => task.Scope switch
    {
        AssigneeScope.AllInvited => "các đơn vị dự hội nghị",
        AssigneeScope.Sector => $"các đơn vị khối {SectorName(task.Sector)}",
        _ => string.Join(", ", task.Units.Select(u => names.TryGetValue(u, out var n) ? n.Name : u.ToString())),
    };

    /// <summary>The sector as notices name it ("các đơn vị khối trường học"); the parser reads it back.</summary>
    internal static string SectorName(Sector? sector) => sector switch
    {
        Sector.Agencies => "cơ quan",
        Sector.ArmedForces => "lực lượng vũ trang",
        Sector.Communes => "xã, phường, thị trấn",
        Sector.Schools => "trường học",
        Sector.Enterprises => "doanh nghiệp",
        _ => "",
    };
}
