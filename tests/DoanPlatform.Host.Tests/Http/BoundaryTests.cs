using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Testing;

namespace DoanPlatform.Host.Tests.Http;

/// <summary>What the boundary refuses, once for every endpoint: each refusal a 400 in Vietnamese naming the field, nothing written.</summary>
public sealed class BoundaryTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private static async Task<(HttpStatusCode Status, JsonElement Errors, string Body)> ProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(body).RootElement;
        return (response.StatusCode, json.TryGetProperty("errors", out var errors) ? errors : default, body);
    }

    private static object Unit(string code, string name, string effectiveDate = "2020-01-01") => new
    {
        code, name, level = "Province", sector = "None", parentId = (Guid?)null, effectiveDate, decision = Api.Founding, reason = "Khởi tạo",
    };

    [Fact]
    public async Task Control_characters_in_a_body_or_a_query_are_refused_naming_the_field()
    {
        var admin = await factory.SignInAsync();
        var (status, errors, body) = await ProblemAsync(await admin.PostAsJsonAsync("/api/organisation/units", Unit($"N{Tag()}", "Tỉnh\u0000đoàn")));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("ký tự điều khiển", errors.GetProperty("name")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("22P05", body, StringComparison.Ordinal);

        (status, errors, _) = await ProblemAsync(await admin.GetAsync(new Uri($"/api/meetings/attendance-rates?unitId={Guid.NewGuid()}&year=2024&period=Qu%C3%BD%00I", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(errors.TryGetProperty("period", out _));
    }

    [Fact]
    public async Task Text_is_stored_NFC_and_over_long_codes_and_names_are_refused()
    {
        var admin = await factory.SignInAsync();
        var code = $"F{Tag()}";
        var id = await admin.EstablishAsync(code, "Tỉnh đoàn Đồng Tháp".Normalize(NormalizationForm.FormD), "Province", null, "2020-01-01");
        Assert.Equal("Tỉnh đoàn Đồng Tháp", (await admin.GetJsonAsync($"/api/organisation/units/{id}")).GetProperty("name").GetString());

        var (status, errors, _) = await ProblemAsync(await admin.PostAsJsonAsync("/api/organisation/units", Unit(new string('X', 3_000_000), "Tỉnh đoàn")));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("50", errors.GetProperty("code")[0].GetString(), StringComparison.Ordinal);
        (status, errors, _) = await ProblemAsync(await admin.PostAsJsonAsync("/api/organisation/units", Unit($"L{Tag()}", new string('đ', 301))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(errors.TryGetProperty("name", out _));
    }

    [Fact]
    public async Task Null_elements_and_oversized_lists_are_refused_by_their_index_or_field()
    {
        var admin = await factory.SignInAsync();
        var province = await admin.EstablishAsync($"M{Tag()}", "Tỉnh đoàn Bến Tre", "Province", null, "2020-01-01");
        await factory.WaitForNonStaleAsync();
        object Meeting(object? chairs, object? people) => new
        {
            kind = "Briefing", conveningUnitId = province, title = "Giao ban", period = "Quý I/2024", heldOn = "2024-03-01", venue = "Bến Tre",
            chairs, invitedPeople = people,
        };
        var (status, errors, _) = await ProblemAsync(await admin.PostAsJsonAsync("/api/meetings", Meeting(new object?[] { null }, new[] { "Ông A" })));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(errors.TryGetProperty("chairs[0]", out _), errors.ToString());

        var crowd = Enumerable.Range(0, 5001).Select(i => $"Người {i}").ToArray();
        (status, errors, _) = await ProblemAsync(await admin.PostAsJsonAsync("/api/meetings", Meeting(new[] { new { name = "Bà B", title = "Bí thư" } }, crowd)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("300", errors.GetProperty("invitedPeople")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Years_and_dates_out_of_range_and_enum_integers_are_refused()
    {
        var admin = await factory.SignInAsync();
        foreach (var year in new[] { "0", "-5", "10000" })
        {
            var (status, errors, _) = await ProblemAsync(await admin.GetAsync(new Uri($"/api/organisation/clusters?issuingUnitId={Guid.NewGuid()}&year={year}", UriKind.Relative)));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains($"{InputRules.FirstYear} đến {InputRules.LastYear}", errors.GetProperty("year")[0].GetString(), StringComparison.Ordinal);
        }
        var (dateStatus, dateErrors, _) = await ProblemAsync(await admin.PostAsJsonAsync("/api/organisation/units", Unit($"D{Tag()}", "Tỉnh đoàn", "9999-12-31")));
        Assert.Equal(HttpStatusCode.BadRequest, dateStatus);
        Assert.True(dateErrors.TryGetProperty("effectiveDate", out _));

        var account = (await admin.GetJsonAsync("/api/organisation/accounts/me")).GetProperty("id").GetGuid();
        var (roleStatus, roleErrors, _) = await ProblemAsync(await admin.PostAsJsonAsync($"/api/organisation/accounts/{account}/grants", new { role = 999 }));
        Assert.Equal(HttpStatusCode.BadRequest, roleStatus);
        Assert.Contains("OfficeStaff", roleErrors.GetProperty("role")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/organisation/accounts/{account}/grants", new { role = "1" })).StatusCode);
    }

    [Fact]
    public async Task Framework_refusals_speak_Vietnamese_and_name_the_parameter()
    {
        var admin = await factory.SignInAsync();
        var (status, errors, body) = await ProblemAsync(await admin.GetAsync(new Uri("/api/inspections/results?year=2024", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("unitId", errors.GetProperty("unitId")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Required parameter", body, StringComparison.Ordinal);

        using var malformed = new StringContent("{\"code\":", Encoding.UTF8, "application/json");
        (status, errors, body) = await ProblemAsync(await admin.PostAsync(new Uri("/api/organisation/units", UriKind.Relative), malformed));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("JSON", errors.EnumerateObject().Single().Value[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("(root)", body, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", body, StringComparison.Ordinal);

        (status, errors, _) = await ProblemAsync(await admin.PostAsJsonAsync("/api/organisation/units", new { code = "X", parentId = "không-phải-mã" }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("GUID", errors.GetProperty("parentId")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_workbook_sent_to_the_unit_import_is_a_row_error_and_a_zip_bomb_is_refused()
    {
        var admin = await factory.SignInAsync();
        const string url = "/api/organisation/imports/units?effectiveDate=2024-01-01&decisionNumber=1-QĐ&signer=An";
        foreach (var file in new[] { "PK\u0003\u0004junk"u8.ToArray(), Zip(("[Content_Types].xml", 10)), Zip(("xl/workbook.xml", 30 * 1024 * 1024)) })
        {
            var response = await admin.PostAsync(new Uri(url, UriKind.Relative), new ByteArrayContent(file));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("Dòng 1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.NotNull(Uploads.ZipProblem(Zip(("word/document.xml", 30 * 1024 * 1024)), "word/document.xml"));
        Assert.Null(Uploads.ZipProblem(Zip(("word/document.xml", 1024)), "word/document.xml"));
        Assert.Equal("x.pdf", Uploads.FileName("..\\..\\x.pdf"));
        Assert.Equal("x.pdf", Uploads.FileName("../a/x.pdf"));
        Assert.Null(Uploads.FileName("..\\.."));
        Assert.NotNull(Uploads.DocumentProblem(".pdf", "%PDF-1.7\nMZ\u0090"u8));
        Assert.Null(Uploads.DocumentProblem(".pdf", TestFiles.Pdf("Kế hoạch")));
    }

    private static byte[] Zip(params (string Name, int Zeros)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, zeros) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(new byte[zeros]);
            }
        return stream.ToArray();
    }

    [Fact]
    public async Task A_cookie_write_needs_the_screens_header_and_the_same_origin()
    {
        using var browser = factory.CreateClient();
        var signedIn = await browser.PostAsJsonAsync("/api/organisation/sign-in", new { userName = SignedInFactory.AdminUser, password = SignedInFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);

        var forged = await browser.PostAsync(new Uri("/api/organisation/imports/units?effectiveDate=2024-01-01", UriKind.Relative),
            new StringContent("code,name\nX,Y", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("X-Doan-Request", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/organisation/units") { Content = JsonContent.Create(Unit($"C{Tag()}", "Tỉnh đoàn")) };
        crossSite.Headers.Add("X-Doan-Request", "1");
        crossSite.Headers.Add("Origin", "http://localhost:9999");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(crossSite)).StatusCode);

        using var screen = new HttpRequestMessage(HttpMethod.Post, "/api/organisation/units") { Content = JsonContent.Create(Unit($"C{Tag()}", "Tỉnh đoàn")) };
        screen.Headers.Add("X-Doan-Request", "1");
        screen.Headers.Add("Origin", "http://localhost");
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(screen)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_a_replayed_token()
    {
        var client = await factory.SignInAsync();
        var token = client.DefaultRequestHeaders.Authorization!;
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync(new Uri("/api/organisation/sign-out", UriKind.Relative), null)).StatusCode);

        using var replay = factory.CreateClient();
        replay.DefaultRequestHeaders.Authorization = token;
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync(new Uri("/api/organisation/accounts/me", UriKind.Relative))).StatusCode);
        var fresh = await factory.SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(new Uri("/api/organisation/accounts/me", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_are_throttled_with_a_Vietnamese_message_and_Retry_After()
    {
        var admin = await factory.SignInAsync();
        var user = $"throttle.{Tag().ToLowerInvariant()}";
        await admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName = "Thử chặn", password = "Mật-khẩu-đúng-2025" });
        using var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/organisation/sign-in", new { userName = user, password = $"sai-{i}" })).StatusCode);

        var throttled = await client.PostAsJsonAsync("/api/organisation/sign-in", new { userName = user, password = "Mật-khẩu-đúng-2025" });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("thử lại sau", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Another account from the same address is not held back by this one's failures.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/organisation/sign-in",
            new { userName = SignedInFactory.AdminUser, password = SignedInFactory.AdminPassword })).StatusCode);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        using var client = factory.CreateClient();
        var page = await client.GetAsync(new Uri("/dang-nhap", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(page.Headers.Contains("Referrer-Policy"));
    }

    [Fact]
    public async Task A_create_repeated_with_its_Idempotency_Key_answers_the_first_result()
    {
        var admin = await factory.SignInAsync();
        var key = Guid.NewGuid().ToString();
        var body = Unit($"I{Tag()}", "Tỉnh đoàn Trà Vinh");
        async Task<HttpResponseMessage> SendAsync(object content)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/organisation/units") { Content = JsonContent.Create(content) };
            request.Headers.Add("Idempotency-Key", key);
            return await admin.SendAsync(request);
        }
        var first = await SendAsync(body);
        var again = await SendAsync(body);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, again.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SendAsync(Unit($"J{Tag()}", "Tỉnh đoàn khác"))).StatusCode);
    }

    [Fact]
    public async Task Each_request_type_has_its_own_schema_in_the_OpenAPI_document()
    {
        using var client = factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToList();
        Assert.DoesNotContain("Request", schemas);
        Assert.Contains("ConveneMeetingRequest", schemas);
        Assert.Contains("IssuePlanRequest", schemas);
        var paths = document.RootElement.GetProperty("paths");
        var convene = (paths.TryGetProperty("/api/meetings/", out var slash) ? slash : paths.GetProperty("/api/meetings")).GetProperty("post").GetProperty("requestBody").ToString();
        Assert.Contains("ConveneMeetingRequest", convene, StringComparison.Ordinal);
    }
}
