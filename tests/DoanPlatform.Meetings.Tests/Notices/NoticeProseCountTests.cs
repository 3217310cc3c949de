using DoanPlatform.Meetings.Notices;

namespace DoanPlatform.Meetings.Tests.Notices;

/// <summary>Numbers in the prose that count people, inspected units or teams (our own texts): read as such, never as unit attendance.</summary>
public sealed class NoticeProseCountTests
{
    private const string Opening = "Ngày 18/10/2023, tại hội trường Tỉnh đoàn, Ban Thường vụ Tỉnh đoàn tổ chức Hội nghị kiểm tra công tác Đoàn năm 2023. ";

    /// <summary>A sentence and the count it states.</summary>
    public static TheoryData<string, int, string> Examples => new()
    {
        { "Đoàn kiểm tra đã kiểm tra 21 đơn vị, trong đó có 9 cơ sở Đoàn xã, thị trấn.", 21, nameof(CountKind.InspectedUnits) },
        { "Tỉnh đoàn thành lập 3 đoàn kiểm tra, mỗi đoàn do một đồng chí Ủy viên Ban Thường vụ làm trưởng đoàn.", 3, nameof(CountKind.InspectionTeams) },
        { "Hội nghị có 65 đại biểu tham dự.", 65, nameof(CountKind.People) },
        { "Có mặt 42 đại biểu là Bí thư, Phó Bí thư các cơ sở Đoàn trực thuộc.", 42, nameof(CountKind.People) },
        { "Tham dự Hội nghị có 120 đồng chí là cán bộ Đoàn chủ chốt.", 120, nameof(CountKind.People) },
        { "Hơn 80 đoàn viên, thanh niên tiêu biểu đã tham dự hội nghị.", 80, nameof(CountKind.People) },
        { "Trong năm, Đoàn Khối đã tiến hành kiểm tra 14 cơ sở Đoàn trực thuộc.", 14, nameof(CountKind.InspectedUnits) },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Counts_in_prose_are_read_for_what_they_count_and_never_become_unit_attendance(string sentence, int number, string kind)
    {
        var notice = NoticeParser.Parse(Opening + sentence);

        var attendance = notice.Attendance;
        Assert.Equal<(int?, int?, int?, int?)>((null, null, null, null), (attendance.Invited, attendance.Present, attendance.Excused, attendance.Unexcused));
        Assert.Contains(attendance.OtherCounts, c => c.Number == number && c.Kind.ToString() == kind);
        Assert.Contains("Điểm danh: không thấy tổng số được mời, số có mặt, số vắng có phép, số vắng không phép.", notice.Warnings);
    }

    [Fact]
    public void Units_that_attended_are_still_unit_attendance_and_people_alongside_them_are_not()
    {
        var notice = NoticeParser.Parse(Opening + "Hội nghị có 65 đại biểu tham dự; 24 Chi đoàn cơ sở trực thuộc cùng tham dự.");

        Assert.Equal(24, notice.Attendance.Present);
        Assert.Equal([(65, CountKind.People)], notice.Attendance.OtherCounts.Select(c => (c.Number, c.Kind)));
        Assert.Contains(notice.Warnings, w => w.Contains("65 đại biểu", StringComparison.Ordinal) && w.Contains("không dùng làm điểm danh", StringComparison.Ordinal));
    }
}
