using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DoanPlatform.Inspections.Tests.Features;

/// <summary>
/// The 2024 sample (16/10/2024): the bloc union inspects its 24 branches at one conference; shortcomings for several, whose rejected evidence
/// proposes voiding the condition that required it; two of those approved, the cluster ranking changes accordingly, and the numbered
/// conclusion .docx lists them.
/// </summary>
public sealed class Conference2024Tests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private static readonly string[] Names =
    [
        "Chi đoàn Sở Nông nghiệp và Phát triển nông thôn", "Chi đoàn Đài Phát thanh và Truyền hình Trà Vinh", "Chi đoàn Sở Tài chính", "Chi đoàn Sở Y tế",
        "Chi đoàn Sở Giáo dục và Đào tạo", "Chi đoàn Sở Tư pháp", "Chi đoàn Sở Công Thương", "Chi đoàn Sở Xây dựng", "Chi đoàn Sở Giao thông vận tải",
        "Chi đoàn Sở Tài nguyên và Môi trường", "Chi đoàn Sở Nội vụ", "Chi đoàn Sở Kế hoạch và Đầu tư", "Chi đoàn Sở Khoa học và Công nghệ",
        "Chi đoàn Sở Văn hóa, Thể thao và Du lịch", "Chi đoàn Sở Lao động – Thương binh và Xã hội", "Chi đoàn Sở Thông tin và Truyền thông",
        "Chi đoàn Thanh tra tỉnh", "Chi đoàn Văn phòng UBND tỉnh", "Chi đoàn Kho bạc Nhà nước", "Chi đoàn Cục Thuế", "Chi đoàn Bảo hiểm xã hội",
        "Chi đoàn Ngân hàng Nhà nước", "Chi đoàn Báo Trà Vinh", "Chi đoàn Liên minh Hợp tác xã",
    ];

    [Fact]
    public async Task Twenty_four_branches_at_one_conference_two_adjustments_change_the_ranking_and_the_conclusion_lists_them()
    {
        var world = await World.BuildAsync(factory, Names);
        var admin = world.Admin;
        var units = world.Units;
        var versions = new long[units.Length];
        for (var i = 0; i < units.Length; i++)
            versions[i] = await world.AssessAsync(units[i], 40 - i, 1, 30);
        for (var i = 0; i < units.Length; i++)
            versions[i] = await World.VersionOf(await admin.PostOkAsync($"/api/emulation/sheets/{units[i]}/2024/lock", new { version = versions[i] }));
        var cluster = await World.IdOf(await admin.PostOkAsync("/api/organisation/clusters", new
        {
            issuingUnitId = world.Bloc, year = 2024, name = "Khối các sở, ngành", effectiveDate = "2024-01-15",
            decision = Api.DecisionOf("01-QĐ/ĐTN", "2024-01-15"), reason = "Phân cụm",
        }));
        foreach (var unit in units)
            await admin.PostOkAsync($"/api/organisation/clusters/{cluster}/members",
                new { unitId = unit, effectiveDate = "2024-01-15", decision = Api.DecisionOf("01-QĐ/ĐTN", "2024-01-15"), reason = "Phân cụm" });
        await factory.WaitForNonStaleAsync();
        var before = await RankingAsync(admin, world.Bloc);
        Assert.Equal((units[0], 1, 90m), (before[0].Unit, before[0].Rank, before[0].Total));

        var (_, head, _) = await world.AccountAsync(factory, "Inspector", world.Bloc);
        var plan = await world.PlanAsync("12-KH/ĐTN", "2024-10-01", "2024-10-31", head, []);
        var shortcoming = "Số lượng đoàn viên học tập 02 chuyên đề, Nghị quyết Đại hội Đoàn XII trên App Thanh niên Việt Nam chưa đảm bảo";
        int[] weak = [0, 1, 3, 7];
        var held = await admin.PostOkAsync($"/api/inspections/plans/{plan}/inspections", new
        {
            version = 1, heldOn = "2024-10-16", place = "Hội trường Trung tâm sinh hoạt thanh thiếu nhi",
            units = units.Select((u, i) => new
            {
                unitId = u,
                reviews = new[]
                {
                    new
                    {
                        topic = "A2", verdict = weak.Contains(i) ? "Rejected" : "Accepted", comment = weak.Contains(i) ? "Minh chứng không thể hiện số đoàn viên đã học" : null,
                        explanation = weak.Contains(i) ? "Đơn vị có nhiều đoàn viên mới chuyển công tác" : null,
                        strengths = new[] { "Chủ động, tích cực triển khai chương trình công tác Đoàn" },
                        shortcomings = weak.Contains(i) ? new[] { shortcoming } : Array.Empty<string>(),
                    },
                },
                recommendations = weak.Contains(i)
                    ? new[] { new { text = "Rà soát việc học tập 02 chuyên đề, Nghị quyết Đại hội Đoàn XII trên App Thanh niên Việt Nam", deadline = "2025-03-31" } }
                    : [],
            }),
        });
        var version = await World.VersionOf(held);
        // The plan, the inspection, 24 reviews, 4 recommendations, and for each rejected A2 (which requires evidence) a proposal to void it.
        Assert.Equal(1 + 1 + 24 + weak.Length + weak.Length, version);
        var proposals = (await admin.GetJsonAsync($"/api/inspections/plans/{plan}")).GetProperty("adjustments").EnumerateArray()
            .ToDictionary(a => a.GetProperty("unitId").GetGuid());
        Assert.Equal(weak.Select(i => units[i]).Order(), proposals.Keys.Order());
        Assert.All(proposals.Values, a => Assert.Equal(("A2", 0m, "Minh chứng không được chấp nhận khi kiểm tra ngày 16/10/2024: Minh chứng không thể hiện số đoàn viên đã học"),
            (a.GetProperty("conditionCode").GetString(), a.GetProperty("value").GetDecimal(), a.GetProperty("reason").GetString())));
        var adjustments = new List<Guid> { proposals[units[0]].GetProperty("adjustmentId").GetGuid(), proposals[units[1]].GetProperty("adjustmentId").GetGuid() };

        // The issuer declines two of them: the units showed the evidence afterwards.
        foreach (var i in new[] { 3, 7 })
            version = await World.VersionOf(await admin.PostOkAsync($"/api/inspections/plans/{plan}/adjustments/{proposals[units[i]].GetProperty("adjustmentId").GetGuid()}/decline",
                new { version, reason = "Đơn vị đã bổ sung minh chứng sau kiểm tra" }));

        // Locked: refused up front. Published and not re-opened: 422 too.
        var locked = await admin.PostAsJsonAsync($"/api/inspections/plans/{plan}/adjustments/{adjustments[0]}/approve", new { version });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, locked.StatusCode);
        versions[1] = await World.VersionOf(await admin.PostOkAsync($"/api/emulation/sheets/{units[1]}/2024/publish", new { version = versions[1] }));
        var published = await admin.PostAsJsonAsync($"/api/inspections/plans/{plan}/adjustments/{adjustments[1]}/approve", new { version });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, published.StatusCode);
        Assert.Contains("công bố", await published.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var i in new[] { 0, 1 })
            versions[i] = await World.VersionOf(await admin.PostOkAsync($"/api/emulation/sheets/{units[i]}/2024/reopen", new
            {
                version = versions[i], decision = Api.DecisionOf("20-QĐ/ĐTN", "2024-10-20"), reason = "Điều chỉnh theo kết quả kiểm tra",
            }));
        foreach (var adjustment in adjustments)
            version = await World.VersionOf(await admin.PostOkAsync($"/api/inspections/plans/{plan}/adjustments/{adjustment}/approve", new { version }));
        await World.SettleAsync(factory);

        var ledger = (await admin.GetJsonAsync($"/api/inspections/adjustments?planId={plan}")).EnumerateArray()
            .ToDictionary(a => a.GetProperty("unitId").GetGuid(), a => a.GetProperty("status").GetString());
        Assert.Equal(["Applied", "Applied", "Declined", "Declined"], weak.Select(i => ledger[units[i]]));
        foreach (var i in new[] { 0, 1 })
            await admin.PostOkAsync($"/api/emulation/sheets/{units[i]}/2024/lock", new { version = await world.SheetVersionAsync(units[i]) });
        await factory.WaitForNonStaleAsync();
        var after = await RankingAsync(admin, world.Bloc);
        Assert.Equal((units[2], 1, 88m), (after[0].Unit, after[0].Rank, after[0].Total));
        Assert.Equal(70m, after.Single(r => r.Unit == units[0]).Total);
        Assert.Equal(69m, after.Single(r => r.Unit == units[1]).Total);
        Assert.Equal(24, after.Count);

        var findings = (await admin.GetJsonAsync($"/api/inspections/results?unitId={units[3]}&year=2024")).EnumerateArray().Single();
        Assert.Equal(("Rejected", shortcoming), (findings.GetProperty("verdict").GetString(), findings.GetProperty("shortcomings")[0].GetString()));
        var open = (await admin.GetJsonAsync($"/api/inspections/recommendations?planId={plan}")).EnumerateArray().ToList();
        Assert.Equal(weak.Length, open.Count);
        Assert.All(open, r => Assert.True(r.GetProperty("overdue").GetBoolean()));
        version = await World.VersionOf(await admin.PostOkAsync($"/api/inspections/plans/{plan}/recommendations/{open[0].GetProperty("id").GetGuid()}/reports",
            new { version, report = "100% đoàn viên đã hoàn thành học tập trên App", completed = true }));
        await factory.WaitForNonStaleAsync();
        Assert.Equal(weak.Length - 1, (await admin.GetJsonAsync($"/api/inspections/recommendations?planId={plan}")).GetArrayLength());

        var issued = await admin.PostOkAsync($"/api/inspections/plans/{plan}/conclusion", new
        {
            version, issuerSymbol = "ĐTN", issuedOn = "2024-10-25", place = "Trà Vinh", signer = "Nguyễn Trọng Nhân", signerTitle = "TM. BAN THƯỜNG VỤ ĐOÀN KHỐI",
            recipients = new[] { "Ban Thường vụ Tỉnh đoàn (b/c)", "Các chi đoàn cơ sở trực thuộc", "Lưu VP" },
        });
        Assert.Equal("1-TB/ĐTN", (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numberSymbol").GetString());
        var docx = await admin.GetAsync(new Uri($"/api/inspections/plans/{plan}/conclusion.docx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var text = ReadDocx(await docx.Content.ReadAsByteArrayAsync());
        Assert.Contains("Số: 1-TB/ĐTN", text, StringComparison.Ordinal);
        Assert.Contains("Điều chỉnh điểm thi đua", text, StringComparison.Ordinal);
        Assert.Contains($"{Names[0]}: điều kiện A2 tính 0", text, StringComparison.Ordinal);
        Assert.Contains($"{Names[1]}: điều kiện A2 tính 0", text, StringComparison.Ordinal);
        Assert.Contains(shortcoming, text, StringComparison.Ordinal);

        AssertAdministrativeLayout(await docx.Content.ReadAsByteArrayAsync());

        // The CLI's `inspections conclusion` writes the same document.
        var written = await InspectionsModule.ConclusionDocxAsync(factory.Services, plan);
        Assert.Equal("1-TB/ĐTN", written!.Value.NumberSymbol);
        Assert.Equal(text, ReadDocx(written.Value.Docx));
    }

    private static async Task<List<(Guid Unit, int Rank, decimal Total)>> RankingAsync(HttpClient admin, Guid bloc)
    {
        var rankings = await admin.GetJsonAsync($"/api/emulation/rankings?issuingUnitId={bloc}&year=2024");
        return [.. rankings[0].GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("unitId").GetGuid(), r.GetProperty("rank").GetInt32(), r.GetProperty("total").GetDecimal()))];
    }

    /// <summary>The conclusion is laid out as a union document, as the meeting notice is: A4, margins, header and signature tables, sections.</summary>
    private static void AssertAdministrativeLayout(byte[] bytes)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document));
        var body = document.MainDocumentPart!.Document.Body!;
        var section = body.GetFirstChild<SectionProperties>()!;
        Assert.Equal((11906u, 16838u), (section.GetFirstChild<PageSize>()!.Width!.Value, section.GetFirstChild<PageSize>()!.Height!.Value));
        var margins = section.GetFirstChild<PageMargin>()!;
        Assert.Equal((1134, 1134, 1701u, 1134u), (margins.Top!.Value, margins.Bottom!.Value, margins.Left!.Value, margins.Right!.Value));

        static List<string> Lines(OpenXmlElement cell) => [.. cell.Elements<Paragraph>().Select(p => p.InnerText.Replace('\u00A0', ' ')).Where(t => t.Length > 0)];
        var tables = body.Elements<Table>().ToList();
        var header = tables[0].Elements<TableRow>().Select(r => r.Elements<TableCell>().ToList()).ToList();
        Assert.Equal(["TỈNH ĐOÀN TRÀ VINH", "BCH ĐOÀN KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "***"], Lines(header[0][0]));
        Assert.Equal(["ĐOÀN TNCS HỒ CHÍ MINH"], Lines(header[0][1]));
        Assert.Equal(["Số: 1-TB/ĐTN"], Lines(header[1][0]));
        Assert.Equal(["Trà Vinh, ngày 25 tháng 10 năm 2024"], Lines(header[1][1]));
        Assert.True(header[0][1].Descendants<Underline>().Any() && header[0][0].Descendants<Bold>().Any());

        // Title centred and bold, right after the header.
        var title = body.Elements<Paragraph>().First(p => p.InnerText.Length > 0);
        Assert.Equal("THÔNG BÁO", title.InnerText);
        Assert.Equal(JustificationValues.Center, title.ParagraphProperties!.Justification!.Val!.Value);
        Assert.NotNull(title.Descendants<Bold>().FirstOrDefault());

        // Sections in order, then per unit a table of verdicts, the shortcomings and the recommendations with deadlines.
        var text = string.Join("\n", body.Descendants<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0));
        var at = 0;
        foreach (var part in new[] { "1. Nội dung kiểm tra:", "2. Kết quả kiểm tra minh chứng:", "3. Kết luận đối với từng đơn vị:", $"3.1. {Names[0]}",
                     "- Hạn chế:", "(thời hạn: trước ngày", $"3.2. {Names[1]}", "4. Điều chỉnh điểm thi đua:", "5. Tổ chức thực hiện:" })
        {
            var found = text.IndexOf(part, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"\"{part}\" not found after {at} in:\n{text}");
            at = found + part.Length;
        }
        var grid = tables[1];
        Assert.Equal(["STT", "Nội dung kiểm tra", "Chấp nhận", "Chấp nhận một phần", "Không chấp nhận"],
            grid.Elements<TableRow>().First().Elements<TableCell>().Select(c => c.InnerText));
        Assert.NotNull(grid.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>());
        var perUnit = tables[2].Elements<TableRow>().ToList();
        Assert.Equal(["Nội dung kiểm tra", "Kết quả minh chứng", "Nhận xét, giải trình"], perUnit[0].Elements<TableCell>().Select(c => c.InnerText));
        Assert.StartsWith("A2. ", perUnit[1].Elements<TableCell>().First().InnerText, StringComparison.Ordinal);

        // Recipients beside the signature: the signer's title says on whose behalf.
        var signature = tables[^1].Elements<TableRow>().Single().Elements<TableCell>().ToList();
        Assert.Equal(["Nơi nhận:", "- Ban Thường vụ Tỉnh đoàn (b/c);", "- Các chi đoàn cơ sở trực thuộc;", "- Lưu VP."], Lines(signature[0]));
        Assert.Equal(["TM. BAN THƯỜNG VỤ ĐOÀN KHỐI", "Nguyễn Trọng Nhân"], Lines(signature[1]));
    }

    private static string ReadDocx(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = System.Xml.Linq.XDocument.Parse(reader.ReadToEnd());
        return string.Join("\n", xml.Descendants().Where(e => e.Name.LocalName == "p").Select(p => string.Concat(p.Descendants().Where(t => t.Name.LocalName == "t").Select(t => t.Value))));
    }
}
