namespace DoanPlatform.Testing;

/// <summary>Scales the tests publish over HTTP, as the request body of <c>POST /api/emulation/scales</c>.</summary>
public static class TestScales
{
    /// <summary>A one-section, three-condition 2024 scale (A2 requires evidence) with four classes and a section tie-break.</summary>
    public static readonly object Bloc2024 = new
    {
        name = "Thang điểm thi đua công tác Đoàn năm 2024", guideline = "Hướng dẫn số 09-HD/ĐTN ngày 15/01/2024", maxPoints = 100m, bonusCap = 0m,
        sections = new[]
        {
            new
            {
                code = "A", title = "Công tác Đoàn và phong trào thanh thiếu nhi", maxPoints = 100m,
                criteria = new[]
                {
                    new
                    {
                        code = "A.1", title = "Giáo dục chính trị tư tưởng",
                        items = new[]
                        {
                            new
                            {
                                code = "A.1.1", title = "Học tập, tuyên truyền",
                                conditions = new object[]
                                {
                                    new { code = "A1", title = "Tổ chức học tập nghị quyết", kind = "Manual", maxPoints = 40m },
                                    new { code = "A2", title = "Đoàn viên học 02 chuyên đề trên App Thanh niên Việt Nam", kind = "YesNo", maxPoints = 20m, evidenceRequired = true },
                                    new { code = "A3", title = "Tham gia các cuộc thi do Đoàn cấp trên chỉ đạo", kind = "Manual", maxPoints = 40m },
                                },
                            },
                        },
                    },
                },
            },
        },
        classes = new object[]
        {
            new { name = "Hoàn thành xuất sắc nhiệm vụ", minTotal = 90m }, new { name = "Hoàn thành tốt nhiệm vụ", minTotal = 70m },
            new { name = "Hoàn thành nhiệm vụ", minTotal = 50m }, new { name = "Không hoàn thành nhiệm vụ", minTotal = -1000m },
        },
        tieBreaks = new[] { new { kind = "SectionTotal", sectionCode = "A" } },
    };
}
