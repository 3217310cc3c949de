using DoanPlatform.Emulation.Contracts;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Emulation.Scoring;

/// <summary>The scoring workflow's pure decisions: sheet, scale and command in, events or a refusal out.</summary>
internal static class ScoreSheetDecisions
{
    public const string PublishedRule = "Kết quả thi đua đã công bố, không thể sửa. Chỉ có thể mở lại bằng quyết định (số ký hiệu).";

    public static SelfAssessed SelfAssess(ScoreSheet? sheet, Guid sheetId, Guid unitId, int year, Scale scale, UnitSummary unit,
        IReadOnlyList<ScoreEntry>? entries, FieldErrors errors)
    {
        if (sheet is not null)
        {
            RefuseWhenFinal(sheet);
            if (sheet.Status is not (SheetStatus.Draft or SheetStatus.Returned))
                throw new DomainRuleException("Bản tự chấm đã nộp; đơn vị không thể sửa trừ khi cấp trên trả lại.");
        }
        if (scale.Status == ScaleStatus.Draft)
            throw new DomainRuleException("Thang điểm chưa ban hành; chưa thể tự chấm.");
        errors.Require(scale.Year == year, "year", $"Thang điểm áp dụng cho năm {scale.Year}.");
        var attached = sheet?.Evidence.Select(e => e.ConditionCode).ToHashSet(StringComparer.Ordinal) ?? [];
        var clean = CheckEntries(scale.Content, unit, entries, null, errors, forSelf: true, attached);
        return new SelfAssessed(sheetId, unitId, year, scale.Id, clean);
    }

    public static SelfAssessmentSubmitted Submit(ScoreSheet sheet, Scale scale, UnitSummary unit, DateOnly today)
    {
        RefuseWhenFinal(sheet);
        if (sheet.Status is not (SheetStatus.Draft or SheetStatus.Returned))
            throw new DomainRuleException("Bản tự chấm đã nộp.");
        var missing = scale.Content.AllConditions.Where(x => x.Condition.Source is null && x.Condition.Kind is not (ConditionKind.Bonus or ConditionKind.Penalty)
            && x.Condition.AppliesTo(unit.Sector, unit.Level) && !sheet.Self.ContainsKey(x.Condition.Code)).Select(x => x.Condition.Code).ToList();
        if (missing.Count > 0)
            throw new DomainRuleException($"Chưa tự chấm các điều kiện: {string.Join(", ", missing)}.");
        return new SelfAssessmentSubmitted(sheet.Id, today);
    }

    public static SelfAssessmentReturned Return(ScoreSheet sheet, string? reason, FieldErrors errors)
    {
        RefuseWhenFinal(sheet);
        if (sheet.Status != SheetStatus.Submitted)
            throw new DomainRuleException("Chỉ trả lại được bản tự chấm đã nộp, chưa chấm.");
        errors.Require(Input.Clean(reason) is not null, "reason", "Trả lại phải nêu lý do.");
        return new SelfAssessmentReturned(sheet.Id, Input.Clean(reason) ?? "");
    }

    public static ScoresAssessed Assess(ScoreSheet sheet, Scale scale, UnitSummary unit, IReadOnlyList<ScoreEntry>? entries, FieldErrors errors)
    {
        RefuseWhenFinal(sheet);
        if (sheet.Status is not (SheetStatus.Submitted or SheetStatus.Assessed))
            throw new DomainRuleException("Đơn vị chưa nộp bản tự chấm.");
        return new ScoresAssessed(sheet.Id, CheckEntries(scale.Content, unit, entries, sheet.Self, errors, forSelf: false));
    }

    public static ScoreAdjusted Adjust(ScoreSheet sheet, Scale scale, UnitSummary unit, string? code, decimal? value, string? reason, string? reference,
        FieldErrors errors)
    {
        RefuseWhenFinal(sheet);
        if (sheet.Status != SheetStatus.Assessed)
            throw new DomainRuleException("Chỉ điều chỉnh được điểm đã chấm, chưa chốt.");
        errors.Require(Input.Clean(reason) is not null, "reason", "Điều chỉnh điểm phải nêu lý do.");
        var entries = CheckEntries(scale.Content, unit, [new ScoreEntry(code ?? "", value ?? -1, reason)], null, errors, forSelf: false);
        return new ScoreAdjusted(sheet.Id, entries.FirstOrDefault()?.ConditionCode ?? "", value ?? 0, Input.Clean(reason) ?? "", Input.Clean(reference));
    }

