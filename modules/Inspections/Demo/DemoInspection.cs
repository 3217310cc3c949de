using DoanPlatform.EventStore;
using DoanPlatform.Inspections.Features;
using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Inspections.Demo;

/// <summary>
/// The demo province's 2024 inspection, every event made by the module's own decisions: a plan for the units of the Dân – Chính – Đảng
/// bloc, one conference reviewing them all (as in the 2024 sample), recommendations with follow-up, two proposed score adjustments of
/// which one is approved (Emulation then applies it, once, by its subscription), and the numbered conclusion.
/// </summary>
internal sealed class DemoInspection(DemoProvince province)
{
    public const string PlanNumber = "45-KH/TĐTN";
    private static readonly DateOnly HeldOn = new(2024, 10, 16);

    private static readonly TopicInput[] Topics =
    [
        new("A3", "Kế hoạch tuyên truyền năm"),
        new("C1", "Quản lý đoàn viên trên phần mềm"),
        new("C3", "Đánh giá, xếp loại đoàn viên và chi đoàn"),
        new(null, "Học tập 02 chuyên đề, Nghị quyết Đại hội Đoàn XII trên App Thanh niên Việt Nam"),
    ];

    private readonly Random _random = new(2026);
    private int _ids;

    public DemoStreams Streams { get; } = new();
    public InspectionPlan Plan { get; private set; } = InspectionPlan.Initial;

