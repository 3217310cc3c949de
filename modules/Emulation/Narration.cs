using System.Globalization;
using DoanPlatform.Emulation.Contracts;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.EventStore;

namespace DoanPlatform.Emulation;

/// <summary>
/// The auditor's sentence for every Emulation event. A score sheet remembers its unit, its year and each condition's
/// self-assessed and current value, so an assessment or an adjustment reads "tự chấm 8 → đánh giá 7".
/// </summary>
internal sealed class EmulationNarrator : IEventNarrator
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public Narration? Narrate(IEvent @event, IReadOnlyDictionary<string, string> memory)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(memory);
        IReadOnlyList<Guid> unit = memory.TryGetValue("unit", out var id) ? [Guid.Parse(id)] : [];
        var year = memory.GetValueOrDefault("year", "");
        var scale = memory.GetValueOrDefault("scale", "thang điểm");
        IReadOnlyList<Guid> issuer = memory.TryGetValue("issuer", out var issuerId) ? [Guid.Parse(issuerId)] : [];
        return @event.Data switch
        {
            ScaleDrafted x => new Narration([x.IssuingUnitId], null,
                (x.AmendsScaleId is null ? "Dự thảo" : $"Dự thảo sửa đổi (lần {x.Number})") + $" “{x.Content.Name}” năm {x.Year}" +
                (x.AmendmentReason is { } why ? $" (lý do: {why})." : "."))
            {
                Remember = new Dictionary<string, string>
                {
                    ["issuer"] = x.IssuingUnitId.ToString(), ["year"] = x.Year.ToString(CultureInfo.InvariantCulture), ["scale"] = $"“{x.Content.Name}” năm {x.Year}",
                },
            },
            ScaleDraftRevised x => new Narration(issuer, null, $"Sửa dự thảo thang điểm {scale} (nay là “{x.Content.Name}”).")
            {
                Remember = new Dictionary<string, string> { ["scale"] = $"“{x.Content.Name}” năm {year}" },
            },
            ScalePublished x => new Narration(issuer, x.EffectiveDate, $"Ban hành thang điểm {scale}, hiệu lực từ ngày {Date(x.EffectiveDate)}."),
            ScaleSuperseded x => new Narration(issuer, x.EffectiveDate,
                $"Thang điểm {scale} được thay bằng bản sửa đổi từ ngày {Date(x.EffectiveDate)} (lý do: {x.Reason})."),

            SelfAssessed x => new Narration([x.UnitId], null,
                $"Tự chấm điểm thi đua năm {x.Year}: {string.Join("; ", x.Entries.Select(e => $"{e.ConditionCode}: {Points(e.Value)}{Notes(e, "ghi chú")}"))}.")
            {
                Remember = new Dictionary<string, string>(x.Entries.SelectMany(e => new[]
                {
                    KeyValuePair.Create($"self:{e.ConditionCode}", Points(e.Value)), KeyValuePair.Create($"value:{e.ConditionCode}", Points(e.Value)),
                }))
                {
                    ["unit"] = x.UnitId.ToString(), ["year"] = x.Year.ToString(CultureInfo.InvariantCulture),
                },
            },
            SelfAssessmentSubmitted x => new Narration(unit, x.SubmittedOn, $"Gửi bảng tự chấm điểm năm {year} lên cấp trên."),
            SelfAssessmentReturned x => new Narration(unit, null, $"Cấp trên trả lại bảng tự chấm điểm năm {year} (lý do: {x.Reason})."),
            ScoresAssessed x => new Narration(unit, null,
                $"Chấm điểm thi đua năm {year}: {string.Join("; ", x.Entries.Select(e => $"{e.ConditionCode}: {Assessed(e, memory)}{Notes(e, "nhận xét")}"))}.")
            {
                Remember = x.Entries.ToDictionary(e => $"value:{e.ConditionCode}", e => Points(e.Value)),
            },
            ScoreAdjusted x => new Narration(unit, null,
                $"Điều chỉnh điểm năm {year}, điều kiện {x.ConditionCode}: {memory.GetValueOrDefault($"value:{x.ConditionCode}", "?")} → {Points(x.Value)} " +
                $"(lý do: {x.Reason}{(x.Reference is { } reference ? $"; căn cứ: {reference}" : "")}).")
            {
                Decision = x.Reference,
                Remember = new Dictionary<string, string> { [$"value:{x.ConditionCode}"] = Points(x.Value) },
            },
            ScoresLocked x => new Narration([x.UnitId], x.LockedOn,
                $"Chốt điểm thi đua năm {x.Year}: tổng {Points(x.Total)} điểm (cơ bản {Points(x.Base)}, thưởng {Points(x.Bonus)}, trừ {Points(x.Penalty)}); " +
                $"xếp loại: {x.Classification ?? "chưa xếp loại"}.")
            {
                Remember = new Dictionary<string, string> { ["unit"] = x.UnitId.ToString(), ["year"] = x.Year.ToString(CultureInfo.InvariantCulture) },
            },
            ResultPublished x => new Narration(unit, x.PublishedOn, $"Công bố kết quả thi đua năm {year}."),
            ScoringReopened x => new Narration(unit, x.Decision.Date,
                $"Mở lại bảng điểm năm {year} theo quyết định số {x.Decision.NumberSymbol} ngày {Date(x.Decision.Date)} (lý do: {x.Reason}).")
            { Decision = x.Decision.NumberSymbol },
            EvidenceAttached x => new Narration(unit, null,
                $"Đính kèm minh chứng cho điều kiện {x.ConditionCode}: tệp “{x.FileName}” ({x.Size.ToString("N0", Vietnamese)} byte, SHA-256 {x.Sha256})."),
            _ => null,
        };
    }

    private static string Assessed(ScoreEntry entry, IReadOnlyDictionary<string, string> memory) =>
        memory.TryGetValue($"self:{entry.ConditionCode}", out var self)
            ? self == Points(entry.Value) ? $"{self} (giữ nguyên điểm tự chấm)" : $"tự chấm {self} → đánh giá {Points(entry.Value)}"
            : $"đánh giá {Points(entry.Value)}";

    private static string Notes(ScoreEntry entry, string comment) =>
        (entry.Comment is { } c ? $" ({comment}: {c})" : "") + (entry.Evidence is { } e ? $" (minh chứng: {e})" : "");

    private static string Points(decimal value) => value.ToString("0.##", Vietnamese);

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
