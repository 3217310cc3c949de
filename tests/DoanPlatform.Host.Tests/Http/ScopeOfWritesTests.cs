using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Host.Tests.Http;

/// <summary>
/// Every id a write names stays within the caller's reach: two provinces side by side, and what one province's office and secretary
/// could once do to the other (invite, then record absence and assign tasks; self-assess on the other's scale; read its account names).
/// </summary>
public sealed class ScopeOfWritesTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private const string Password = "Mật-khẩu-thử-phạm-vi";

    private sealed record World(HttpClient Admin, Guid ProvinceA, Guid UnitA, Guid ProvinceB, Guid UnitB, HttpClient OfficeA, Guid OfficeAId);

    private async Task<World> WorldAsync()
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var a = await admin.EstablishAsync($"A{tag}", "Tỉnh đoàn An Giang", "Province", null, "2020-01-01");
        var unitA = await admin.EstablishAsync($"A{tag}.1", "Đoàn cơ sở Sở Y tế An Giang", "Grassroots", a, "2020-01-01", sector: "Agencies");
        var b = await admin.EstablishAsync($"B{tag}", "Tỉnh đoàn Bạc Liêu", "Province", null, "2020-01-01");
        var unitB = await admin.EstablishAsync($"B{tag}.1", "Đoàn cơ sở Sở Y tế Bạc Liêu", "Grassroots", b, "2020-01-01", sector: "Agencies");
        await factory.WaitForNonStaleAsync();
        var (office, officeId) = await AccountAsync(admin, $"vp.{tag}", "OfficeStaff", a);
        return new World(admin, a, unitA, b, unitB, office, officeId);
    }

    private async Task<(HttpClient Client, Guid Id)> AccountAsync(HttpClient admin, string user, string role, Guid unit)
    {
        var created = await admin.PostOkAsync("/api/organisation/accounts", new { userName = user.ToLowerInvariant(), displayName = $"Tài khoản {user}", password = Password });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/organisation/accounts/{id}/grants", new { role, unitId = unit });
        return (await factory.SignInAsync(user.ToLowerInvariant(), Password), id);
    }

    private static object Meeting(Guid convening, params Guid[] invited) => new
    {
        kind = "Briefing", conveningUnitId = convening, title = "Giao ban quý I", period = "Quý I/2024", heldOn = "2024-03-15", venue = "Long Xuyên",
        chairs = new[] { new { name = "Nguyễn Văn An", title = "Bí thư" } }, invitedUnits = invited,
    };

    [Fact]
    public async Task An_office_cannot_invite_another_provinces_unit_so_cannot_record_its_absence_or_task_it()
    {
        var w = await WorldAsync();
        var refused = await w.OfficeA.PostAsJsonAsync("/api/meetings", Meeting(w.ProvinceA, w.UnitA, w.UnitB));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("invitedUnits[1]", out _));

        var convened = await w.OfficeA.PostOkAsync("/api/meetings", Meeting(w.ProvinceA, w.UnitA));
        var meeting = (await convened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var added = await w.OfficeA.PostAsJsonAsync($"/api/meetings/{meeting}/invitations", new { version = 1, add = new[] { w.UnitB } });
        Assert.Equal(HttpStatusCode.BadRequest, added.StatusCode);
        Assert.True((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("add[0]", out _));

        var absence = await w.OfficeA.PostAsJsonAsync($"/api/meetings/{meeting}/attendance",
            new { version = 1, entries = new[] { new { unitId = w.UnitB, status = "UnexcusedAbsence" } } });
        Assert.Equal(HttpStatusCode.BadRequest, absence.StatusCode);
        var task = await w.OfficeA.PostAsJsonAsync($"/api/meetings/{meeting}/tasks",
            new { version = 1, text = "Báo cáo kết quả", scope = "Units", units = new[] { w.UnitB }, deadline = "2024-04-30" });
        Assert.Equal(HttpStatusCode.BadRequest, task.StatusCode);
        var tasksOfB = await w.Admin.GetJsonAsync($"/api/meetings/tasks?unitId={w.UnitB}&year=2024");
        Assert.Equal(0, tasksOfB.ValueKind == JsonValueKind.Array ? tasksOfB.GetArrayLength() : tasksOfB.GetProperty("tasks").GetArrayLength());
    }

    [Fact]
    public async Task A_secretary_may_self_assess_only_on_a_scale_issued_above_her_unit()
    {
        var w = await WorldAsync();
        var drafted = await w.Admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = w.ProvinceB, year = 2024, content = TestScales.Bloc2024 });
        var scaleB = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await w.Admin.PostOkAsync($"/api/emulation/scales/{scaleB}/publish", new { version = 1 });
        var (secretary, _) = await AccountAsync(w.Admin, $"bt.{Guid.NewGuid():N}"[..12], "UnitSecretary", w.UnitA);

        var refused = await secretary.PostAsJsonAsync($"/api/emulation/sheets/{w.UnitA}/2024/self-assessment",
            new { version = 0, scaleId = scaleB, entries = new[] { new { conditionCode = "A1", value = 10m } } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("scaleId", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync(new Uri($"/api/emulation/sheets/{w.UnitA}/2024", UriKind.Relative))).StatusCode);

        var draftedA = await w.Admin.PostOkAsync("/api/emulation/scales", new { issuingUnitId = w.ProvinceA, year = 2024, content = TestScales.Bloc2024 });
        var scaleA = (await draftedA.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await w.Admin.PostOkAsync($"/api/emulation/scales/{scaleA}/publish", new { version = 1 });
        await secretary.PostOkAsync($"/api/emulation/sheets/{w.UnitA}/2024/self-assessment",
            new { version = 0, scaleId = scaleA, entries = new[] { new { conditionCode = "A1", value = 10m } } });
    }

    [Fact]
    public async Task Account_names_are_read_within_a_shared_scope_only_and_unknown_ids_are_refused()
    {
        var w = await WorldAsync();
        var (secretaryB, _) = await AccountAsync(w.Admin, $"bt.{Guid.NewGuid():N}"[..12], "UnitSecretary", w.UnitB);
        var (secretaryA, _) = await AccountAsync(w.Admin, $"bt.{Guid.NewGuid():N}"[..12], "UnitSecretary", w.UnitA);
        Assert.Equal(HttpStatusCode.NotFound, (await secretaryB.GetAsync(new Uri($"/api/organisation/accounts/{w.OfficeAId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secretaryA.GetAsync(new Uri($"/api/organisation/accounts/{w.OfficeAId}", UriKind.Relative))).StatusCode);

        var grant = await w.Admin.PostAsJsonAsync($"/api/organisation/accounts/{w.OfficeAId}/grants", new { role = "Auditor", unitId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, grant.StatusCode);
        var scale = await w.Admin.PostAsJsonAsync("/api/emulation/scales", new { issuingUnitId = Guid.NewGuid(), year = 2024, content = TestScales.Bloc2024 });
        Assert.Equal(HttpStatusCode.BadRequest, scale.StatusCode);
        var plan = await w.Admin.PostAsJsonAsync("/api/inspections/plans", new
        {
            issuingUnitId = w.ProvinceA, numberSymbol = "01-KH/TĐTN", year = 2024, issuedOn = "2024-03-01", from = "2024-04-01", to = "2024-04-30",
            unitIds = new[] { w.UnitA, w.UnitB }, topics = new[] { new { title = "Sinh hoạt chi đoàn" } }, headAccountId = Guid.NewGuid(), memberAccountIds = Array.Empty<Guid>(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, plan.StatusCode);
        var errors = (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("unitIds[1]", out _) && errors.TryGetProperty("headAccountId", out _), errors.ToString());
    }
}
