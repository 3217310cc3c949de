using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Organisation.Units;

internal enum UnitStatus
{
    NotEstablished,
    Active,
    Split,
    Merged,
    Dissolved,
}

internal sealed record Unit(
    Guid Id,
    string Code,
    string Name,
    string ShortName,
    UnitLevel Level,
    Sector Sector,
    OrganisationKind Organisation,
    Guid? ParentId,
    Guid? UnionUnitId,
    DateOnly EstablishedOn,
    DateOnly LastEffectiveDate,
    UnitStatus Status) : IAggregate<Unit>
{
    public static Unit Initial { get; } = new(Guid.Empty, "", "", "", UnitLevel.Grassroots, Sector.None, OrganisationKind.Union,
        null, null, DateOnly.MinValue, DateOnly.MinValue, UnitStatus.NotEstablished);

    public bool IsActive => Status == UnitStatus.Active;

    public Unit Evolve(object @event) => @event switch
    {
        UnitEstablished e => this with
        {
            Id = e.UnitId, Code = e.Code, Name = e.Name, ShortName = e.ShortName, Level = e.Level, Sector = e.Sector,
            Organisation = e.Organisation, ParentId = e.ParentId, UnionUnitId = e.UnionUnitId,
            EstablishedOn = e.EffectiveDate, LastEffectiveDate = e.EffectiveDate, Status = UnitStatus.Active,
        },
        UnitRenamed e => this with { Name = e.Name, ShortName = e.ShortName, LastEffectiveDate = e.EffectiveDate },
        UnitMoved e => this with { ParentId = e.ToParentId, LastEffectiveDate = e.EffectiveDate },
        UnitReclassified e => this with { Level = e.Level, Sector = e.Sector, LastEffectiveDate = e.EffectiveDate },
        UnitsAbsorbed e => this with { LastEffectiveDate = e.EffectiveDate },
        UnitSplit e => this with { Status = UnitStatus.Split, LastEffectiveDate = e.EffectiveDate },
        UnitMerged e => this with { Status = UnitStatus.Merged, LastEffectiveDate = e.EffectiveDate },
        UnitDissolved e => this with { Status = UnitStatus.Dissolved, LastEffectiveDate = e.EffectiveDate },
        _ => this,
    };
}

/// <summary>Rules every change to a unit obeys.</summary>
internal static class UnitRules
{
    public static void EnsureChangeable(Unit unit, DateOnly effectiveDate)
    {
        if (unit.Status == UnitStatus.NotEstablished)
            throw new DomainRuleException("Đơn vị chưa được thành lập.");
        if (!unit.IsActive)
            throw new DomainRuleException($"Đơn vị {unit.Name} đã {Vietnamese.Status(unit.Status)}, không thể thay đổi.");
        if (effectiveDate < unit.EstablishedOn)
            throw new DomainRuleException(
                $"Ngày hiệu lực {Vietnamese.Date(effectiveDate)} trước ngày thành lập đơn vị {unit.Name} ({Vietnamese.Date(unit.EstablishedOn)}).");
        if (effectiveDate < unit.LastEffectiveDate)
            throw new DomainRuleException(
                $"Ngày hiệu lực {Vietnamese.Date(effectiveDate)} trước thay đổi gần nhất của đơn vị {unit.Name} ({Vietnamese.Date(unit.LastEffectiveDate)}); các thay đổi phải được ghi theo thứ tự ngày hiệu lực.");
    }

    public static void EnsureCanBeParent(Unit parent, DateOnly effectiveDate)
    {
        if (!parent.IsActive)
            throw new DomainRuleException($"Đơn vị cấp trên {parent.Name} đã {Vietnamese.Status(parent.Status)}.");
        if (effectiveDate < parent.EstablishedOn)
            throw new DomainRuleException(
                $"Đơn vị cấp trên {parent.Name} chỉ tồn tại từ ngày {Vietnamese.Date(parent.EstablishedOn)}.");
    }
}
