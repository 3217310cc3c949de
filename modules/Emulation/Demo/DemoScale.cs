using DoanPlatform.Emulation.Scales;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Emulation.Demo;

/// <summary>
/// The demo province's scale for its grassroots units: 40 conditions in four sections worth 100 points, with sector-specific movements,
/// two conditions computed from the briefings (attendance, task completion), bonus points capped at 5 and penalties.
/// </summary>
internal static class DemoScale
{
    private static readonly Tier[] Attendance = [new(0, 8), new(1, 7), new(2, 6), new(3, 4), new(4, 2), new(6, 0)];

    public static ScaleContent Content(int year, string guideline) => new(
        $"Thang điểm thi đua công tác Đoàn và phong trào thanh thiếu nhi năm {year} (dành cho cơ sở Đoàn)", guideline, 100, 5,
        [
            new Section("A", "Công tác giáo dục chính trị, tư tưởng, đạo đức, lối sống", 20,
            [
                Criterion("A.1", "Học tập, quán triệt nghị quyết, chỉ thị",
                    new Condition("A1", "Tổ chức học tập, quán triệt Nghị quyết Đại hội Đoàn các cấp", ConditionKind.Manual, 3),
                    new Condition("A2", "Tỷ lệ đoàn viên học tập chuyên đề trên App Thanh niên Việt Nam", ConditionKind.Ratio, 4, Target: 100),
                    new Condition("A3", "Có kế hoạch tuyên truyền năm được Ban Thường vụ thông qua", ConditionKind.YesNo, 2, EvidenceRequired: true),
                    new Condition("A8", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", ConditionKind.Manual, 2)),
                Criterion("A.2", "Giáo dục truyền thống, đạo đức, lối sống",
                    new Condition("A4", "Tổ chức hoạt động giáo dục truyền thống nhân các ngày lễ lớn", ConditionKind.Manual, 3),
                    new Condition("A5", "Sinh hoạt chi đoàn theo chủ đề hằng tháng", ConditionKind.Manual, 3),
                    new Condition("A6", "Tuyên truyền trên các trang mạng xã hội của Đoàn", ConditionKind.Manual, 2),
                    new Condition("A7", "Không có đoàn viên vi phạm pháp luật, mắc tệ nạn xã hội", ConditionKind.YesNo, 1)),
            ]),
            new Section("B", "Công tác tổ chức các phong trào hành động cách mạng", 30,
            [
                Criterion("B.1", "Phong trào chung",
                    new Condition("B1", "Tháng Thanh niên: công trình, phần việc thanh niên", ConditionKind.Manual, 4),
                    new Condition("B2", "Chiến dịch Thanh niên tình nguyện hè", ConditionKind.Manual, 4),
                    new Condition("B3", "Hoạt động chuyển đổi số, \"Bình dân học vụ số\"", ConditionKind.Manual, 3),
                    new Condition("B4", "Số đoàn viên hiến máu tình nguyện", ConditionKind.Tiered, 3, Tiers: [new(0, 0), new(5, 1), new(10, 2), new(20, 3)]),
                    new Condition("B5", "Hoạt động văn hóa, văn nghệ, thể dục thể thao", ConditionKind.Manual, 2),
                    new Condition("B6", "Bảo vệ môi trường, \"Ngày Chủ nhật xanh\"", ConditionKind.Manual, 2),
                    new Condition("B7", "Đồng hành với thanh niên khởi nghiệp, lập nghiệp", ConditionKind.Manual, 2)),
                Criterion("B.2", "Phong trào theo khối",
                    new Condition("B8", "Phong trào \"Ba trách nhiệm\", tham gia cải cách hành chính", ConditionKind.Manual, 10, Sectors: [Sector.Agencies]),
                    new Condition("B9", "Phong trào \"Tuổi trẻ sáng tạo\" trong sản xuất, kinh doanh", ConditionKind.Manual, 10, Sectors: [Sector.Enterprises]),
                    new Condition("B10", "Phong trào \"Học sinh – sinh viên 5 tốt\"", ConditionKind.Manual, 10, Sectors: [Sector.Schools]),
                    new Condition("B11", "Phong trào \"Thanh niên xung kích bảo vệ Tổ quốc\"", ConditionKind.Manual, 10, Sectors: [Sector.ArmedForces]),
                    new Condition("B12", "Tuổi trẻ chung tay xây dựng nông thôn mới, đô thị văn minh", ConditionKind.Manual, 10, Sectors: [Sector.Communes])),
            ]),
            new Section("C", "Công tác xây dựng tổ chức Đoàn và tham gia xây dựng Đảng", 30,
            [
                Criterion("C.1", "Xây dựng tổ chức Đoàn",
                    new Condition("C1", "Tỷ lệ đoàn viên được quản lý, cập nhật trên phần mềm", ConditionKind.Ratio, 4, Target: 100),
                    new Condition("C2", "Tỷ lệ hoàn thành chỉ tiêu phát triển đoàn viên mới", ConditionKind.Ratio, 4, Target: 100),
                    new Condition("C3", "Đánh giá, xếp loại đoàn viên và chi đoàn cuối năm", ConditionKind.YesNo, 3, EvidenceRequired: true),
                    new Condition("C4", "Củng cố chi đoàn yếu kém", ConditionKind.Manual, 3),
                    new Condition("C5", "Thu, nộp đoàn phí đúng quy định", ConditionKind.YesNo, 2),
                    new Condition("C6", "Tập huấn, bồi dưỡng cán bộ Đoàn", ConditionKind.Manual, 3),
                    new Condition("C10", "Ban Chấp hành, Ban Thường vụ được kiện toàn đủ số lượng", ConditionKind.YesNo, 1)),
                Criterion("C.2", "Tham gia xây dựng Đảng",
                    new Condition("C7", "Số đoàn viên ưu tú được giới thiệu cho Đảng xem xét kết nạp", ConditionKind.Tiered, 5,
                        Tiers: [new(0, 0), new(1, 3), new(2, 4), new(3, 5)]),
                    new Condition("C8", "Tổ chức cho đoàn viên góp ý xây dựng Đảng, chính quyền", ConditionKind.Manual, 3),
                    new Condition("C9", "Chế độ thông tin, báo cáo", ConditionKind.Manual, 2)),
            ]),
            new Section("D", "Công tác chỉ đạo, phối hợp và tham dự giao ban", 20,
            [
                Criterion("D.1", "Tham dự giao ban và thực hiện nhiệm vụ được giao",
                    new Condition("D1", "Tham dự đầy đủ hội nghị giao ban", ConditionKind.Tiered, 8, Tiers: Attendance, Source: ComputedSource.BriefingAbsences),
                    new Condition("D2", "Hoàn thành nhiệm vụ được giao tại hội nghị giao ban", ConditionKind.Ratio, 6, Target: 100,
                        Source: ComputedSource.TaskCompletionRate)),
                Criterion("D.2", "Phối hợp",
                    new Condition("D3", "Phối hợp với Hội LHTN Việt Nam, Đội TNTP Hồ Chí Minh", ConditionKind.Manual, 2),
                    new Condition("D4", "Tham gia các cuộc thi do Đoàn cấp trên phát động đạt chỉ tiêu", ConditionKind.Manual, 3),
                    new Condition("D5", "Có chương trình công tác năm được ban hành đúng hạn", ConditionKind.YesNo, 1)),
            ]),
            new Section("E", "Điểm thưởng, điểm trừ", 0,
            [
                Criterion("E.1", "Điểm thưởng",
                    new Condition("E1", "Mô hình mới, cách làm hay được cấp trên ghi nhận", ConditionKind.Bonus, 3),
                    new Condition("E2", "Được Trung ương Đoàn, Tỉnh đoàn khen thưởng trong năm", ConditionKind.Bonus, 3),
                    new Condition("E3", "Đăng cai hoạt động cấp tỉnh", ConditionKind.Bonus, 2)),
                Criterion("E.2", "Điểm trừ",
                    new Condition("E4", "Gửi báo cáo trễ hạn (mỗi lần)", ConditionKind.Penalty, 5, PointsPerOccurrence: 1),
                    new Condition("E5", "Vắng hội nghị giao ban không phép (mỗi lần)", ConditionKind.Penalty, 4, PointsPerOccurrence: 2,
                        Source: ComputedSource.BriefingUnexcusedAbsences)),
            ]),
        ],
        [
            new ClassRule("Hoàn thành xuất sắc nhiệm vụ", 90, NoUnexcusedAbsence: true),
            new ClassRule("Hoàn thành tốt nhiệm vụ", 80),
            new ClassRule("Hoàn thành nhiệm vụ", 65),
            new ClassRule("Không hoàn thành nhiệm vụ", -1000),
        ],
        [new TieBreak(TieBreakKind.SectionTotal, "C"), new TieBreak(TieBreakKind.FewerPenalties)],
        "Cờ thi đua của Ban Chấp hành Tỉnh đoàn");

    private static Criterion Criterion(string code, string title, params Condition[] conditions) =>
        new(code, title, [new ContentItem($"{code}.1", title, conditions)]);
}
