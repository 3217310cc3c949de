using System.Text.Json.Serialization;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Meetings.Notices;

/// <summary>What the parser read from an old notice; null or empty where the notice does not say, with a warning.</summary>
internal sealed record ParsedNotice(
    MeetingKind? Kind,
    string? Period,
    DateOnly? HeldOn,
    DateOnly? HeldUntil,
    string? Place,
    string? Convenor,
    IReadOnlyList<ParsedChair> Chairs,
    ParsedAttendance Attendance,
    IReadOnlyList<ParsedSection> Conclusions,
    IReadOnlyList<ParsedTask> Tasks,
    IReadOnlyList<ParsedReference> References,
    IReadOnlyList<string> Recipients,
    ParsedSignature? Signature,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Why the kind is uncertain (two kinds fit, or none); also among <see cref="Warnings"/>. Not in the CLI's JSON, whose fields are fixed.</summary>
    [JsonIgnore]
    public string? KindWarning { get; init; }
}

/// <summary>A chair as written; <see cref="Cluster"/> is the emulation cluster whose meeting they chaired ("Cụm 2"), when the text says.</summary>
internal sealed record ParsedChair(string Name, string Title, string? Cluster = null);

/// <summary>Counts as stated (null when not stated); absent "units" may be people, written "Name (title)".</summary>
internal sealed record ParsedAttendance(
    int? Invited,
    int? Present,
    int? Excused,
    int? Unexcused,
    IReadOnlyList<string> ExcusedUnits,
    IReadOnlyList<string> UnexcusedUnits)
{
    /// <summary>Other counts the text states (delegates, inspected units, inspection teams): never turned into unit attendance.</summary>
    public IReadOnlyList<ParsedCount> OtherCounts { get; init; } = [];
}

/// <summary>What a number in the prose counts.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CountKind>))]
internal enum CountKind
{
    /// <summary>People attending ("65 đại biểu", "120 đồng chí").</summary>
    People,
    /// <summary>Units inspected ("kiểm tra 21 đơn vị").</summary>
    InspectedUnits,
    /// <summary>Inspection teams ("3 đoàn kiểm tra").</summary>
    InspectionTeams,
}

/// <summary>A number stated in the prose and what it counts, with the words it was read from.</summary>
internal sealed record ParsedCount(int Number, CountKind Kind, string Text);

/// <summary>A section of conclusions; <see cref="Section"/> is its number ("2", or "2.1" for an unnumbered sub-heading).</summary>
internal sealed record ParsedSection(string? Section, string Heading, IReadOnlyList<string> Items);

/// <summary>A task as written; no assignees (and no sector) means every invited unit; <see cref="Sector"/> means that sector's invited units.</summary>
internal sealed record ParsedTask(string Text, IReadOnlyList<string> Assignees, DateOnly? Deadline, string? Target = null, Sector? Sector = null);

/// <summary>A referenced document's number-symbol (e.g. 09-HD/ĐTN) and date.</summary>
internal sealed record ParsedReference(string Number, DateOnly? Date);

/// <summary>The signature block: authority line (TM./TL./KT. ...), title, signer, as written.</summary>
internal sealed record ParsedSignature(string Authority, string Title, string Signer);
