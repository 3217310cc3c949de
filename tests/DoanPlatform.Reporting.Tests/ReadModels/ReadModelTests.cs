using DoanPlatform.Emulation.Contracts;
using DoanPlatform.EventStore;
using DoanPlatform.Inspections.Contracts;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Reporting.ReadModels;
using DoanPlatform.Testing;

namespace DoanPlatform.Reporting.Tests.ReadModels;

/// <summary>Each read model from contract events appended to the store and projected by the daemon, then the same rows after a rebuild from zero.</summary>
public sealed class ReadModelTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    private static readonly Actor Tester = new("kiem-thu", "Kiểm thử");

    private async Task<string> RowsAsync(string sql, params object[] values)
    {
        await using var command = ReviewSql.Command(factory.Store.DataSource, $"select coalesce(string_agg(row_to_json(t)::text, E'\\n'), '') from ({sql}) t", values);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> AfterRebuildAsync(string projection, Func<Task<string>> snapshot)
    {
        await factory.Store.Advanced.RebuildProjectionAsync(projection);
        return await snapshot();
    }

    private static ScoresLocked Locked(Guid sheet, Guid unit, Guid scale, decimal total, string classification, params FinalScore[] finals) =>
        new(sheet, unit, 2023, scale, Guid.Empty, Sector.Agencies, UnitLevel.Grassroots, UnitFacts.None, new DateOnly(2023, 12, 20), total, total, 0, 0,
            new Dictionary<string, decimal> { ["A"] = total }, classification, 1, [total], null, finals);

    [Fact]
    public async Task Score_lines_keep_self_assessed_adjusted_and_final_per_condition_clear_the_final_on_reopening_and_rebuild_to_the_same_rows()
    {
        var (unit, scale, sheet, other) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        {
            var streams = new List<BulkStream>();
            streams.Add(new BulkStream(sheet, "Stream", [
                new SelfAssessed(sheet, unit, 2023, scale, [new ScoreEntry("A1", 9), new ScoreEntry("A2", 1)]),
                new SelfAssessmentSubmitted(sheet, new DateOnly(2023, 11, 1)),
                new SelfAssessmentReturned(sheet, "Thiếu minh chứng"),
                new SelfAssessed(sheet, unit, 2023, scale, [new ScoreEntry("A1", 8)]),
                new SelfAssessmentSubmitted(sheet, new DateOnly(2023, 11, 5)),
                new ScoresAssessed(sheet, [new ScoreEntry("A1", 7, "Chưa đủ"), new ScoreEntry("A2", 1)]),
                new ScoreAdjusted(sheet, "A2", 0, "Theo kết luận kiểm tra", "05-KL/ĐTN"),
                Locked(sheet, unit, scale, 17, "Hoàn thành tốt nhiệm vụ", new FinalScore("A1", 7, 7, false), new FinalScore("A2", 0, 0, false),
                    new FinalScore("B1", 1, 10, true)),
                new ResultPublished(sheet, new DateOnly(2023, 12, 25)),
                new ScoringReopened(sheet, new Decision("15-QĐ/ĐTN", new DateOnly(2024, 1, 5), "Nguyễn Đăng Khoa"), "Chấp nhận khiếu nại")]));
            streams.Add(new BulkStream(other, "Stream", [
                new SelfAssessed(other, Guid.CreateVersion7(), 2023, scale, [new ScoreEntry("A1", 10)]),
                new SelfAssessmentSubmitted(other, new DateOnly(2023, 11, 1)),
                new ScoresAssessed(other, [new ScoreEntry("A1", 10)]),
                Locked(other, Guid.CreateVersion7(), scale, 20, "Hoàn thành xuất sắc nhiệm vụ", new FinalScore("A1", 10, 10, false))]));
            await factory.Store.Advanced.BulkInsertStreamsAsync(streams, Tester);
        }
        await factory.WaitForNonStaleAsync();

        Task<string> Snapshot() => RowsAsync($"""
            select s.sheet_id = $1 as reopened, s.status, s.total, s.classification, s.locked_on, s.published_on, l.condition_code, l.self, l.assessed, l.adjusted,
                   l.final_value, l.final_points
            from {ReviewSql.Schema}.review_sheets s join {ReviewSql.Schema}.review_score_lines l using (sheet_id)
            where s.sheet_id in ($1, $2) order by s.sheet_id = $1 desc, l.condition_code
            """, sheet, other);
        var live = await Snapshot();
        Assert.Equal("""
            {"reopened":true,"status":"Assessed","total":null,"classification":null,"locked_on":null,"published_on":null,"condition_code":"A1","self":8,"assessed":7,"adjusted":null,"final_value":null,"final_points":null}
            {"reopened":true,"status":"Assessed","total":null,"classification":null,"locked_on":null,"published_on":null,"condition_code":"A2","self":1,"assessed":1,"adjusted":0,"final_value":null,"final_points":null}
            {"reopened":true,"status":"Assessed","total":null,"classification":null,"locked_on":null,"published_on":null,"condition_code":"B1","self":null,"assessed":null,"adjusted":null,"final_value":null,"final_points":null}
            {"reopened":false,"status":"Locked","total":20,"classification":"Hoàn thành xuất sắc nhiệm vụ","locked_on":"2023-12-20","published_on":null,"condition_code":"A1","self":10,"assessed":10,"adjusted":null,"final_value":10,"final_points":10}
            """.ReplaceLineEndings("\n"), live);
        var sheets = await ScoreLines.SheetsAsync(factory.Store.DataSource, [scale], 2023, default);
        Assert.Equal(2, sheets.Count);
        Assert.Equal(("Assessed", false), (sheets[unit].Status, sheets[unit].IsFinal));
        Assert.Equal(4, await ScoreLines.CountAsync(factory.Store.DataSource, [sheet, other], default));
        var read = new List<string>();
        await foreach (var line in ScoreLines.ReadAsync(factory.Store.DataSource, [other, sheet], ["B1", "A2", "A1"], default))
            read.Add($"{line.SheetIndex}:{line.ConditionCode}");
        Assert.Equal(["0:A1", "1:B1", "1:A2", "1:A1"], read);

        Assert.Equal(live, await AfterRebuildAsync(ScoreLinesProjection.ProjectionName, Snapshot));
    }

    [Fact]
    public async Task Briefing_attendance_keeps_each_invited_units_last_record_and_rebuilds_to_the_same_rows()
    {
        var (office, meeting, review) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        Guid[] units = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];
        var heldOn = new DateOnly(2023, 3, 30);
        AttendanceRecorded Mark(Guid m, MeetingKind kind, Guid unit, AttendanceStatus status, string? reason = null, bool correction = false) =>
            new(m, office, kind, heldOn, unit, null, status, reason, correction);
        {
            var streams = new List<BulkStream>();
            streams.Add(new BulkStream(meeting, "Stream", [
                new MeetingConvened(meeting, MeetingKind.Briefing, office, "Giao ban quý I/2023", "Quý I/2023", heldOn, null, "Vũng Tàu", [], null,
                    [units[0], units[1], units[2]], ["Trần Văn Ủy"]),
                new UnitUninvited(meeting, units[2]),
                new UnitInvited(meeting, units[3]),
                Mark(meeting, MeetingKind.Briefing, units[0], AttendanceStatus.UnexcusedAbsence),
                Mark(meeting, MeetingKind.Briefing, units[1], AttendanceStatus.Present),
                new AttendanceRecorded(meeting, office, MeetingKind.Briefing, heldOn, null, "Trần Văn Ủy", AttendanceStatus.Present, null, false),
                Mark(meeting, MeetingKind.Briefing, units[0], AttendanceStatus.ExcusedAbsence, "Giấy phép nộp muộn", correction: true)]));
            streams.Add(new BulkStream(review, "Stream", [
                new MeetingConvened(review, MeetingKind.Review, office, "Sơ kết 6 tháng", "6 tháng/2023", heldOn, null, "Vũng Tàu", [], null, [units[0]], []),
                Mark(review, MeetingKind.Review, units[0], AttendanceStatus.Present)]));
            await factory.Store.Advanced.BulkInsertStreamsAsync(streams, Tester);
        }
        await factory.WaitForNonStaleAsync();

        Task<string> Snapshot() => RowsAsync($"""
            select m.kind, m.title, array_position($3::uuid[], a.unit_id) as unit, a.status, a.reason
            from {ReviewSql.Schema}.review_attendance a join {ReviewSql.Schema}.review_meetings m using (meeting_id)
            where m.meeting_id in ($1, $2) order by m.kind, unit
            """, meeting, review, units);
        var live = await Snapshot();
        Assert.Equal("""
            {"kind":"Briefing","title":"Giao ban quý I/2023","unit":1,"status":"ExcusedAbsence","reason":"Giấy phép nộp muộn"}
            {"kind":"Briefing","title":"Giao ban quý I/2023","unit":2,"status":"Present","reason":null}
            {"kind":"Briefing","title":"Giao ban quý I/2023","unit":4,"status":null,"reason":null}
            {"kind":"Review","title":"Sơ kết 6 tháng","unit":1,"status":"Present","reason":null}
            """.ReplaceLineEndings("\n"), live);
        var counts = await BriefingAttendance.CountsAsync(factory.Store.DataSource, units, 2023, default);
        Assert.Equal(new AttendanceCount(1, 0, 1, 0), counts[units[0]]);
        Assert.Equal((100m, 0m), (counts[units[1]].Rate, counts[units[3]].Rate));
        Assert.False(counts.ContainsKey(units[2]));
        Assert.Empty(await BriefingAttendance.CountsAsync(factory.Store.DataSource, units, 2024, default));

        Assert.Equal(live, await AfterRebuildAsync(BriefingAttendanceProjection.ProjectionName, Snapshot));
    }

    [Fact]
    public async Task Task_completion_keeps_deadline_and_completion_per_unit_so_on_time_is_computable_and_rebuilds_to_the_same_rows()
    {
        var (task, meeting, office) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        Guid[] units = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];
        var deadline = new DateOnly(2023, 4, 30);
        {
            var streams = new List<BulkStream>();
            streams.Add(new BulkStream(task, "Stream", [
                new TaskAssigned(task, meeting, office, "Tổ chức cho đoàn viên tải App Thanh niên Việt Nam", AssigneeScope.Units, null, [units[0], units[1], units[2]],
                    deadline, "trước ngày 30/4/2023", "100% đoàn viên tải App", []),
                new TaskProgressReported(task, units[0], "Đã có 80% đoàn viên tải App", new DateOnly(2023, 4, 10)),
                new TaskCompleted(task, units[0], "Báo cáo số 15-BC/ĐTN", deadline),
                new TaskCompleted(task, units[1], "Nộp muộn", new DateOnly(2023, 5, 2)),
                new TaskProgressReported(task, units[2], "Đang triển khai", new DateOnly(2023, 4, 20)),
                new TaskCompleted(task, units[3], "Không được giao mà vẫn báo cáo", deadline)]));
            await factory.Store.Advanced.BulkInsertStreamsAsync(streams, Tester);
        }
        await factory.WaitForNonStaleAsync();

        Task<string> Snapshot() => RowsAsync($"""
            select array_position($2::uuid[], unit_id) as unit, text, target, deadline, completed_on, reported_on, last_note
            from {ReviewSql.Schema}.review_tasks where task_id = $1 order by unit
            """, task, units);
        var live = await Snapshot();
        Assert.Equal("""
            {"unit":1,"text":"Tổ chức cho đoàn viên tải App Thanh niên Việt Nam","target":"100% đoàn viên tải App","deadline":"2023-04-30","completed_on":"2023-04-30","reported_on":"2023-04-30","last_note":"Báo cáo số 15-BC/ĐTN"}
            {"unit":2,"text":"Tổ chức cho đoàn viên tải App Thanh niên Việt Nam","target":"100% đoàn viên tải App","deadline":"2023-04-30","completed_on":"2023-05-02","reported_on":"2023-05-02","last_note":"Nộp muộn"}
            {"unit":3,"text":"Tổ chức cho đoàn viên tải App Thanh niên Việt Nam","target":"100% đoàn viên tải App","deadline":"2023-04-30","completed_on":null,"reported_on":"2023-04-20","last_note":"Đang triển khai"}
            """.ReplaceLineEndings("\n"), live);
        var counts = await TaskCompletion.CountsAsync(factory.Store.DataSource, units, 2023, default);
        Assert.Equal([new TaskCount(1, 1, 0, 0), new TaskCount(1, 0, 1, 0), new TaskCount(1, 0, 0, 1)], units[..3].Select(u => counts[u]));
        Assert.Equal(100m, counts[units[0]].OnTimeRate);
        var lines = new List<TaskLine>();
        await foreach (var line in TaskCompletion.ReadAsync(factory.Store.DataSource, [units[2], units[0]], 2023, default))
            lines.Add(line);
        Assert.Equal([(0, false), (1, true)], lines.Select(l => (l.UnitIndex, l.OnTime)));

        Assert.Equal(live, await AfterRebuildAsync(TaskCompletionProjection.ProjectionName, Snapshot));
    }

    [Fact]
    public async Task Inspection_results_keep_findings_and_recommendations_per_unit_and_rebuild_to_the_same_rows()
    {
        var (plan, inspection, unit, issuer) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var (done, open) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var heldOn = new DateOnly(2023, 10, 16);
        {
            var streams = new List<BulkStream>();
            streams.Add(new BulkStream(plan, "Stream", [
                new PlanIssued(plan, issuer, "05-KH/ĐTN", 2023, heldOn, heldOn, heldOn.AddDays(15), [unit], [new Topic("A2", "App")], Guid.NewGuid(), []),
                new InspectionHeld(plan, inspection, heldOn, "Hội trường", [unit]),
                new TopicReviewed(plan, inspection, unit, 2023, heldOn, "A2", EvidenceVerdict.PartlyAccepted, "Thiếu minh chứng", null, ["Tích cực"], []),
                new TopicReviewed(plan, inspection, unit, 2023, heldOn, "A2", EvidenceVerdict.Rejected, "Minh chứng không đạt", "Đoàn viên mới chuyển đến",
                    ["Tích cực"], ["Chưa đạt chỉ tiêu", "Sổ sách chưa cập nhật"]),
                new TopicReviewed(plan, inspection, unit, 2023, heldOn, "Phát triển đoàn viên", EvidenceVerdict.Accepted, null, null, [], []),
                new RecommendationMade(plan, done, inspection, unit, 2023, "Rà soát học tập trên App", new DateOnly(2023, 12, 31)),
                new RecommendationMade(plan, open, inspection, unit, 2023, "Cập nhật sổ đoàn viên", new DateOnly(2023, 11, 30)),
                new RecommendationReported(plan, done, unit, new DateOnly(2023, 11, 2), "Đang rà soát", false),
                new RecommendationReported(plan, done, unit, new DateOnly(2023, 12, 10), "Đã hoàn thành", true)]));
            await factory.Store.Advanced.BulkInsertStreamsAsync(streams, Tester);
        }
        await factory.WaitForNonStaleAsync();

        Task<string> Snapshot() => RowsAsync($"""
            select 'finding' as kind, topic as text, verdict as state, comment, explanation, strengths::text as detail, shortcomings::text as more
            from {ReviewSql.Schema}.review_findings where unit_id = $1
            union all
            select 'recommendation', text, completed::text, reported_on::text, last_report, deadline::text, p.number_symbol
            from {ReviewSql.Schema}.review_recommendations r join {ReviewSql.Schema}.review_plans p using (plan_id) where r.unit_id = $1
            order by kind, text
            """, unit);
        var live = await Snapshot();
        Assert.Equal("""
            {"kind":"finding","text":"A2","state":"Rejected","comment":"Minh chứng không đạt","explanation":"Đoàn viên mới chuyển đến","detail":"{\"Tích cực\"}","more":"{\"Chưa đạt chỉ tiêu\",\"Sổ sách chưa cập nhật\"}"}
            {"kind":"finding","text":"Phát triển đoàn viên","state":"Accepted","comment":null,"explanation":null,"detail":"{}","more":"{}"}
            {"kind":"recommendation","text":"Cập nhật sổ đoàn viên","state":"false","comment":null,"explanation":null,"detail":"2023-11-30","more":"05-KH/ĐTN"}
            {"kind":"recommendation","text":"Rà soát học tập trên App","state":"true","comment":"2023-12-10","explanation":"Đã hoàn thành","detail":"2023-12-31","more":"05-KH/ĐTN"}
            """.ReplaceLineEndings("\n"), live);
        var counts = await InspectionResults.CountsAsync(factory.Store.DataSource, [unit, Guid.NewGuid()], 2023, default);
        Assert.Equal(new InspectionCount(1, 0, 1, 2, 1), Assert.Single(counts).Value);

        Assert.Equal(live, await AfterRebuildAsync(InspectionResultsProjection.ProjectionName, Snapshot));
    }
    [Fact]
    public async Task The_rows_are_the_same_whether_the_daemon_hands_over_events_one_at_a_time_or_a_thousand_at_once()
    {
        var (sheet, unit, scale, meeting, task, plan) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
            Guid.CreateVersion7(), Guid.CreateVersion7());
        var (office, other, recommendation) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var day = new DateOnly(2023, 6, 29);
        BulkStream[] streams =
        [
            new(sheet, "ScoreSheet", [
                new SelfAssessed(sheet, unit, 2023, scale, [new ScoreEntry("A1", 9), new ScoreEntry("A2", 1)]),
                new SelfAssessmentSubmitted(sheet, day),
                new ScoresAssessed(sheet, [new ScoreEntry("A1", 8, "Thiếu biên bản")]),
                Locked(sheet, unit, scale, 18, "Hoàn thành tốt nhiệm vụ", new FinalScore("A1", 8, 8, false), new FinalScore("A2", 1, 10, false)),
                new ScoringReopened(sheet, new Decision("15-QĐ/ĐTN", day, "Nguyễn Đăng Khoa"), "Khiếu nại"),
                new ScoreAdjusted(sheet, "A1", 9, "Theo kết luận kiểm tra", "05-KL/ĐTN"),
                Locked(sheet, unit, scale, 19, "Hoàn thành xuất sắc nhiệm vụ", new FinalScore("A1", 9, 9, false), new FinalScore("A2", 1, 10, false)),
                new ResultPublished(sheet, day)]),
            new(meeting, "Meeting", [
                new MeetingConvened(meeting, MeetingKind.Briefing, office, "Giao ban quý II/2023", "Quý II/2023", day, null, "Vũng Tàu", [], null, [unit, other], []),
                new UnitUninvited(meeting, other),
                new AttendanceRecorded(meeting, office, MeetingKind.Briefing, day, unit, null, AttendanceStatus.UnexcusedAbsence, null, false),
                new UnitInvited(meeting, other),
                new AttendanceRecorded(meeting, office, MeetingKind.Briefing, day, unit, null, AttendanceStatus.ExcusedAbsence, "Đính chính", true)]),
            new(task, "MeetingTask", [
                new TaskAssigned(task, meeting, office, "Báo cáo sơ kết", AssigneeScope.AllInvited, null, [unit, other], day.AddDays(10), null, null, []),
                new TaskProgressReported(task, other, "Đang tổng hợp", day.AddDays(3)),
                new TaskCompleted(task, unit, "Báo cáo số 21-BC/ĐTN", day.AddDays(12))]),
            new(plan, "InspectionPlan", [
                new PlanIssued(plan, office, "05-KH/ĐTN", 2023, day, day, day.AddDays(30), [unit], [], Guid.NewGuid(), []),
                new TopicReviewed(plan, plan, unit, 2023, day, "A1", EvidenceVerdict.Accepted, null, null, ["Tốt"], []),
                new RecommendationMade(plan, recommendation, plan, unit, 2023, "Cập nhật sổ sách", day.AddDays(60)),
                new RecommendationReported(plan, recommendation, unit, day.AddDays(20), "Xong", true)]),
        ];

        var snapshots = new List<string>();
        foreach (var batch in new[] { 1, 1000 })
        {
            var options = new StoreOptions { ConnectionString = await PostgresCluster.CreateDatabaseAsync("reporting_batch"), DaemonBatchSize = batch };
            options.Events
                .Add<SelfAssessed>("emulation.self_assessed").Add<SelfAssessmentSubmitted>("emulation.self_assessment_submitted")
                .Add<SelfAssessmentReturned>("emulation.self_assessment_returned")
                .Add<ScoresAssessed>("emulation.scores_assessed").Add<ScoreAdjusted>("emulation.score_adjusted").Add<ScoresLocked>("emulation.scores_locked")
                .Add<ResultPublished>("emulation.result_published").Add<ScoringReopened>("emulation.scoring_reopened")
                .Add<MeetingConvened>("meetings.meeting_convened").Add<UnitInvited>("meetings.unit_invited").Add<UnitUninvited>("meetings.unit_uninvited")
                .Add<AttendanceRecorded>("meetings.attendance_recorded").Add<TaskAssigned>("meetings.task_assigned")
                .Add<TaskProgressReported>("meetings.task_progress_reported").Add<TaskCompleted>("meetings.task_completed")
                .Add<PlanIssued>("inspections.plan_issued").Add<TopicReviewed>("inspections.topic_reviewed")
                .Add<RecommendationMade>("inspections.recommendation_made").Add<RecommendationReported>("inspections.recommendation_reported");
            ReportingModule.ConfigureStore(options);
            var store = ServiceCollectionExtensions.CreateStore(options);
            await store.Advanced.ApplySchemaAsync();
            await store.Advanced.BulkInsertStreamsAsync(streams, Tester);
            foreach (var name in store.Advanced.ProjectionNames)
                await store.Advanced.RebuildProjectionAsync(name);
            await using var command = store.DataSource.CreateCommand($"""
                select string_agg(query_to_xml('select * from {ReviewSql.Schema}.' || t.table_name || ' order by 1, 2, 3, 4', false, false, '')::text, E'\\n'
                                  order by t.table_name)
                from information_schema.tables t where t.table_schema = '{ReviewSql.Schema}'
                """);
            snapshots.Add((string)(await command.ExecuteScalarAsync())!);
        }
        Assert.Equal(snapshots[1], snapshots[0]);
        Assert.Contains("<final_value>9</final_value>", snapshots[0], StringComparison.Ordinal);
        Assert.Contains("<status>ExcusedAbsence</status>", snapshots[0], StringComparison.Ordinal);
        Assert.Contains("<completed>true</completed>", snapshots[0], StringComparison.Ordinal);
    }
}
