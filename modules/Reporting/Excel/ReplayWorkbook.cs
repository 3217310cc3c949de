using DoanPlatform.Organisation.Contracts.Documents;
using DoanPlatform.Reporting.Contracts;
using DoanPlatform.Reporting.ReadModels;

namespace DoanPlatform.Reporting.Excel;

/// <summary>
/// A unit's history as .xlsx: one sheet "Lịch sử" written by the same <see cref="XlsxStreamWriter"/> as the yearly review (title rows,
/// frozen filtered header, A4 landscape with the header repeated), effective dates shown dd/MM/yyyy and recorded times dd/MM/yyyy hh:mm.
/// </summary>
internal static class ReplayWorkbook
{
    public const string SheetName = "Lịch sử";

    private static readonly Column[] Columns =
    [
        new("Ngày hiệu lực", 14, ColumnKind.Date),
        new("Thời điểm ghi", 18, ColumnKind.DateTime),
        new("Người thực hiện", 26),
        new("Quyết định", 20),
        new("Nội dung thay đổi", 90, ColumnKind.LongText),
        new("Lý do", 40, ColumnKind.LongText),
    ];

    public static void Write(UnitReplay replay, Stream output)
    {
        ArgumentNullException.ThrowIfNull(replay);
        using var workbook = new XlsxStreamWriter(output);
        var subtitle = $"{replay.Entries.Count} thay đổi, theo thứ tự ghi nhận; giờ Việt Nam";
        var sheet = workbook.AddSheet(SheetName, Title(replay), subtitle, Columns);
        foreach (var entry in replay.Entries)
        {
            sheet.StartRow();
            sheet.Date(entry.EffectiveDate);
            sheet.DateTime(entry.RecordedAt.ToOffset(UnitTimelineProjection.Vietnam).DateTime);
            sheet.Text(entry.Actor);
            sheet.Text(entry.Decision);
            sheet.Text(entry.Text);
            sheet.Text(entry.Reason);
            sheet.EndRow();
        }
        if (replay.Entries.Count == 0)
            sheet.Note("Không có thay đổi nào trong khoảng này.");
        sheet.Complete();
        workbook.Complete();
    }

    /// <summary>"Lịch sử Chi đoàn … (mã X) năm 2024.xlsx".</summary>
    public static string FileName(UnitReplay replay)
    {
        ArgumentNullException.ThrowIfNull(replay);
        return FileNames.Safe($"Lịch sử {replay.Name} ({replay.Code}){(replay.Year is { } year ? $" năm {year}" : "")}") + ".xlsx";
    }

    private static string Title(UnitReplay replay) =>
        $"LỊCH SỬ THAY ĐỔI: {replay.Name} (mã {replay.Code}) – {(replay.Year is { } year ? $"năm {year}" : "toàn bộ")}";
}
