using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DoanPlatform.Reporting.Contracts;

/// <summary>One change in a unit's history.</summary>
/// <param name="Sequence">The event's global sequence number.</param>
/// <param name="EffectiveDate">When the change took effect in the domain, or null when the event has no such date.</param>
/// <param name="RecordedAt">When the platform recorded it (Vietnam time, +07:00).</param>
/// <param name="ActorId">The account (or "system", "cli") that made it.</param>
/// <param name="Actor">Its display name at the time.</param>
/// <param name="Decision">The decision it executes, e.g. 845-QĐ/TĐTN, when there is one.</param>
/// <param name="Text">What changed, in plain Vietnamese.</param>
/// <param name="Reason">Why, as recorded with the change.</param>
/// <param name="EventType">The event's stable alias, e.g. <c>meetings.attendance_recorded</c>.</param>
public sealed record ReplayEntry(
    long Sequence, DateOnly? EffectiveDate, DateTimeOffset RecordedAt, string ActorId, string Actor, string? Decision, string Text, string? Reason,
    string EventType);

/// <summary>A unit's history across every module, ordered by effective date (the recorded date when there is none), then sequence.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its name today, or its last name when it has ceased.</param>
/// <param name="Year">The year asked for, or null for the whole history.</param>
/// <param name="Entries">The changes.</param>
public sealed record UnitReplay(Guid UnitId, string Code, string Name, int? Year, IReadOnlyList<ReplayEntry> Entries);

/// <summary>The rows of one read-model table that mention a unit.</summary>
/// <param name="ReadModel">The read model (projection) name, e.g. <c>meetings.attendance</c>.</param>
/// <param name="Table">The table.</param>
/// <param name="Rows">Each row as a JSON object, column → value.</param>
public sealed record ReadModelRows(string ReadModel, string Table, IReadOnlyList<JsonElement> Rows);

/// <summary>What read models held about a unit as of a recorded time, rebuilt from the events recorded until then.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its name today, or its last name.</param>
/// <param name="At">The recorded time replayed up to.</param>
/// <param name="Tables">The tables with rows mentioning the unit.</param>
public sealed record UnitStateAsOf(Guid UnitId, string Code, string Name, DateTimeOffset At, IReadOnlyList<ReadModelRows> Tables);

/// <summary>
/// The auditor's replay for callers inside the platform (the CLI acts with full rights; HTTP callers go through
/// <c>/api/reports/audit</c>, which checks the Audit permission).
/// </summary>
public interface IAuditReplay
{
    /// <summary>The read models a state can be replayed for.</summary>
    IReadOnlyList<string> ReadModels { get; }

    /// <summary>The history of the unit with this code (current or ceased), for one year or all; null for an unknown code.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1900–2100.</exception>
    Task<UnitReplay?> HistoryAsync(string code, int? year, CancellationToken ct = default);

    /// <summary>Writes a history as an .xlsx workbook (one sheet, "Lịch sử").</summary>
    void WriteWorkbook(UnitReplay replay, Stream output);

    /// <summary>A file name for the workbook, in Vietnamese with diacritics, safe on every file system.</summary>
    string WorkbookFileName(UnitReplay replay);

    /// <summary>
    /// The rows of the read models (one, or all but the history itself when <paramref name="readModel"/> is null) that mention
    /// the unit, as they were after the events recorded up to <paramref name="at"/>; null for an unknown code.
    /// </summary>
    /// <exception cref="ArgumentException">No read model has that name.</exception>
    Task<UnitStateAsOf?> StateAsOfAsync(string code, DateTimeOffset at, string? readModel, CancellationToken ct = default);
}

/// <summary>How an auditor writes a recorded time: ISO 8601; without an offset it is Vietnam time (+07:00), a date alone its midnight.</summary>
public static partial class AsOfTime
{
    /// <summary>Vietnam's offset from UTC, all year round.</summary>
    public static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <summary>Parses <paramref name="text"/> as above; false when it is not a time.</summary>
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        if (ExplicitOffset().IsMatch(text))
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return false;
        time = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Vietnam);
        return true;
    }

    [GeneratedRegex(@"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitOffset();
}
