using DoanPlatform.Organisation.Contracts.Documents;

namespace DoanPlatform.Host.Http;

/// <summary>
/// Every download's plain <c>filename</c> is its <c>filename*</c> without diacritics ("Thong bao ket luan 1-TB-TDTN.docx"): ASP.NET Core's
/// file results write '_' for each non-ASCII letter ("Th_ng b_o k_t lu_n"), which is what a client without RFC 5987 saves.
/// </summary>
internal static class AsciiFileNames
{
    public static IApplicationBuilder UseAsciiFileNames(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            if (FileNames.WithAsciiFallback(context.Response.Headers.ContentDisposition) is { } fixedName)
                context.Response.Headers.ContentDisposition = fixedName;
            return Task.CompletedTask;
        });
        await next(context);
    });
}
