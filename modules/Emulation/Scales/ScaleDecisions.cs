using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Emulation.Scales;

/// <summary>The scale's pure decisions: a content is checked whole; a published scale never changes.</summary>
internal static class ScaleDecisions
{
    public const string PublishedRule = "Thang điểm đã ban hành, không thể sửa. Hãy ban hành văn bản sửa đổi (phiên bản mới).";

    public static ScaleDrafted Draft(Guid id, Guid issuingUnitId, int year, ScaleContent? content, FieldErrors errors)
    {
        errors.Require(year is >= 2000 and <= 2100, "year", "Năm không hợp lệ.");
        var clean = Validate(content, errors);
        return new ScaleDrafted(id, issuingUnitId, year, 1, null, null, null, clean);
    }

    public static ScaleDraftRevised Revise(Scale scale, ScaleContent? content, FieldErrors errors)
    {
        if (scale.Status != ScaleStatus.Draft)
            throw new DomainRuleException(PublishedRule);
        return new ScaleDraftRevised(scale.Id, Validate(content, errors));
    }

    public static ScalePublished Publish(Scale scale, DateOnly? effectiveDate, DateOnly today)
    {
        if (scale.Status != ScaleStatus.Draft)
            throw new DomainRuleException("Thang điểm này đã ban hành.");
        return new ScalePublished(scale.Id, scale.EffectiveDate ?? effectiveDate ?? today);
    }

    public static ScaleDrafted Amend(Scale scale, Guid newId, DateOnly? effectiveDate, string? reason, ScaleContent? content, FieldErrors errors)
    {
        if (scale.Status != ScaleStatus.Published)
            throw new DomainRuleException("Chỉ sửa đổi được thang điểm đang có hiệu lực (đã ban hành, chưa bị thay thế).");
        errors.Require(effectiveDate is not null, "effectiveDate", "Cần ngày hiệu lực của bản sửa đổi.");
        errors.Require(Input.Clean(reason) is not null, "reason", "Cần lý do sửa đổi.");
        var clean = Validate(content, errors);
        return new ScaleDrafted(newId, scale.IssuingUnitId, scale.Year, scale.Number + 1, scale.Id, effectiveDate, Input.Clean(reason), clean);
    }

