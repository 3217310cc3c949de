using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;

namespace DoanPlatform.Meetings.ReadModels;

/// <summary>A count over the meetings list read model (<see cref="AttendanceProjection"/>'s <c>meetings</c> table).</summary>
internal sealed class MeetingWorkload(IDocumentStore store) : IMeetingWorkload
{
    public async Task<int> MeetingsWithoutNoticeAsync(Guid conveningUnitId, CancellationToken ct = default)
    {
        await using var command = store.DataSource.CreateCommand(
            $"select count(*) from {MeetingsModuleSchema.Name}.meetings where convening_unit_id = $1 and notice_number is null").With(conveningUnitId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
