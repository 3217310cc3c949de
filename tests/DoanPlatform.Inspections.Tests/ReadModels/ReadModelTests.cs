using DoanPlatform.EventStore;
using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Inspections.ReadModels;
using DoanPlatform.Testing;

namespace DoanPlatform.Inspections.Tests.ReadModels;

/// <summary>Each read model from appended events, and the same rows after a rebuild from zero.</summary>
public sealed class ReadModelTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    private static readonly DateOnly HeldOn = new(2024, 10, 16);

    [Fact]
    public async Task Findings_recommendations_and_adjustments_project_and_rebuild_to_the_same_rows()
    {
        var plan = Guid.CreateVersion7();
        var inspection = Guid.CreateVersion7();
        var unit = Guid.CreateVersion7();
        var (done, late, applied, refused) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await using (var session = factory.Store.LightweightSession(new Actor("kiem-thu", "Kiểm thử")))
        {
            session.Events.StartStream<InspectionPlan>(plan,
                new PlanIssued(plan, Guid.CreateVersion7(), "12-KH/ĐTN", 2024, HeldOn, HeldOn, HeldOn.AddDays(15), [unit], [new Topic("A2", "App")], Guid.NewGuid(), []),
                new InspectionHeld(plan, inspection, HeldOn, "Hội trường", [unit]),
                new TopicReviewed(plan, inspection, unit, 2024, HeldOn, "A2", EvidenceVerdict.Rejected, "Thiếu minh chứng", "Đoàn viên mới chuyển đến", ["Tích cực"],
                    ["Chưa đạt chỉ tiêu cuộc thi"]),
                new RecommendationMade(plan, done, inspection, unit, 2024, "Rà soát học tập trên App", new DateOnly(2025, 3, 31)),
                new RecommendationMade(plan, late, inspection, unit, 2024, "Đăng tải thông tin trên mạng xã hội", new DateOnly(2024, 12, 31)),
                new RecommendationReported(plan, done, unit, new DateOnly(2025, 1, 10), "Đã hoàn thành", true),
                new AdjustmentProposed(plan, applied, unit, 2024, "A2", 0, "Minh chứng không được chấp nhận"),
                new AdjustmentProposed(plan, refused, unit, 2024, "A3", 10, "Chưa đạt chỉ tiêu"));
            // The outcomes Emulation's subscription writes; approvals are left out so the real subscription stays out of this test.
            session.Events.Append(Guid.CreateVersion7(), new AdjustmentApplied(applied, unit, 2024, "A2", 0));
            session.Events.Append(Guid.CreateVersion7(), new AdjustmentRefused(refused, unit, 2024, "Kết quả đã công bố."));
            await session.SaveChangesAsync();
        }
        await World.SettleAsync(factory);

        async Task<string> SnapshotAsync()
        {
            var findings = await UnitFindingsProjection.ForUnitAsync(factory.Store.DataSource, unit, 2024, default);
            var open = await RecommendationsProjection.QueryAsync(factory.Store.DataSource, unit, null, true, new DateOnly(2025, 1, 15), default);
            var adjustments = await AdjustmentLedgerProjection.QueryAsync(factory.Store.DataSource, unit, 2024, null, default);
            return string.Join("\n", findings.Select(f => $"{f.Topic} {f.Verdict} {f.Comment} {f.Explanation} {string.Join(";", f.Shortcomings)}")
                .Concat(open.Select(r => $"{r.Text} open={r.Open} overdue={r.Overdue}"))
                .Concat(adjustments.Select(a => $"{a.ConditionCode} {a.Value} {a.Status} {a.Note}")));
        }

        var live = await SnapshotAsync();
        Assert.Equal("""
            A2 Rejected Thiếu minh chứng Đoàn viên mới chuyển đến Chưa đạt chỉ tiêu cuộc thi
            Đăng tải thông tin trên mạng xã hội open=True overdue=True
            A2 0 Applied 
            A3 10 Refused Kết quả đã công bố.
            """.ReplaceLineEndings("\n"), live);
        foreach (var name in new[] { UnitFindingsProjection.ProjectionName, RecommendationsProjection.ProjectionName, AdjustmentLedgerProjection.ProjectionName })
            await factory.Store.Advanced.RebuildProjectionAsync(name);
        Assert.Equal(live, await SnapshotAsync());
    }

    [Fact]
    public async Task Plan_teams_grant_reading_the_plan_units_during_the_plan_and_rebuild_to_the_same_rows()
    {
        var (plan, units, head, member) = (Guid.CreateVersion7(), new[] { Guid.CreateVersion7(), Guid.CreateVersion7() }, Guid.NewGuid(), Guid.NewGuid());
        await using (var session = factory.Store.LightweightSession(new Actor("kiem-thu", "Kiểm thử")))
        {
            session.Events.StartStream<InspectionPlan>(plan, new PlanIssued(plan, Guid.CreateVersion7(), "13-KH/ĐTN", 2024, HeldOn, new DateOnly(2024, 10, 1),
                new DateOnly(2024, 10, 31), units, [new Topic("A2", "App")], head, [member, head]));
            await session.SaveChangesAsync();
        }
        await factory.WaitForNonStaleAsync();
        var grants = new PlanTeamGrants(factory.Store);
        Assert.True(await grants.MayReadAsync(member, units[1], new DateOnly(2024, 10, 31)));
        Assert.True(await grants.MayReadAsync(head, units[0], new DateOnly(2024, 10, 1)));
        Assert.False(await grants.MayReadAsync(member, units[1], new DateOnly(2024, 11, 1)));
        Assert.False(await grants.MayReadAsync(member, units[1], new DateOnly(2024, 9, 30)));
        Assert.False(await grants.MayReadAsync(member, Guid.NewGuid(), HeldOn));
        Assert.False(await grants.MayReadAsync(Guid.NewGuid(), units[0], HeldOn));

        async Task<string> RowsAsync()
        {
            await using var command = factory.Store.DataSource.CreateCommand(
                $"select account_id, unit_id, starts_on, ends_on from doan_inspections.plan_teams where plan_id = '{plan}' order by account_id, unit_id");
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
                rows.Add($"{reader.GetGuid(0)} {reader.GetGuid(1)} {reader.GetFieldValue<DateOnly>(2)} {reader.GetFieldValue<DateOnly>(3)}");
            return string.Join("\n", rows);
        }

        var live = await RowsAsync();
        Assert.Equal(4, live.Split('\n').Length);
        await factory.Store.Advanced.RebuildProjectionAsync(PlanTeamsProjection.ProjectionName);
        Assert.Equal(live, await RowsAsync());
    }
}
