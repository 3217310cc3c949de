using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Meetings.Tests.Features;

/// <summary>GET /api/meetings/{id}/tasks: the meeting's tasks with their units, for those who may read the meeting only.</summary>
public sealed class MeetingTasksQueryTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    [Fact]
    public async Task A_meeting_lists_its_tasks_in_order_with_unit_names_and_completions()
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var bloc = await admin.EstablishAsync($"Q{tag}", "Đoàn Khối Dân – Chính – Đảng", "Bloc", null, "2020-01-01");
        var finance = await admin.EstablishAsync($"Q{tag}.1", "Đoàn Sở Tài chính", "Grassroots", bloc, "2020-01-01", sector: "Agencies");
        var police = await admin.EstablishAsync($"Q{tag}.2", "Đoàn Công an tỉnh", "Grassroots", bloc, "2020-01-01", sector: "ArmedForces");
        var other = await admin.EstablishAsync($"Q{tag}X", "Đoàn Khối Doanh nghiệp", "Bloc", null, "2020-01-01");
        await factory.WaitForNonStaleAsync();
        var convened = await admin.PostOkAsync("/api/meetings", new
        {
            kind = "Briefing", conveningUnitId = bloc, title = "Hội nghị giao ban quý II/2023", period = "Quý II/2023", heldOn = "2023-03-31",
            venue = "Vũng Tàu", chairs = new[] { new { name = "Nguyễn Đăng Khoa", title = "Bí thư" } },
        });
        var id = (await convened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Empty((await admin.GetJsonAsync($"/api/meetings/{id}/tasks")).EnumerateArray());

        await admin.PostOkAsync($"/api/meetings/{id}/tasks", new { version = 1, text = "Tải App Thanh niên", scope = "AllInvited", deadlineText = "trong tháng 7" });
        var second = await admin.PostOkAsync($"/api/meetings/{id}/tasks", new
        {
            version = 2, text = "Báo cáo công tác an ninh", scope = "Units", units = new[] { police }, deadline = "2023-04-30", target = "100% chi đoàn",
        });
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/meetings/tasks/{secondId}/reports", new { unitId = police, note = "Đã gửi báo cáo số 12-BC/ĐTN", completed = true, on = "2023-04-20" });

        var tasks = (await admin.GetJsonAsync($"/api/meetings/{id}/tasks")).EnumerateArray().ToList();
        Assert.Equal(["Tải App Thanh niên", "Báo cáo công tác an ninh"], tasks.Select(t => t.GetProperty("text").GetString()));
        Assert.Equal(["Đoàn Công an tỉnh", "Đoàn Sở Tài chính"], tasks[0].GetProperty("unitNames").EnumerateArray().Select(n => n.GetString()!).Order());
        Assert.Equal("2023-07-31", tasks[0].GetProperty("deadline").GetString());
        Assert.Equal("trong tháng 7", tasks[0].GetProperty("deadlineText").GetString());
        Assert.Equal(["Đoàn Công an tỉnh"], tasks[1].GetProperty("unitNames").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("100% chi đoàn", tasks[1].GetProperty("target").GetString());
        Assert.Equal((0, 1), (tasks[0].GetProperty("completedBy").GetInt32(), tasks[1].GetProperty("completedBy").GetInt32()));
        Assert.DoesNotContain(finance, tasks[1].GetProperty("units").EnumerateArray().Select(u => u.GetGuid()));

        var user = $"vp{Guid.NewGuid():N}"[..12];
        var created = await admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName = "Văn phòng khối DN", password = "Mật-khẩu-thử-nghiệm" });
        var account = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/organisation/accounts/{account}/grants", new { role = "OfficeStaff", unitId = other });
        var outsider = await factory.SignInAsync(user, "Mật-khẩu-thử-nghiệm");
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(new Uri($"/api/meetings/{id}/tasks", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/api/meetings/{Guid.NewGuid()}/tasks", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(new Uri($"/api/meetings/{id}/tasks", UriKind.Relative))).StatusCode);
    }
}
