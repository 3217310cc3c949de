using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoanPlatform.Web.Tests;

public sealed class IssuedMeetingTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task An_issued_meeting_opens_on_its_notice_and_download_then_reads_as_a_summary_without_disabled_forms()
    {
        var world = await World.BuildAsync(web, units: 3);
        var meeting = await world.BriefingWithTaskAsync("Hội nghị giao ban quý II, năm 2024", "Quý II/2024", "2024-06-28",
            "Tổ chức Ngày hội thanh niên khỏe", "2024-08-31");
        static async Task<long> VersionOf(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
        var view = await world.Admin.GetFromJsonAsync<JsonElement>($"/api/meetings/{meeting}");
        var version = await VersionOf(await world.Admin.PostOkAsync($"/api/meetings/{meeting}/attendance", new
        {
            version = view.GetProperty("version").GetInt64(),
            entries = new object[]
            {
                new { unitId = world.Units[0], status = "Present" }, new { unitId = world.Units[1], status = "ExcusedAbsence", reason = "Tham gia lớp bồi dưỡng chính trị" },
                new { unitId = world.Units[2], status = "UnexcusedAbsence" },
            },
        }));
        var put = await world.Admin.PutAsJsonAsync($"/api/meetings/{meeting}/conclusions", new
        {
            version,
            sections = new[] { new { number = "1", heading = "Ý kiến chỉ đạo của Thường trực", items = new[] { "Các đơn vị hoàn thành đại hội chi đoàn trước 30/9/2024." } } },
        });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        await world.Admin.PostOkAsync($"/api/meetings/{meeting}/notice", new
        {
            version = await VersionOf(put), issuerSymbol = "ĐTN", issuedOn = "2024-07-02", place = "Vũng Tàu", recipients = new[] { "Các đơn vị trực thuộc", "Lưu VP" },
            signature = new { authority = "TM. BAN THƯỜNG VỤ", title = "BÍ THƯ", signer = "Nguyễn Đăng Khoa" },
        });
        await web.WaitForNonStaleAsync();

        await using var office = await web.OpenAsync(world.Office);
        var page = office.Page;
        await office.GoAsync($"/hoi-nghi/{meeting}");
        var notice = page.Locator("#notice-section");
        await Expect(notice).ToContainTextAsync("Đã ban hành Thông báo số 1-TB/ĐTN ngày 02/07/2024.");
        // The notice comes right after the meeting's facts, before anything else.
        Assert.True(await page.EvaluateAsync<bool>(
            "() => document.querySelector('#notice-section').compareDocumentPosition(document.querySelector('#issued-summary')) & Node.DOCUMENT_POSITION_FOLLOWING"));
        Assert.Equal("notice-section", await page.EvaluateAsync<string>("() => [...document.querySelectorAll('main section.card')].filter(s => !s.hidden)[1].id"));
        await Expect(notice.GetByRole(AriaRole.Link, new() { Name = "Tải Thông báo kết luận (.docx)" })).ToBeVisibleAsync();

        var summary = page.Locator("#issued-summary");
        await Expect(summary).ToContainTextAsync("Có mặt 1/3 đơn vị được mời; vắng có phép 1; vắng không phép 1.");
        await Expect(summary).ToContainTextAsync($"{world.UnitNames[1]} — Tham gia lớp bồi dưỡng chính trị");
        await Expect(summary).ToContainTextAsync("1. Ý kiến chỉ đạo của Thường trực");
        await Expect(summary).ToContainTextAsync("Các đơn vị hoàn thành đại hội chi đoàn trước 30/9/2024.");
        await Expect(page.Locator("#tasks tbody")).ToContainTextAsync("Tổ chức Ngày hội thanh niên khỏe");
        await Expect(page.Locator("input:visible, textarea:visible, select:visible")).ToHaveCountAsync(0);
        await Expect(page.Locator("#attendance-section")).ToBeHiddenAsync();
        await office.ShotAsync("35-hoi-nghi-da-ban-hanh-tom-tat");
    }
}
