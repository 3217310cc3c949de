using System.Security.Claims;
using System.Text.Json;
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
/// <c>POST /api/meetings/import</c>, multipart: <c>file</c>, <c>conveningUnitId</c>, <c>dryRun</c>, <c>force</c> and <c>matches</c> (a JSON
/// object: name as the notice writes it → unit id, for names not matched by themselves). The same import as the CLI's <c>notices import</c>;
/// a dry run answers the preview, an import writes all or nothing with the file name as the reason. Who may convene for the unit may import.
/// </summary>
internal static class ImportNoticeHttp
{
    public sealed record UnitChoice(Guid Id, string Code, string Name);

    public sealed record NameLine(string Written, AttendanceStatus Status, Guid? UnitId, string? UnitName, bool Manual, string? Problem);

    public sealed record TaskLine(DateOnly Deadline, string Text, IReadOnlyList<string> Units);

    /// <summary>
    /// What the notice would become (or became, with <see cref="MeetingId"/>); <see cref="Refusals"/> say why it cannot be imported yet.
    /// A chair of one cluster's meeting carries the cluster; <see cref="KindWarning"/> says why the kind may be wrong.
    /// </summary>
    public sealed record Preview(
        Guid? MeetingId, string FileName, MeetingKind Kind, string Title, string Period, DateOnly HeldOn, DateOnly? HeldUntil, string Venue,
        IReadOnlyList<Chair> Chairs, UnitChoice ConveningUnit, int Invited, int Present, int Excused, int Unexcused, IReadOnlyList<NameLine> Names,
        IReadOnlyList<UnitChoice> Candidates, int ConclusionSections, int ConclusionItems, IReadOnlyList<TaskLine> Tasks, int Events,
        IReadOnlyList<string> Warnings, IReadOnlyList<string> Conflicts, IReadOnlyList<string> Refusals, string? KindWarning);

    // Room for the form's other fields and multipart headers around a file of the largest size read.
    private const long FormOverhead = 64 * 1024;

    private static readonly string TooLargeMessage = $"Tệp quá lớn: tối đa {NoticeText.MaxBytes / 1024 / 1024} MB.";

    public static void Map(RouteGroupBuilder group) => group.MapPost("/import", HandleAsync);