    public static ScaleContent Validate(ScaleContent? content, FieldErrors errors)
    {
        if (content is null)
        {
            errors.Require(false, "content", "Thiếu nội dung thang điểm.");
            return new ScaleContent("", "", 0, 0, [], []);
        }
        content = Normalize(content);
        errors.Require(Input.Clean(content.Name) is not null, "name", "Cần tên thang điểm.");
        errors.Require(content.MaxPoints > 0, "maxPoints", "Điểm tối đa phải lớn hơn 0.");
        errors.Require(content.BonusCap >= 0, "bonusCap", "Điểm thưởng tối đa không được âm.");
        errors.Require(content.Sections.Count > 0, "sections", "Cần ít nhất một phần.");
        var sections = content.Sections;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < sections.Count; s++)
        {
            var section = sections[s];
            var conditions = section.Conditions.ToList();
            var i = 0;
            foreach (var condition in conditions)
            {
                var field = $"sections[{s}].conditions[{condition.Code ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
                i++;
                errors.Require(condition.Code is not null && codes.Add(condition.Code), field + ".code", "Mã điều kiện bị thiếu hoặc trùng.");
                errors.Require(condition.MaxPoints > 0, field + ".maxPoints", "Điểm tối đa của điều kiện phải lớn hơn 0.");
                switch (condition.Kind)
                {
                    case ConditionKind.Tiered:
                        errors.Require(condition.Tiers is { Count: > 0 } && condition.Tiers.All(t => t.Points >= 0 && t.Points <= condition.MaxPoints && t.From >= 0),
                            field + ".tiers", "Cần các mức điểm, mỗi mức từ 0 đến điểm tối đa.");
                        break;
                    case ConditionKind.Ratio:
                        errors.Require(condition.Target is > 0, field + ".target", "Cần chỉ tiêu lớn hơn 0.");
                        break;
                    case ConditionKind.Penalty:
                        errors.Require(condition.PointsPerOccurrence is > 0, field + ".pointsPerOccurrence", "Cần số điểm trừ mỗi lần vi phạm.");
                        break;
                    case ConditionKind.Manual or ConditionKind.Bonus or ConditionKind.YesNo:
                        errors.Require(condition.Source is null, field + ".source", "Điều kiện loại này không tính tự động được.");
                        break;
                }
            }
            var reachable = Reachable(conditions);
            errors.Require(reachable == section.MaxPoints, $"sections[{s}].maxPoints",
                $"Phần \"{section.Title}\" ({section.Code}) ghi tối đa {section.MaxPoints} điểm nhưng các điều kiện cộng lại {reachable} điểm.");
        }
        var total = sections.Sum(s => s.MaxPoints);
        errors.Require(total == content.MaxPoints, "maxPoints", $"Các phần cộng lại {total} điểm, khác điểm tối đa {content.MaxPoints} của thang điểm.");
        var classes = content.Classes;
        errors.Require(classes.Count > 0, "classes", "Cần các mức xếp loại.");
        for (var c = 0; c < classes.Count; c++)
        {
            errors.Require(Input.Clean(classes[c].Name) is not null, $"classes[{c}].name", "Cần tên mức xếp loại.");
            errors.Require(c == 0 || classes[c].MinTotal < classes[c - 1].MinTotal, $"classes[{c}].minTotal", "Các mức xếp loại phải theo thứ tự điểm giảm dần.");
            foreach (var code in classes[c].FullConditions ?? [])
                errors.Require(codes.Contains(code), $"classes[{c}].fullConditions", $"Không có điều kiện mã {code}.");
        }
        foreach (var tie in content.TieBreaks ?? [])
            errors.Require(tie.Kind != TieBreakKind.SectionTotal || sections.Any(s => s.Code == tie.SectionCode), "tieBreaks", $"Không có phần mã {tie.SectionCode}.");
        return content with
        {
            Name = Input.Clean(content.Name) ?? "", Guideline = Input.Clean(content.Guideline) ?? "", Sections = sections, Classes = classes,
            TieBreaks = content.TieBreaks ?? [],
        };
    }

    // JSON may leave any list or text null; a malformed request must end in field errors, never in a null reference.
    private static ScaleContent Normalize(ScaleContent content) => content with
    {
        Name = content.Name ?? "", Guideline = content.Guideline ?? "",
        Sections = [.. (content.Sections ?? []).OfType<Section>().Select(s => s with
        {
            Code = Input.Clean(s.Code) ?? "", Title = Input.Clean(s.Title) ?? "",
            Criteria = [.. (s.Criteria ?? []).OfType<Criterion>().Select(c => c with
            {
                Code = Input.Clean(c.Code) ?? "", Title = Input.Clean(c.Title) ?? "",
                Items = [.. (c.Items ?? []).OfType<ContentItem>().Select(i => i with
                {
                    Code = Input.Clean(i.Code) ?? "", Title = Input.Clean(i.Title) ?? "",
                    Conditions = [.. (i.Conditions ?? []).OfType<Condition>().Select(x => x with
                    {
                        Code = Input.Clean(x.Code)!, Title = Input.Clean(x.Title) ?? "",
                        Tiers = x.Tiers?.OfType<Tier>().ToList(), Sectors = x.Sectors?.ToList(), Levels = x.Levels?.ToList(),
                    })],
                })],
            })],
        })],
        Classes = [.. (content.Classes ?? []).OfType<ClassRule>().Select(c => c with { FullConditions = c.FullConditions?.OfType<string>().ToList() })],
        TieBreaks = [.. (content.TieBreaks ?? []).OfType<TieBreak>()],
    };

    /// <summary>The most a unit of any one sector can reach in these conditions (sector-specific ones are alternatives).</summary>
    private static decimal Reachable(IReadOnlyList<Condition> conditions)
    {
        var scored = conditions.Where(c => c.CountsTowardsMaximum).ToList();
        if (!scored.Any(c => c.Sectors is { Count: > 0 }))
            return scored.Sum(c => c.MaxPoints);
        return Enum.GetValues<Sector>().Max(sector => scored.Where(c => c.Sectors is not { Count: > 0 } || c.Sectors.Contains(sector)).Sum(c => c.MaxPoints));
    }
}
