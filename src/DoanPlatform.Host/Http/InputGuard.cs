using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Host.Http;

/// <summary>
/// The boundary check of what is not JSON: every query value, route value and form field (file names included) is text the
/// platform can store, within length, and any <c>year</c> is within <see cref="InputRules"/>. Refusals are 400 with the field.
/// </summary>
internal sealed class InputGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        foreach (var (key, values) in context.Request.Query)
        {
            CheckText(key, key);
            foreach (var value in values)
                Check(key, value);
        }
        foreach (var (key, value) in context.Request.RouteValues)
            if (value is string text)
                Check(key, text);
        if (context.Request.HasFormContentType && (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method)))
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            // Form fields may carry more than a query value (a notice's manual matches as JSON): FormOptions caps their length.
            foreach (var (key, values) in form)
                foreach (var value in values)
                    if (value is not null && InputRules.TextProblem(value) is { } problem)
                        throw new FieldException(key, problem);
            foreach (var file in form.Files)
                Check(file.Name, file.FileName);
        }
        await next(context);
    }

    private static void CheckText(string field, string value)
    {
        if (InputRules.TextProblem(value) is { } problem)
            throw new FieldException(field, problem);
        if (value.Length > InputLimits.QueryValue)
            throw new FieldException(field, $"'{field}' dài {value.Length} ký tự, quá giới hạn {InputLimits.QueryValue} ký tự.");
    }

    private static void Check(string field, string? value)
    {
        if (value is null)
            return;
        CheckText(field, value);
        if (field.Equals("year", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
        {
            if (!long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var year))
                throw new FieldException(field, $"Năm '{value}' không phải là số.");
            if (InputRules.YearProblem(year) is { } range)
                throw new FieldException(field, range);
        }
    }
}
