using System.Text.Json.Serialization;

namespace DoanPlatform.Organisation.Contracts;

/// <summary>The level of a unit in the Youth Union hierarchy.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnitLevel>))]
public enum UnitLevel
{
    /// <summary>Trung ương Đoàn.</summary>
    Central,
    /// <summary>Tỉnh đoàn / Thành đoàn.</summary>
    Province,
    /// <summary>Huyện đoàn, Quận đoàn, Thị đoàn (abolished on 1/7/2025).</summary>
    District,
    /// <summary>Đoàn Khối.</summary>
    Bloc,
    /// <summary>Đoàn xã / phường / đặc khu (after the 2025 reform).</summary>
    Commune,
    /// <summary>Đoàn cơ sở, Chi đoàn cơ sở.</summary>
    Grassroots,
    /// <summary>Chi đoàn.</summary>
    Branch,
}

/// <summary>The sector (khối) a unit belongs to; tasks and criteria often target one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Sector>))]
public enum Sector
{
    /// <summary>Not applicable (e.g. a provincial union).</summary>
    None,
    /// <summary>Cơ quan.</summary>
    Agencies,
    /// <summary>Lực lượng vũ trang.</summary>
    ArmedForces,
    /// <summary>Xã, phường, thị trấn.</summary>
    Communes,
    /// <summary>Trường học.</summary>
    Schools,
    /// <summary>Doanh nghiệp.</summary>
    Enterprises,
}

/// <summary>Which organisation a body is: the Union itself, the Federation (Hội) or the Pioneers (Đội).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrganisationKind>))]
public enum OrganisationKind
{
    /// <summary>Đoàn TNCS Hồ Chí Minh.</summary>
    Union,
    /// <summary>Hội LHTN Việt Nam.</summary>
    Federation,
    /// <summary>Đội TNTP Hồ Chí Minh.</summary>
    Pioneers,
}

/// <summary>The decision that made a change: number-symbol (e.g. <c>845-QĐ/TĐTN</c>), date and signer.</summary>
/// <param name="NumberSymbol">Số ký hiệu.</param>
/// <param name="Date">The date the decision was signed.</param>
/// <param name="Signer">Who signed it.</param>
public sealed record Decision(string NumberSymbol, DateOnly Date, string Signer);

/// <summary>A domain rule refused a command; nothing was written. HTTP maps it to 422.</summary>
/// <param name="reason">The reason, in Vietnamese, for the user.</param>
public sealed class DomainRuleException(string reason) : Exception(reason);

/// <summary>The signed-in account may not do this to this unit. HTTP maps it to 403.</summary>
/// <param name="reason">Why, for the log and the problem detail.</param>
public sealed class AccessDeniedException(string reason) : Exception(reason);

/// <summary>A position an official holds in a unit (meetings and notices use them for chairs and signers).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Position>))]
public enum Position
{
    /// <summary>Bí thư.</summary>
    Secretary,
    /// <summary>Phó Bí thư Thường trực.</summary>
    StandingDeputySecretary,
    /// <summary>Phó Bí thư.</summary>
    DeputySecretary,
    /// <summary>Ủy viên Ban Thường vụ (UVTV).</summary>
    StandingCommitteeMember,
    /// <summary>Ủy viên Ban Chấp hành (UVBCH).</summary>
    ExecutiveCommitteeMember,
    /// <summary>Chánh Văn phòng.</summary>
    OfficeChief,
    /// <summary>Phó Văn phòng.</summary>
    OfficeDeputyChief,
}