    /// <summary>Everything up to the approval but the conclusion; Emulation says which rejections void a condition, as it does for the command.</summary>
    public async Task BuildAsync(IScoringStatus scoring, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var office = province.Office;
        var auditor = province.Accounts.First(a => a.Role == Role.Auditor);
        var bloc = province.Units.First(u => u.Code == "BRVT.DK-DCD");
        var units = province.ChildrenOf(bloc.Id, HeldOn).OrderBy(u => u.Code, StringComparer.Ordinal).Take(24).ToList();
        var planId = DemoProvince.IdFor("plan", $"2024/{PlanNumber}");

        Write(office.Actor, $"Ban hành kế hoạch kiểm tra số {PlanNumber}", PlanNumber, [PlanDecisions.Issue(planId, province.ProvinceId, PlanNumber, 2024,
            new DateOnly(2024, 9, 10), new DateOnly(2024, 10, 1), new DateOnly(2024, 11, 30), [.. units.Select(u => u.Id)], Topics, office.Id, [auditor.Id],
            errors)]);

        var inspected = units.Select((unit, i) => new UnitInspectionInput(unit.Id, [.. Topics.Select(t => Review(t, i))],
            i % 3 == 1 ? [new RecommendationInput("Bổ sung, hoàn thiện hồ sơ minh chứng theo các nội dung chưa được chấp nhận", new DateOnly(2024, 12, 15))]
            : i % 5 == 0 ? [new RecommendationInput("Đôn đốc đoàn viên hoàn thành học tập 02 chuyên đề trên App Thanh niên Việt Nam", new DateOnly(2025, 1, 31))]
            : [])).ToList();
        var voidable = await HoldInspection.VoidableAsync(Plan, inspected, scoring, ct).ConfigureAwait(false);
        Write(office.Actor, "Ghi kết quả kiểm tra", PlanNumber, PlanDecisions.Hold(Plan, NextId(), HeldOn,
            "Hội trường Trung tâm Sinh hoạt Thanh thiếu nhi tỉnh", inspected, voidable, NextId, errors));

        // Proposed where the team rejected the evidence of a scored condition: the condition no longer counts.
        var rejected = Plan.Reviews.Where(r => r.Verdict == EvidenceVerdict.Rejected && Topics.Any(t => t.Title == r.Topic && t.ConditionCode is not null))
            .Take(2).Where(r => !Plan.Adjustments.Values.Any(a => a.Proposed.UnitId == r.UnitId && a.Proposed.ConditionCode == Plan.ConditionOf(r.Topic)))
            .ToList();
        foreach (var review in rejected)
        {
            var code = Topics.First(t => t.Title == review.Topic).ConditionCode;
            Write(office.Actor, "Đề xuất điều chỉnh điểm", PlanNumber, [PlanDecisions.Propose(Plan, NextId(), review.UnitId, code, 0,
                $"Kết luận kiểm tra: {review.Comment}", errors)]);
        }


        var n = 0;
        foreach (var recommendation in Plan.Recommendations.Values.Select(r => r.Made).OrderBy(r => r.Deadline).ThenBy(r => r.RecommendationId).ToList())
        {
            // A third report it done, a third report progress, a third stay silent (open, overdue once past the deadline).
            var turn = n++ % 3;
            if (turn == 2)
                continue;
            var completed = turn == 0;
            var on = completed ? new DateOnly(2024, 12, 10) : new DateOnly(2024, 11, 30);
            Write(province.SecretaryOf(province.Unit(recommendation.UnitId)), "Báo cáo thực hiện kiến nghị sau kiểm tra", PlanNumber,
                [PlanDecisions.Report(Plan, recommendation.RecommendationId, on, completed
                    ? "Đã bổ sung đầy đủ minh chứng, gửi Văn phòng Tỉnh đoàn."
                    : "Đang rà soát, bổ sung; dự kiến hoàn thành đúng hạn.", completed, errors)]);
        }
        if (errors.Count > 0)
            throw new InvalidOperationException("Demo inspection: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }

    /// <summary>Issues the numbered conclusion through a session, as the command does, once the plan's events are written.</summary>
    public async Task<long> ConcludeAsync(IDocumentStore store, INoticeRegister registers, CancellationToken ct)
    {
        var planId = DemoProvince.IdFor("plan", $"2024/{PlanNumber}");
        var issuedOn = new DateOnly(2024, 10, 25);
        await using var session = store.LightweightSession(province.Office.Actor);
        var stream = await session.Events.FetchForWriting<InspectionPlan>(planId, ct).ConfigureAwait(false);
        var taken = await registers.TakeNextAsync(session, province.ProvinceId, issuedOn.Year, "Thông báo kết luận kiểm tra", planId, ct).ConfigureAwait(false);
        var errors = new FieldErrors();
        var concluded = PlanDecisions.Conclude(stream.Aggregate!, taken.Number, "TĐTN", issuedOn, "Bà Rịa", province.Unit(province.ProvinceId).Secretary,
            "BÍ THƯ", ["Ban Thường vụ Tỉnh đoàn (để báo cáo)", "Đoàn Khối Dân – Chính – Đảng tỉnh", "Các cơ sở Đoàn được kiểm tra", "Lưu VP, UBKT"], errors);
        if (errors.Count > 0)
            throw new InvalidOperationException("Demo conclusion: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        session.Reason = $"Ban hành Thông báo kết luận kiểm tra số {concluded.NumberSymbol}";
        session.Decision = concluded.NumberSymbol;
        stream.AppendOne(concluded);
        await session.SaveChangesAsync(ct).ConfigureAwait(false);
        Plan = Plan.Evolve(concluded);
        return 2;
    }

    /// <summary>The issuer approves the first proposed adjustment once the unit's 2024 sheet is assessed.</summary>
    public void Approve(ScoringState scoring)
    {
        var adjustment = Plan.Adjustments.Values.Select(a => a.Proposed).OrderBy(a => a.AdjustmentId).First();
        var unit = province.Unit(adjustment.UnitId);
        Write(province.Office.Actor, "Duyệt điều chỉnh điểm theo kết quả kiểm tra", PlanNumber, [PlanDecisions.Approve(Plan, adjustment.AdjustmentId, scoring,
            new UnitSummary(unit.Id, unit.ParentId, unit.Code, unit.Name, unit.Name, unit.Level, unit.Sector), new DateOnly(2024, 12, 10))]);
    }

    public Guid FirstProposedUnit => Plan.Adjustments.Values.Select(a => a.Proposed).OrderBy(a => a.AdjustmentId).First().UnitId;

    private ReviewInput Review(TopicInput topic, int unit)
    {
        var draw = _random.NextDouble();
        var verdict = draw < 0.75 ? EvidenceVerdict.Accepted : draw < 0.9 ? EvidenceVerdict.PartlyAccepted : EvidenceVerdict.Rejected;
        // The first units' reviews settle which adjustments are proposed: keep two rejections among them whatever the draw.
        if (unit is 2 or 7 && topic.ConditionCode == "C3")
            verdict = EvidenceVerdict.Rejected;
        return verdict switch
        {
            EvidenceVerdict.Accepted => new ReviewInput(topic.Title, verdict, null, null, ["Hồ sơ, minh chứng đầy đủ, khoa học"], []),
            EvidenceVerdict.PartlyAccepted => new ReviewInput(topic.Title, verdict, "Minh chứng chưa đầy đủ, một số văn bản chưa ghi ngày ban hành",
                "Đơn vị giải trình: văn bản lưu tại cấp ủy, sẽ bổ sung bản sao", ["Triển khai đúng hướng dẫn"], ["Lưu trữ hồ sơ chưa khoa học"]),
            _ => new ReviewInput(topic.Title, verdict, "Không có minh chứng; biên bản không có chữ ký, không đủ căn cứ công nhận",
                "Đơn vị giải trình: bí thư mới nhận nhiệm vụ, hồ sơ năm trước bàn giao chưa đầy đủ", [], ["Chưa lưu hồ sơ minh chứng theo quy định"]),
        };
    }

    private Guid NextId() => DemoProvince.IdFor("inspection", $"{PlanNumber}/{++_ids}");

    private void Write(Actor actor, string reason, string decision, IReadOnlyList<object> events)
    {
        var planId = DemoProvince.IdFor("plan", $"2024/{PlanNumber}");
        Streams.Append<InspectionPlan>(planId, actor, reason, decision, events);
        Plan = events.Aggregate(Plan, (state, e) => state.Evolve(e));
    }
}