    private static async Task<Results<Ok<Preview>, Created<Preview>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpRequest http, ClaimsPrincipal user, IDocumentStore store, IUnitAccess access, IUnitDirectory directory, CancellationToken ct)
    {
        if (http.ContentLength > NoticeText.MaxBytes + FormOverhead)
            return TooLarge();
        if (!http.HasFormContentType)
            return MeetingHttp.Invalid(new FieldErrors().Require(false, ImportNotice.FileField, "Gửi tệp thông báo trong một biểu mẫu multipart/form-data (trường file)."));
        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return MeetingHttp.Invalid(new FieldErrors().Require(false, ImportNotice.FileField, "Không đọc được biểu mẫu gửi lên; hãy chọn lại tệp rồi gửi lại."));
        }

        var errors = new FieldErrors();
        var unitText = form[ImportNotice.ConveningUnitField].ToString();
        errors.Require(Guid.TryParse(unitText, out var unitId), ImportNotice.ConveningUnitField, "Chọn đơn vị triệu tập.");
        var dryRun = Flag(form, "dryRun", errors);
        var force = Flag(form, "force", errors);
        var matches = Matches(form, errors);
        var file = form.Files.GetFile(ImportNotice.FileField);
        var fileName = Uploads.FileName(file?.FileName);
        errors.Require(file is not null, ImportNotice.FileField, "Chọn tệp thông báo (.txt hoặc .docx).");
        errors.Require(file is null || file.Length > 0, ImportNotice.FileField, "Tệp rỗng, không có nội dung.");
        errors.Require(file is null || fileName is not null, ImportNotice.FileField, "Tệp gửi lên không có tên; cần tên .txt hoặc .docx.");
        if (!errors.ContainsKey(ImportNotice.ConveningUnitField))
            await access.EnsureAsync(user, unitId, UnitPermission.Manage, ct);
        if (file?.Length > NoticeText.MaxBytes)
            return TooLarge();
        if (errors.Count > 0)
            return MeetingHttp.Invalid(errors);

        var content = new byte[file!.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(content, ct);
        var result = await ImportNotice.RunAsync(store, directory, user.ToActor(),
            new ImportNotice.Request(fileName!, () => NoticeText.Read(fileName!, content), unitId.ToString(), matches, dryRun, force), ct);
        if (result.Invalid.Count > 0)
            return MeetingHttp.Invalid(result.Invalid);
        var preview = PreviewOf(result, fileName!);
        if (dryRun)
            return TypedResults.Ok(preview);
        if (result.Unmatched.Count > 0)
        {
            var unmatched = new FieldErrors();
            foreach (var name in result.Unmatched)
                unmatched.Require(false, ImportNotice.MatchField(name), "Chọn đơn vị ứng với tên này; chưa ghi gì.");
            return MeetingHttp.Invalid(unmatched);
        }
        if (result.Outcome == ImportNotice.Outcome.Refused)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Không nhập thông báo; chưa ghi gì",
                detail: string.Join(" ", result.Refusals), extensions: new Dictionary<string, object?> { ["warnings"] = result.Warnings });
        }
        return TypedResults.Created($"/api/meetings/{result.MeetingId}", preview);
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(new HttpValidationProblemDetails(
        new Dictionary<string, string[]> { [ImportNotice.FileField] = [TooLargeMessage] })
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "Tệp quá lớn",
    });

    private static bool Flag(IFormCollection form, string field, FieldErrors errors)
    {
        var text = form[field].ToString();
        if (text.Length == 0)
            return false;
        errors.Require(bool.TryParse(text, out var value), field, "Giá trị phải là true hoặc false.");
        return value;
    }

    /// <summary>The manual matches; a name sent with no unit is left to the automatic match.</summary>
    private static Dictionary<string, Guid> Matches(IFormCollection form, FieldErrors errors)
    {
        var matches = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var text = form["matches"].ToString();
        if (string.IsNullOrWhiteSpace(text))
            return matches;
        Dictionary<string, string?>? sent;
        try
        {
            sent = JsonSerializer.Deserialize<Dictionary<string, string?>>(text);
        }
        catch (JsonException)
        {
            errors.Require(false, "matches", "Không đọc được các tên ghép tay; gửi một đối tượng JSON {\"tên trong thông báo\": \"mã đơn vị\"}.");
            return matches;
        }
        foreach (var (name, unit) in sent ?? [])
        {
            var written = Input.Clean(name);
            if (written is null || string.IsNullOrWhiteSpace(unit))
                continue;
            if (Guid.TryParse(unit, out var id))
                matches[written] = id;
            else
                errors.Require(false, ImportNotice.MatchField(written), "Mã đơn vị không hợp lệ.");
        }
        return matches;
    }

    private static Preview PreviewOf(ImportNotice.Result result, string fileName)
    {
        var convened = result.Events.OfType<MeetingConvened>().Single();
        var attendance = result.Events.OfType<AttendanceRecorded>().ToList();
        var conclusions = result.Events.OfType<ConclusionsRecorded>().SingleOrDefault();
        var names = result.Candidates.ToDictionary(c => c.Id, c => c.Name);
        var unit = result.ConveningUnit!;
        int Count(AttendanceStatus status) => attendance.Count(a => a.Status == status);
        return new Preview(result.MeetingId, fileName, convened.Kind, convened.Title, convened.Period, convened.HeldOn, convened.HeldUntil, convened.Venue,
            convened.Chairs, new UnitChoice(unit.Id, unit.Code, unit.Name), convened.InvitedUnits.Count, Count(AttendanceStatus.Present),
            Count(AttendanceStatus.ExcusedAbsence), Count(AttendanceStatus.UnexcusedAbsence),
            [.. result.Names.Select(n => new NameLine(n.Written, n.Status, n.Unit?.Id, n.Unit?.Name, n.Manual, n.Problem))],
            [.. result.Candidates.Select(c => new UnitChoice(c.Id, c.Code, c.Name))],
            conclusions?.Sections.Count ?? 0, conclusions?.Sections.Sum(s => s.Items.Count) ?? 0,
            [.. result.Events.OfType<TaskAssigned>().Select(t => new TaskLine(t.Deadline, t.Text,
                t.Scope == AssigneeScope.AllInvited ? [] : [.. t.Units.Select(u => names.GetValueOrDefault(u, u.ToString()))]))],
            result.Events.Count, result.Warnings, result.Conflicts, result.Refusals, result.KindWarning);
    }
}
