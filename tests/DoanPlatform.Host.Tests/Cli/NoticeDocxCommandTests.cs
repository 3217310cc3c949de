using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DoanPlatform.Testing;

namespace DoanPlatform.Host.Tests.Cli;

[Collection(nameof(ConsoleCapture))]
public sealed class NoticeDocxCommandTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    [Fact]
    public async Task Notices_docx_writes_an_issued_notice_and_refuses_a_meeting_without_one()
    {
        var admin = await factory.SignInAsync();
        var province = await admin.EstablishAsync("CLI", "Tỉnh đoàn Thử nghiệm", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync("CLI.DK", "Đoàn Khối Cơ quan", "Bloc", province, "2020-01-01");
        var unit = await admin.EstablishAsync("CLI.DK.1", "Chi đoàn Văn phòng", "Branch", bloc, "2020-01-01");
        await factory.WaitForNonStaleAsync();
        var convened = await admin.PostAsJsonAsync("/api/meetings", new
        {
            kind = "Briefing", conveningUnitId = bloc, title = "Hội nghị giao ban quý I", period = "Quý I/2024", heldOn = "2024-03-20",
            venue = "Hội trường", chairs = new[] { new { name = "Lê Văn Tâm", title = "Bí thư" } },
        });
        Assert.Equal(HttpStatusCode.Created, convened.StatusCode);
        var id = (await convened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var path = Path.Combine(Path.GetTempPath(), $"Thông báo {Guid.NewGuid():N}.docx");

        var (missing, _, missingError) = await ConsoleCapture.RunAsync(["notices", "docx", id.ToString(), "--out", path, "--connection-string", factory.ConnectionString]);
        Assert.Equal(1, missing);
        Assert.Contains("chưa ban hành", missingError, StringComparison.Ordinal);
        Assert.False(File.Exists(path));

        await admin.PostOkAsync($"/api/meetings/{id}/attendance", new { version = 1, entries = new[] { new { unitId = unit, status = "Present" } } });
        await admin.PostOkAsync($"/api/meetings/{id}/notice", new
        {
            version = 2, issuerSymbol = "ĐTN", issuedOn = "2024-03-25", place = "Trà Vinh", recipients = new[] { "Lưu VP" },
            signature = new { authority = "TM. BAN THƯỜNG VỤ", title = "BÍ THƯ", signer = "Lê Văn Tâm" },
        });
        var (code, output, error) = await ConsoleCapture.RunAsync(["notices", "docx", id.ToString(), "--out", path, "--connection-string", factory.ConnectionString]);
        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Contains("1-TB/ĐTN", output, StringComparison.Ordinal);
        using (var document = WordprocessingDocument.Open(path, false))
        {
            var text = document.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("Số: 1-TB/ĐTN", text, StringComparison.Ordinal);
            Assert.Contains("Trà Vinh, ngày 25 tháng 3 năm 2024", text, StringComparison.Ordinal);
            Assert.Contains("1/1", text, StringComparison.Ordinal);
        }
        File.Delete(path);
    }
}
