namespace DoanPlatform.Meetings.Contracts;

/// <summary>What a convening unit's office still has to do about its meetings (for the overview screen).</summary>
public interface IMeetingWorkload
{
    /// <summary>The meetings <paramref name="conveningUnitId"/> convened whose Thông báo kết luận has not been issued yet.</summary>
    Task<int> MeetingsWithoutNoticeAsync(Guid conveningUnitId, CancellationToken ct = default);
}
