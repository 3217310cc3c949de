using DoanPlatform.Emulation.Contracts;
using DoanPlatform.Emulation.Scales;
using DoanPlatform.Emulation.Scoring;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Emulation.Demo;

/// <summary>
/// The demo province's emulation, every event made by the module's own decisions: the 2023 and 2024 scales, and for every grassroots
/// unit its self-assessment (a few returned and corrected), submission and assessment; 2023 is then locked with the briefing facts
/// read as <c>LockScores</c> reads them, and published; 2024 stays assessed, open to the inspection's adjustment.
/// </summary>
internal sealed class DemoEmulation(DemoProvince province, IReadOnlyDictionary<Guid, UnitFacts> facts2023)
{
    private static readonly string[] Comments =
    [
        "Minh chứng chưa đầy đủ",
        "Kết quả thấp hơn số liệu đơn vị báo cáo",
        "Chưa đạt chỉ tiêu được giao",
        "Điều chỉnh theo số liệu của Văn phòng Tỉnh đoàn",
    ];

    private readonly Random _random = new(2025);

    public DemoStreams Streams { get; } = new();
    public Dictionary<int, Scale> Scales { get; } = [];
    public int Sheets { get; private set; }
    public Dictionary<string, int> Classified { get; } = [];

    public void Build()
    {
        var issuer = province.ProvinceId;
        var office = province.Office.Actor;
        foreach (var (year, guideline, published) in new[]
                 {
                     (2023, "Hướng dẫn số 09-HD/TĐTN ngày 16/02/2023 của Ban Thường vụ Tỉnh đoàn", new DateOnly(2023, 2, 16)),
                     (2024, "Hướng dẫn số 12-HD/TĐTN ngày 20/02/2024 của Ban Thường vụ Tỉnh đoàn", new DateOnly(2024, 2, 20)),
                 })
        {
            var errors = new FieldErrors();
            var id = DemoProvince.IdFor("scale", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var drafted = ScaleDecisions.Draft(id, issuer, year, DemoScale.Content(year, guideline), errors);
            Check(errors, $"scale {year}");
            var scale = Scale.Initial.Evolve(drafted);
            var publishing = ScaleDecisions.Publish(scale, published, published);
            Scales[year] = scale.Evolve(publishing);
            Streams.Append<Scale>(id, office, "Soạn thang điểm thi đua", null, drafted);
            Streams.Append<Scale>(id, office, "Ban hành thang điểm", null, publishing);
        }

        foreach (var unit in province.Grassroots)
        {
            var quality = 0.62 + 0.36 * _random.NextDouble();
            foreach (var year in new[] { 2023, 2024 }.Where(y => unit.EstablishedOn.Year <= y))
                Score(unit, year, year == 2023 ? quality : Math.Clamp(quality + 0.1 * (_random.NextDouble() - 0.5), 0.5, 1));
        }
    }

    private void Score(DemoUnit demoUnit, int year, double quality)
    {
        var scale = Scales[year];
        var unit = new UnitSummary(demoUnit.Id, demoUnit.ParentId, demoUnit.Code, demoUnit.Name, demoUnit.Name, demoUnit.Level, demoUnit.Sector);
        var id = ScoreSheet.StreamId(unit.Id, year);
        var secretary = province.SecretaryOf(demoUnit);
        var office = province.Office.Actor;
        var errors = new FieldErrors();
        var (self, assessed) = Values(scale.Content, unit, year, quality);

        ScoreSheet? sheet = null;
        ScoreSheet Write(Actor actor, string reason, object e)
        {
            Streams.Append<ScoreSheet>(id, actor, reason, null, e);
            return (sheet ?? ScoreSheet.Initial).Evolve(e);
        }

        sheet = Write(secretary, "Tự chấm điểm thi đua", ScoreSheetDecisions.SelfAssess(null, id, unit.Id, year, scale, unit, self, errors));
        if (year == 2023 && Sheets % 31 == 7)
        {
            // A few units are sent back once to complete their evidence.
            sheet = Write(secretary, "Nộp bản tự chấm", ScoreSheetDecisions.Submit(sheet, scale, unit, new DateOnly(year, 11, 20)));
            sheet = Write(office, "Trả lại bản tự chấm", ScoreSheetDecisions.Return(sheet,
                "Minh chứng điều kiện A3, C3 chưa ghi số, ngày văn bản; đề nghị bổ sung.", errors));
            sheet = Write(secretary, "Tự chấm điểm thi đua", ScoreSheetDecisions.SelfAssess(sheet, id, unit.Id, year, scale, unit,
                [.. self.Where(e => scale.Content.Find(e.ConditionCode)?.EvidenceRequired == true)
                    .Select(e => e with { Evidence = $"{e.Evidence} (bản chụp có chữ ký, đóng dấu)" })], errors));
        }
        sheet = Write(secretary, "Nộp bản tự chấm", ScoreSheetDecisions.Submit(sheet, scale, unit, new DateOnly(year, 11, 25)));
        sheet = Write(office, "Chấm điểm thi đua", ScoreSheetDecisions.Assess(sheet, scale, unit, assessed, errors));
        if (year == 2023)
        {
            var locked = ScoreSheetDecisions.Lock(sheet, scale, unit, facts2023[unit.Id], new DateOnly(2024, 1, 15));
            sheet = Write(office, "Chốt điểm thi đua", locked);
            Write(office, "Công bố kết quả thi đua", ScoreSheetDecisions.Publish(sheet, new DateOnly(2024, 1, 22)));
            Classified[locked.Classification ?? "—"] = Classified.GetValueOrDefault(locked.Classification ?? "—") + 1;
        }
        Check(errors, $"sheet {demoUnit.Code} {year}");
        Sheets++;
    }

    /// <summary>The unit's own values (generous) and the office's (the truth, with a comment wherever it differs).</summary>
    private (List<ScoreEntry> Self, List<ScoreEntry> Assessed) Values(ScaleContent scale, UnitSummary unit, int year, double quality)
    {
        var self = new List<ScoreEntry>();
        var assessed = new List<ScoreEntry>();
        foreach (var (_, condition) in scale.AllConditions.Where(x => x.Condition.Source is null && x.Condition.AppliesTo(unit.Sector, unit.Level)))
        {
            var level = Math.Clamp(quality + 0.25 * (_random.NextDouble() - 0.6), 0, 1);
            decimal truth, claimed;
            switch (condition.Kind)
            {
                case ConditionKind.Manual:
                    truth = Half(condition.MaxPoints * (decimal)level);
                    claimed = Math.Min(condition.MaxPoints, truth + (_random.NextDouble() < 0.3 ? 0.5m : 0));
                    break;
                case ConditionKind.YesNo:
                    truth = level > 0.45 ? 1 : 0;
                    claimed = truth == 1 || _random.NextDouble() < 0.5 ? 1 : 0;
                    break;
                case ConditionKind.Ratio:
                    truth = Math.Round(100 * (decimal)Math.Clamp(level + 0.1, 0.4, 1));
                    claimed = Math.Min(100, truth + _random.Next(6));
                    break;
                case ConditionKind.Tiered:
                    truth = (int)Math.Round(level * (double)(condition.Tiers![^1].From + 2));
                    claimed = truth + (_random.NextDouble() < 0.2 ? 1 : 0);
                    break;
                case ConditionKind.Bonus:
                    truth = _random.NextDouble() < 0.12 * quality ? Math.Min(condition.MaxPoints, 1 + _random.Next((int)condition.MaxPoints)) : 0;
                    claimed = truth > 0 || _random.NextDouble() > 0.08 ? truth : condition.MaxPoints;
                    break;
                default:
                    // Late reports: the units do not count their own; the office does.
                    truth = _random.NextDouble() < 0.35 * (1.2 - quality) ? 1 + _random.Next(3) : 0;
                    claimed = 0;
                    break;
            }
            var evidence = condition.EvidenceRequired ? Evidence(condition.Code, year) : null;
            if (claimed > 0 || condition.Kind is not (ConditionKind.Bonus or ConditionKind.Penalty))
                self.Add(new ScoreEntry(condition.Code, claimed, null, evidence));
            if (truth > 0 || claimed > 0 || condition.Kind is not (ConditionKind.Bonus or ConditionKind.Penalty))
                assessed.Add(new ScoreEntry(condition.Code, truth, truth == claimed ? null : Comments[_random.Next(Comments.Length)]));
        }
        return (self, assessed);
    }

    private string Evidence(string code, int year) => code == "A3"
        ? $"Kế hoạch số {1 + _random.Next(9):00}-KH/ĐTN ngày {5 + _random.Next(20)}/01/{year}"
        : $"Biên bản đánh giá, xếp loại ngày {1 + _random.Next(15):00}/11/{year}";

    private static decimal Half(decimal value) => Math.Round(value * 2, MidpointRounding.AwayFromZero) / 2;

    private static void Check(FieldErrors errors, string what)
    {
        if (errors.Count > 0)
            throw new InvalidOperationException($"Demo {what}: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }
}
