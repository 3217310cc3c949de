using DoanPlatform.Emulation.Scales;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Emulation.Tests;

/// <summary>A district-style scale with every condition kind, worth 50 points plus at most 6 bonus points.</summary>
internal static class TestScale
{
    public static readonly Tier[] AbsenceTiers = [new(0, 10), new(1, 8), new(2, 5), new(3, 2), new(4, 0)];

    public static ScaleContent Content(decimal organisationMax = 20) => new(
        "Thang điểm thi đua năm 2023", "Hướng dẫn số 32-HD/ĐTN ngày 23/02/2021", 30 + organisationMax, 6,
        [
            new Section("A", "Công tác giáo dục chính trị tư tưởng", 30,
            [
                new Criterion("A.1", "Học tập, tuyên truyền",
                [
                    new ContentItem("A.1.1", "Tổ chức học tập nghị quyết",
                    [
                        new Condition("A1", "Tổ chức học tập, quán triệt nghị quyết", ConditionKind.Manual, 10),
                        new Condition("A2", "Có kế hoạch tuyên truyền năm", ConditionKind.YesNo, 5, EvidenceRequired: true),
                        new Condition("A3", "Tỷ lệ đoàn viên tải App Thanh niên Việt Nam", ConditionKind.Ratio, 15, Target: 100),
                    ]),
                ]),
            ]),
            new Section("B", "Công tác xây dựng tổ chức Đoàn", organisationMax,
            [
                new Criterion("B.1", "Chế độ thông tin, hội họp",
                [
                    new ContentItem("B.1.1", "Tham dự giao ban",
                    [
                        new Condition("B1", "Tham dự đầy đủ hội nghị giao ban", ConditionKind.Tiered, 10, Tiers: AbsenceTiers,
                            Source: ComputedSource.BriefingAbsences),
                        new Condition("B2", "Phong trào khối cơ quan", ConditionKind.Manual, 10, Sectors: [Sector.Agencies]),
                        new Condition("B3", "Phong trào khối lực lượng vũ trang", ConditionKind.Manual, 10, Sectors: [Sector.ArmedForces]),
                        new Condition("B4", "Báo cáo trễ hạn", ConditionKind.Penalty, 6, PointsPerOccurrence: 2),
                    ]),
                ]),
            ]),
            new Section("C", "Điểm thưởng", 0,
            [
                new Criterion("C.1", "Thành tích nổi bật",
                [
                    new ContentItem("C.1.1", "Khen thưởng",
                    [
                        new Condition("C1", "Mô hình mới, cách làm hay", ConditionKind.Bonus, 5),
                        new Condition("C2", "Được cấp trên khen thưởng", ConditionKind.Bonus, 5),
                    ]),
                ]),
            ]),
        ],
        [
            new ClassRule("Hoàn thành xuất sắc nhiệm vụ", 45, NoUnexcusedAbsence: true),
            new ClassRule("Hoàn thành tốt nhiệm vụ", 35),
            new ClassRule("Hoàn thành nhiệm vụ", 25),
            new ClassRule("Không hoàn thành nhiệm vụ", decimal.MinValue / 2),
        ],
        [new TieBreak(TieBreakKind.SectionTotal, "A"), new TieBreak(TieBreakKind.FewerPenalties)]);
}
