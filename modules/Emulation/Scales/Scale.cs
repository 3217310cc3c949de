using System.Text.Json.Serialization;
using DoanPlatform.EventStore;

namespace DoanPlatform.Emulation.Scales;

[JsonConverter(typeof(JsonStringEnumConverter<ScaleStatus>))]
internal enum ScaleStatus { Draft, Published, Superseded }

/// <summary>A scoring scale (thang điểm thi đua) of one issuing unit and year, one version of it per stream.</summary>
internal sealed record Scale(
    Guid Id, Guid IssuingUnitId, int Year, int Number, Guid? AmendsScaleId, DateOnly? EffectiveDate, string? AmendmentReason,
    ScaleContent Content, ScaleStatus Status, Guid? SupersededBy) : IAggregate<Scale>
{
    public static Scale Initial { get; } = new(Guid.Empty, Guid.Empty, 0, 0, null, null, null, new ScaleContent("", "", 0, 0, [], []), ScaleStatus.Draft, null);

    public Scale Evolve(object @event) => @event switch
    {
        ScaleDrafted e => this with
        {
            Id = e.ScaleId, IssuingUnitId = e.IssuingUnitId, Year = e.Year, Number = e.Number, AmendsScaleId = e.AmendsScaleId,
            EffectiveDate = e.EffectiveDate, AmendmentReason = e.AmendmentReason, Content = e.Content,
        },
        ScaleDraftRevised e => this with { Content = e.Content },
        ScalePublished e => this with { Status = ScaleStatus.Published, EffectiveDate = e.EffectiveDate },
        ScaleSuperseded e => this with { Status = ScaleStatus.Superseded, SupersededBy = e.NewScaleId },
        _ => this,
    };
}
