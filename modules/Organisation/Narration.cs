using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Accounts;
using DoanPlatform.Organisation.Clusters;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Officials;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;

namespace DoanPlatform.Organisation;

/// <summary>The auditor's sentence for every Organisation event: units, clusters, officials, accounts.</summary>
internal sealed class OrganisationNarrator : IEventNarrator
{
    public Narration? Narrate(IEvent @event, IReadOnlyDictionary<string, string> memory)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(memory);
        string Recall(string key, string fallback) => memory.TryGetValue(key, out var value) ? value : fallback;
        return @event.Data switch
        {
            UnitEstablished x => new Narration([x.UnitId], x.EffectiveDate,
                $"Thành lập {x.Name} (mã {x.Code}, {Vietnamese.Level(x.Level)}, {Vietnamese.Sector(x.Sector)})" +
                (x.ParentId is { } parent ? $", trực thuộc {Narration.Unit(parent)}" : "") +
                (x.PredecessorIds.Count > 0 ? $", chia tách từ {Units(x.PredecessorIds)}" : "") + ".")
            {
                Decision = x.Decision.NumberSymbol,
                Remember = new Dictionary<string, string> { ["name"] = x.Name, ["class"] = Class(x.Level, x.Sector) },
            },
            UnitRenamed x => new Narration([x.UnitId], x.EffectiveDate,
                $"Đổi tên từ “{Recall("name", "?")}” thành “{x.Name}” (tên viết tắt: {x.ShortName}).")
            {
                Decision = x.Decision.NumberSymbol,
                Remember = new Dictionary<string, string> { ["name"] = x.Name },
            },
            UnitMoved x => new Narration([x.UnitId], x.EffectiveDate,
                $"Chuyển từ trực thuộc {(x.FromParentId is { } from ? Narration.Unit(from) : "(không có đơn vị cấp trên)")} sang trực thuộc {Narration.Unit(x.ToParentId)}.")
            { Decision = x.Decision.NumberSymbol },
            UnitReclassified x => new Narration([x.UnitId], x.EffectiveDate,
                $"Điều chỉnh phân loại từ {Recall("class", "?")} thành {Class(x.Level, x.Sector)}.")
            {
                Decision = x.Decision.NumberSymbol,
                Remember = new Dictionary<string, string> { ["class"] = Class(x.Level, x.Sector) },
            },
            UnitSplit x => new Narration([x.UnitId], x.EffectiveDate, $"Chia tách thành {Units(x.SuccessorIds)}.") { Decision = x.Decision.NumberSymbol },
            UnitMerged x => new Narration([x.UnitId], x.EffectiveDate, $"Hợp nhất vào {Narration.Unit(x.IntoUnitId)}.") { Decision = x.Decision.NumberSymbol },
            UnitsAbsorbed x => new Narration([x.UnitId], x.EffectiveDate, $"Tiếp nhận {Units(x.MergedUnitIds)} hợp nhất vào.") { Decision = x.Decision.NumberSymbol },
            UnitDissolved x => new Narration([x.UnitId], x.EffectiveDate, "Giải thể.") { Decision = x.Decision.NumberSymbol },

            ClusterFormed x => new Narration([x.IssuingUnitId], x.EffectiveDate, $"Thành lập {x.Name} năm {x.Year}.")
            {
                Decision = x.Decision.NumberSymbol,
                Remember = new Dictionary<string, string> { ["cluster"] = $"{x.Name} năm {x.Year}" },
            },
            UnitAssignedToCluster x => new Narration([x.UnitId], x.EffectiveDate, $"Được xếp vào {Recall("cluster", "cụm thi đua")}.")
            { Decision = x.Decision.NumberSymbol },
            UnitRemovedFromCluster x => new Narration([x.UnitId], x.EffectiveDate, $"Được đưa ra khỏi {Recall("cluster", "cụm thi đua")}.")
            { Decision = x.Decision.NumberSymbol },
            ClusterLeadersNamed x => new Narration(x.DeputyUnitId is { } deputy ? [x.HeadUnitId, deputy] : [x.HeadUnitId], x.EffectiveDate,
                $"Phân công cụm trưởng {Recall("cluster", "cụm thi đua")}: {Narration.Unit(x.HeadUnitId)}" +
                (x.DeputyUnitId is { } d ? $"; cụm phó: {Narration.Unit(d)}." : "."))
            { Decision = x.Decision.NumberSymbol },

            OfficialAppointed x => new Narration([x.UnitId], x.EffectiveDate,
                $"Bổ nhiệm {x.PersonName} giữ chức {CurrentOfficials.PositionName(x.Position)}, nhiệm kỳ {x.Term}.")
            {
                Decision = x.Decision.NumberSymbol,
                Remember = new Dictionary<string, string> { ["official"] = $"{x.PersonName} ({CurrentOfficials.PositionName(x.Position)}, nhiệm kỳ {x.Term})" },
            },
            OfficialRelieved x => new Narration([x.UnitId], x.EffectiveDate, $"Thôi giữ chức vụ: {Recall("official", "cán bộ")}.")
            { Decision = x.Decision.NumberSymbol },

            AccountCreated x => new Narration([], null, $"Tạo tài khoản {x.UserName} ({x.DisplayName}).")
            { Remember = new Dictionary<string, string> { ["account"] = $"{x.UserName} ({x.DisplayName})" } },
            PasswordChanged x => new Narration([], null, $"Đổi mật khẩu tài khoản {Recall("account", x.AccountId.ToString())}."),
            RoleGranted x => new Narration(x.UnitId is { } unit ? [unit] : [], null,
                $"Cấp quyền {RoleName(x.Role)} cho tài khoản {Recall("account", x.AccountId.ToString())}."),
            RoleRevoked x => new Narration(x.UnitId is { } unit ? [unit] : [], null,
                $"Thu hồi quyền {RoleName(x.Role)} của tài khoản {Recall("account", x.AccountId.ToString())}."),
            _ => null,
        };
    }

    private static string Units(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(Narration.Unit));

    private static string Class(UnitLevel level, Sector sector) => $"{Vietnamese.Level(level)}, {Vietnamese.Sector(sector)}";

    private static string RoleName(Role role) => role switch
    {
        Role.Admin => "Quản trị",
        Role.OfficeStaff => "Văn phòng",
        Role.UnitSecretary => "Bí thư đơn vị",
        Role.Inspector => "Kiểm tra",
        _ => "Giám sát (xem lịch sử)",
    };
}
