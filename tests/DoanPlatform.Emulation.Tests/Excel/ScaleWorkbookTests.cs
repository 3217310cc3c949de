using DoanPlatform.Organisation.Contracts;
using System.Text.Json;
using DoanPlatform.Emulation.Excel;
using DoanPlatform.Emulation.Scales;

namespace DoanPlatform.Emulation.Tests.Excel;

public sealed class ScaleWorkbookTests
{
    [Fact]
    public void A_scale_exported_to_xlsx_imports_back_unchanged()
    {
        var scale = TestScale.Content();
        var errors = new FieldErrors();
        var back = ScaleWorkbook.Import(new MemoryStream(ScaleWorkbook.Export(scale)), errors);
        Assert.Empty(errors);
        Assert.Equal(JsonSerializer.Serialize(scale), JsonSerializer.Serialize(back));
    }

    [Fact]
    public void The_condition_sheet_has_one_row_per_condition_with_vietnamese_headers()
    {
        var sheets = Workbook.Read(new MemoryStream(ScaleWorkbook.Export(TestScale.Content())));
        var (name, cells) = sheets[0];
        Assert.Equal(("Điều kiện", "Thông tin"), (name, sheets[1].Name));
        Assert.Equal(("Mã điều kiện", "Điều kiện chấm"), (cells["H1"].Value, cells["I1"].Value));
        Assert.Equal(TestScale.Content().AllConditions.Count(), cells.Keys.Count(k => k.StartsWith('H')) - 1);
        Assert.Equal("0: 10; 1: 8; 2: 5; 3: 2; 4: 0", cells["L5"].Value);
    }

    [Fact]
    public void A_bad_kind_or_a_file_that_is_not_xlsx_is_refused_naming_the_row()
    {
        var errors = new FieldErrors();
        Assert.Null(ScaleWorkbook.Import(new MemoryStream("không phải excel"u8.ToArray()), errors));
        Assert.Equal(["file"], errors.Keys);

        var broken = TestScale.Content();
        var bytes = ScaleWorkbook.Export(broken);
        var sheets = Workbook.Read(new MemoryStream(bytes));
        var rows = new List<IReadOnlyList<XCell>>();
        for (var r = 1; r <= 10; r++)
            rows.Add([.. Enumerable.Range(0, ScaleWorkbook.Headers.Length).Select(c => (XCell)(sheets[0].Cells.TryGetValue(Workbook.Ref(c, r), out var v) ? v.Value : null))]);
        rows[2] = [.. rows[2].Select((c, i) => i == 9 ? (XCell)"Tùy ý" : c)];
        var info = new List<IReadOnlyList<XCell>> { new XCell[] { "Tên thang điểm", "X" } };
        var rebuilt = Workbook.Build([("Điều kiện", rows), ("Thông tin", info)]);
        var refused = new FieldErrors();
        ScaleWorkbook.Import(new MemoryStream(rebuilt), refused);
        Assert.Contains("rows[3].kind", refused.Keys);
        Assert.Contains("maxPoints", refused.Keys);
    }
}
