using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DoanPlatform.Reporting.Tests.Excel;

/// <summary>A cell as read back: its text (inline or shared string, or the number as written), formula, and whether it is a number.</summary>
internal sealed record ReadCell(string? Value, string? Formula, bool IsNumber)
{
    public decimal Number => decimal.Parse(Value!, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>One sheet read back with the DOM (fine in tests): its cells by reference, and the worksheet for views, filters and page setup.</summary>
internal sealed record ReadSheet(string Name, Worksheet Worksheet, IReadOnlyDictionary<string, ReadCell> Cells)
{
    public ReadCell? this[string reference] => Cells.GetValueOrDefault(reference);

    public string? Text(string reference) => this[reference]?.Value;

    public int LastRow => Cells.Keys.Max(RowOf);

    /// <summary>Column letter → value of one row.</summary>
    public IReadOnlyDictionary<string, ReadCell> Row(int row) =>
        Cells.Where(c => RowOf(c.Key) == row).ToDictionary(c => ColumnOf(c.Key), c => c.Value);

    /// <summary>The row whose cell in <paramref name="column"/> reads <paramref name="text"/>.</summary>
    public int RowWhere(string column, string text) => RowOf(Cells.Single(c => ColumnOf(c.Key) == column && c.Value.Value == text).Key);

    /// <summary>The data rows (after the header on row 4, before the first totals row), as column letter → cell.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, ReadCell>> DataRows()
    {
        var firstTotal = Cells.Where(c => c.Value.Formula is not null).Select(c => RowOf(c.Key)).DefaultIfEmpty(int.MaxValue).Min();
        return [.. Enumerable.Range(5, Math.Max(0, Math.Min(LastRow, firstTotal - 1) - 4)).Select(Row)];
    }

    public static int RowOf(string reference) => int.Parse(reference.AsSpan(reference.IndexOfAny("0123456789".ToCharArray())), CultureInfo.InvariantCulture);

    public static string ColumnOf(string reference) => reference[..reference.IndexOfAny("0123456789".ToCharArray())];
}

internal static class WorkbookReader
{
    /// <summary>Every sheet, in order, and the workbook's defined names (name, local sheet index, text).</summary>
    public static (IReadOnlyList<ReadSheet> Sheets, IReadOnlyList<(string Name, uint? Sheet, string Text)> Names) Read(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheets = new List<ReadSheet>();
        foreach (var sheet in workbook.Workbook.Descendants<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var cells = new Dictionary<string, ReadCell>(StringComparer.Ordinal);
            foreach (var cell in part.Worksheet.Descendants<Cell>())
            {
                var type = cell.DataType?.Value;
                var value = type == CellValues.InlineString ? cell.InlineString?.InnerText
                    : type == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                    : cell.CellValue?.Text;
                cells[cell.CellReference!.Value!] = new ReadCell(value, cell.CellFormula?.Text,
                    value is not null && (type is null || type == CellValues.Number));
            }
            sheets.Add(new ReadSheet(sheet.Name!.Value!, (Worksheet)part.Worksheet.CloneNode(true), cells));
        }
        var names = workbook.Workbook.DefinedNames?.Elements<DefinedName>().Select(n => (n.Name!.Value!, n.LocalSheetId?.Value, n.Text)).ToList() ?? [];
        return (sheets, names);
    }
}

/// <summary>
/// Evaluates the formulas the workbook uses (SUM, COUNT, COUNTA, COUNTIF with "=text", AVERAGE, ROUND, IF, + - * / =) over a sheet's
/// cells, as a spreadsheet would, so a test can check every cached value against a recalculation.
/// </summary>
internal sealed partial class FormulaEvaluator(ReadSheet sheet)
{
    private string _text = "";
    private int _at;

    public object Evaluate(string formula)
    {
        (_text, _at) = (formula, 0);
        var value = Comparison();
        if (_at != _text.Length)
            throw new FormatException($"Unexpected '{_text[_at..]}' in {formula}");
        return value;
    }

    private object Comparison()
    {
        var left = Additive();
        if (!Eat('='))
            return left;
        var right = Additive();
        return left is double a && right is double b ? a == b : string.Equals(left.ToString(), right.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private object Additive()
    {
        var value = Term();
        while (_at < _text.Length && _text[_at] is '+' or '-')
        {
            var plus = _text[_at++] == '+';
            var right = Number(Term());
            value = plus ? Number(value) + right : Number(value) - right;
        }
        return value;
    }

    private object Term()
    {
        var value = Factor();
        while (_at < _text.Length && _text[_at] is '*' or '/')
        {
            var times = _text[_at++] == '*';
            var right = Number(Factor());
            value = times ? Number(value) * right : Number(value) / right;
        }
        return value;
    }

    private object Factor()
    {
        if (Eat('"'))
        {
            var end = _text.IndexOf('"', _at);
            var s = _text[_at..end];
            _at = end + 1;
            return s;
        }
        var number = NumberPattern().Match(_text, _at);
        if (number.Success && number.Index == _at)
        {
            _at += number.Length;
            return double.Parse(number.Value, CultureInfo.InvariantCulture);
        }
        var range = RangePattern().Match(_text, _at);
        if (range.Success && range.Index == _at)
        {
            _at += range.Length;
            return Cells(range.Groups[1].Value, int.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(range.Groups[4].Value, CultureInfo.InvariantCulture));
        }
        var name = NamePattern().Match(_text, _at);
        _at += name.Length;
        Expect('(');
        var args = new List<object> { Comparison() };
        while (Eat(','))
            args.Add(Comparison());
        Expect(')');
        return Call(name.Value, args);
    }

    private static object Call(string name, List<object> args)
    {
        IEnumerable<ReadCell?> Range(int i) => (List<ReadCell?>)args[i];
        IEnumerable<double> Numbers(int i) => Range(i).Where(c => c is { IsNumber: true }).Select(c => (double)c!.Number);
        return name switch
        {
            "SUM" => Numbers(0).Sum(),
            "COUNT" => (double)Numbers(0).Count(),
            "COUNTA" => (double)Range(0).Count(c => c?.Value is not null),
            "AVERAGE" => Numbers(0).Average(),
            "COUNTIF" => (double)Range(0).Count(c => c?.Value is { } v && string.Equals(v, ((string)args[1]).TrimStart('='), StringComparison.OrdinalIgnoreCase)),
            "ROUND" => Math.Round(Number(args[0]), (int)Number(args[1]), MidpointRounding.AwayFromZero),
            "IF" => (bool)args[0] ? args[1] : args[2],
            _ => throw new NotSupportedException(name),
        };
    }

    private List<ReadCell?> Cells(string column, int from, int to) => [.. Enumerable.Range(from, to - from + 1).Select(r => sheet[$"{column}{r}"])];

    private static double Number(object value) => value switch
    {
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new FormatException($"{value} is not a number"),
    };

    private bool Eat(char c)
    {
        if (_at < _text.Length && _text[_at] == c)
        {
            _at++;
            return true;
        }
        return false;
    }

    private void Expect(char c)
    {
        if (!Eat(c))
            throw new FormatException($"Expected '{c}' at {_at} in {_text}");
    }

    [GeneratedRegex(@"\d+(\.\d+)?(?![A-Z:])")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"([A-Z]+)(\d+):([A-Z]+)(\d+)")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"[A-Z]+")]
    private static partial Regex NamePattern();
}
