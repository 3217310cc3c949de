using System.Globalization;
using System.Text;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Units;
using Microsoft.AspNetCore.Http;

namespace DoanPlatform.Organisation;

/// <summary>Vietnamese text is data: trimmed and NFC-normalised on the way in.</summary>
internal static class Text
{
    public static string Clean(string? value) => (value ?? "").Trim().Normalize(NormalizationForm.FormC);

    public static string Required(string? value, string field)
    {
        var clean = Clean(value);
        return clean.Length > 0 ? clean : throw Invalid(field, $"Trường '{field}' là bắt buộc.");
    }

    public static Decision Decision(Decision? decision)
    {
        if (decision is null)
            throw Invalid("decision", "Thiếu quyết định (số ký hiệu, ngày, người ký).");
        if (decision.Date == default)
            throw Invalid("decision.date", "Thiếu ngày ký quyết định.");
        return new Decision(Required(decision.NumberSymbol, "decision.numberSymbol"), decision.Date, Required(decision.Signer, "decision.signer"));
    }

    public static DateOnly EffectiveDate(DateOnly? date) =>
        date is { } d && d != default ? d : throw Invalid("effectiveDate", "Thiếu ngày hiệu lực.");

    public static BadHttpRequestException Invalid(string field, string message) => new FieldException(field, message);
}

internal static class Vietnamese
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static int Compare(string a, string b) => string.Compare(a, b, Culture, CompareOptions.None);

    public static string Status(UnitStatus status) => status switch
    {
        UnitStatus.Split => "chia tách",
        UnitStatus.Merged => "hợp nhất vào đơn vị khác",
        UnitStatus.Dissolved => "giải thể",
        UnitStatus.NotEstablished => "chưa thành lập",
        _ => "hoạt động",
    };

    public static string Level(UnitLevel level) => level switch
    {
        UnitLevel.Central => "Trung ương",
        UnitLevel.Province => "cấp tỉnh",
        UnitLevel.District => "cấp huyện",
        UnitLevel.Bloc => "Đoàn Khối",
        UnitLevel.Commune => "cấp xã",
        UnitLevel.Grassroots => "cơ sở",
        UnitLevel.Branch => "chi đoàn",
        _ => level.ToString(),
    };

    public static string Sector(Sector sector) => sector switch
    {
        Contracts.Sector.Agencies => "khối cơ quan",
        Contracts.Sector.ArmedForces => "khối lực lượng vũ trang",
        Contracts.Sector.Communes => "khối xã, phường, thị trấn",
        Contracts.Sector.Schools => "khối trường học",
        Contracts.Sector.Enterprises => "khối doanh nghiệp",
        _ => "không thuộc khối",
    };
}
