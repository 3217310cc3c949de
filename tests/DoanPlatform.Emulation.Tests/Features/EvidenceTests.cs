using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Emulation.Tests.Features;

/// <summary>Evidence files: sniffed, hashed, stored in PostgreSQL, served only in scope.</summary>
public sealed class EvidenceTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private const string Password = "Mật-khẩu-thử-nghiệm";

    private static ByteArrayContent Body(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private async Task<HttpClient> SecretaryOfAsync(HttpClient admin, Guid unitId)
    {
        var user = $"u{Guid.NewGuid():N}"[..12];
        var created = await admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName = "Bí thư", password = Password });
        var account = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/organisation/accounts/{account}/grants", new { role = "UnitSecretary", unitId });
        return await factory.SignInAsync(user, Password);
    }

    [Fact]
    public async Task A_pdf_is_stored_with_its_hash_and_served_only_in_scope_and_bad_files_are_refused()
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await admin.EstablishAsync($"V{tag}", "Tỉnh Đoàn Vĩnh Long", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync($"V{tag}.K", "Đoàn Khối các cơ quan tỉnh", "Bloc", province, "2020-01-01");
        var unit = await admin.EstablishAsync($"V{tag}.K.1", "Đoàn Sở Tài chính", "Grassroots", bloc, "2020-01-01", sector: "Agencies");
        var neighbour = await admin.EstablishAsync($"V{tag}.K.2", "Đoàn Sở Xây dựng", "Grassroots", bloc, "2020-01-01", sector: "Agencies");
        await factory.WaitForNonStaleAsync();
        var drafted = await admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = bloc, year = 2023, content = TestScale.Content() });
        var scaleId = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/emulation/scales/{scaleId}/publish", new { version = 1 });
        var secretary = await SecretaryOfAsync(admin, unit);
        var applicable = Assert.Single((await secretary.GetJsonAsync($"/api/emulation/scales?unitId={unit}&year=2023")).EnumerateArray());
        Assert.Equal((scaleId, "Thang điểm thi đua năm 2023"), (applicable.GetProperty("scaleId").GetGuid(), applicable.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync(new Uri($"/api/emulation/scales?issuingUnitId={bloc}&year=2023", UriKind.Relative))).StatusCode);
        var url = $"/api/emulation/sheets/{unit}/2023";
        await secretary.PostOkAsync($"{url}/self-assessment", new { version = 0, scaleId, entries = new[] { new { conditionCode = "A1", value = 9m } } });

        var pdf = TestFiles.Pdf("Kế hoạch tuyên truyền năm 2023");
        var uploaded = await secretary.PostAsync(new Uri($"{url}/evidence?conditionCode=A2&fileName=Kế hoạch 12-KH.pdf&version=1", UriKind.Relative), Body(pdf));
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);

        var sheet = await secretary.GetJsonAsync(url);
        var evidence = Assert.Single(sheet.GetProperty("evidence").EnumerateArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), evidence.GetProperty("sha256").GetString());
        Assert.Equal(("Kế hoạch 12-KH.pdf", "application/pdf"), (evidence.GetProperty("fileName").GetString(), evidence.GetProperty("contentType").GetString()));
        var fileId = evidence.GetProperty("fileId").GetGuid();
        var download = await secretary.GetAsync(new Uri($"{url}/evidence/{fileId}", UriKind.Relative));
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());

        var outsider = await SecretaryOfAsync(admin, neighbour);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(new Uri($"{url}/evidence/{fileId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await outsider.GetAsync(new Uri($"/api/emulation/sheets/{neighbour}/2023/evidence/{fileId}", UriKind.Relative))).StatusCode);

        var disguised = await secretary.PostAsync(new Uri($"{url}/evidence?conditionCode=A2&fileName=baocao.pdf&version=2", UriKind.Relative),
            Body("MZ\u0090 not a pdf"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        var forbidden = await secretary.PostAsync(new Uri($"{url}/evidence?conditionCode=A2&fileName=virus.exe&version=2", UriKind.Relative), Body(pdf));
        Assert.Equal(HttpStatusCode.BadRequest, forbidden.StatusCode);
        var huge = new byte[10 * 1024 * 1024 + 1];
        "%PDF-"u8.CopyTo(huge);
        var tooBig = await secretary.PostAsync(new Uri($"{url}/evidence?conditionCode=A2&fileName=lon.pdf&version=2", UriKind.Relative), Body(huge));
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Single((await secretary.GetJsonAsync(url)).GetProperty("evidence").EnumerateArray());
        Assert.Equal(2, (await secretary.GetJsonAsync(url)).GetProperty("version").GetInt64());

        // A PDF header on a program is not a PDF; a name with folders (either separator) keeps only the file's own name.
        var prefixed = await secretary.PostAsync(new Uri($"{url}/evidence?conditionCode=A2&fileName=baocao.pdf&version=2", UriKind.Relative),
            Body("%PDF-1.7\nMZ\u0090\u0000\u0000 chương trình chạy được"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, prefixed.StatusCode);
        Assert.Contains("PDF", (await prefixed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        var traversal = await secretary.PostAsync(new Uri($"{url}/evidence?conditionCode=A2&fileName={Uri.EscapeDataString("..\\..\\Báo cáo quý.pdf")}&version=2",
            UriKind.Relative), Body(TestFiles.Pdf("Báo cáo quý")));
        Assert.Equal(HttpStatusCode.OK, traversal.StatusCode);
        Assert.Contains((await secretary.GetJsonAsync(url)).GetProperty("evidence").EnumerateArray(), e => e.GetProperty("fileName").GetString() == "Báo cáo quý.pdf");
    }
}