    public static ScoresLocked Lock(ScoreSheet sheet, Scale scale, UnitSummary unit, UnitFacts facts, DateOnly today)
    {
        RefuseWhenFinal(sheet);
        if (sheet.Status != SheetStatus.Assessed)
            throw new DomainRuleException("Chỉ chốt được điểm đã chấm.");
        var result = Calculator.Score(scale.Content, unit.Sector, unit.Level, sheet.FinalValues(), facts);
        return new ScoresLocked(sheet.Id, sheet.UnitId, sheet.Year, scale.Id, scale.IssuingUnitId, unit.Sector, unit.Level, facts, today,
            result.Total, result.Base, result.BonusCounted, result.Penalty, result.Sections, result.Classification, result.ClassIndex, result.TieKeys,
            scale.Content.TopAward, [.. result.Conditions.Where(c => c.Applicable).Select(c => new FinalScore(c.Code, c.Value, c.Points, c.Computed))]);
    }

    public static ResultPublished Publish(ScoreSheet sheet, DateOnly today)
    {
        if (sheet.Status == SheetStatus.Published)
            throw new DomainRuleException("Kết quả đã công bố.");
        if (sheet.Status != SheetStatus.Locked)
            throw new DomainRuleException("Phải chốt điểm trước khi công bố.");
        return new ResultPublished(sheet.Id, today);
    }

    public static ScoringReopened Reopen(ScoreSheet sheet, Decision? decision, string? reason, FieldErrors errors)
    {
        if (sheet.Status is not (SheetStatus.Locked or SheetStatus.Published))
            throw new DomainRuleException("Chỉ mở lại được kết quả đã chốt hoặc đã công bố.");
        errors.Require(Input.Clean(decision?.NumberSymbol) is not null && decision!.Date != default, "decision", "Mở lại phải có quyết định (số ký hiệu, ngày).");
        errors.Require(Input.Clean(reason) is not null, "reason", "Cần lý do mở lại.");
        return new ScoringReopened(sheet.Id, decision is null ? new Decision("", default, "") :
            new Decision(Input.Clean(decision.NumberSymbol) ?? "", decision.Date, Input.Clean(decision.Signer) ?? ""), Input.Clean(reason) ?? "");
    }

    private static void RefuseWhenFinal(ScoreSheet sheet)
    {
        if (sheet.Status == SheetStatus.Published)
            throw new DomainRuleException(PublishedRule);
        if (sheet.Status == SheetStatus.Locked)
            throw new DomainRuleException("Điểm đã chốt; chỉ có thể công bố hoặc mở lại bằng quyết định.");
    }

    private static List<ScoreEntry> CheckEntries(ScaleContent scale, UnitSummary unit, IReadOnlyList<ScoreEntry>? entries,
        IReadOnlyDictionary<string, ScoreEntry>? self, FieldErrors errors, bool forSelf, IReadOnlySet<string>? attached = null)
    {
        var clean = new List<ScoreEntry>();
        entries ??= [];
        errors.Require(entries.Count > 0, "entries", "Cần ít nhất một điều kiện.");
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var field = $"entries[{i}]";
            if (entry is null)
            {
                errors.Require(false, field, "Dòng chấm điểm trống.");
                continue;
            }
            if (scale.Find(entry.ConditionCode ?? "") is not { } condition)
            {
                errors.Require(false, field + ".conditionCode", $"Thang điểm không có điều kiện mã {entry.ConditionCode}.");
                continue;
            }
            errors.Require(clean.All(c => c.ConditionCode != condition.Code), field + ".conditionCode", $"Điều kiện {condition.Code} xuất hiện hai lần.");
            errors.Require(condition.AppliesTo(unit.Sector, unit.Level), field + ".conditionCode", $"Điều kiện {condition.Code} không áp dụng cho đơn vị này.");
            errors.Require(condition.Source is null, field + ".conditionCode", $"Điều kiện {condition.Code} được tính tự động, không chấm tay.");
            errors.Require(entry.Value >= 0, field + ".value", "Giá trị không được âm.");
            switch (condition.Kind)
            {
                case ConditionKind.Manual or ConditionKind.Bonus:
                    errors.Require(entry.Value <= condition.MaxPoints, field + ".value", $"Vượt điểm tối đa ({condition.MaxPoints}) của điều kiện {condition.Code}.");
                    break;
                case ConditionKind.YesNo:
                    errors.Require(entry.Value is 0 or 1, field + ".value", "Điều kiện đạt/không đạt nhận 1 hoặc 0.");
                    break;
                case ConditionKind.Tiered or ConditionKind.Penalty:
                    errors.Require(entry.Value == decimal.Truncate(entry.Value), field + ".value", "Số lần phải là số nguyên.");
                    break;
            }
            var evidence = Input.Clean(entry.Evidence);
            if (forSelf)
                errors.Require(!condition.EvidenceRequired || evidence is not null || attached?.Contains(condition.Code) == true, field + ".evidence", $"Điều kiện {condition.Code} cần minh chứng.");
            var comment = Input.Clean(entry.Comment);
            if (self is not null)
                errors.Require(comment is not null || (self.TryGetValue(condition.Code, out var own) && own.Value == entry.Value), field + ".comment",
                    "Điểm chấm khác điểm tự chấm phải có nhận xét.");
            clean.Add(new ScoreEntry(condition.Code, entry.Value, comment, evidence));
        }
        return clean;
    }
}
