using DoanPlatform.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Organisation.ReadModels;

namespace DoanPlatform.Organisation.Tests.Features;

public class ClustersAndOfficialsTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private static readonly object Decision2023 = Api.DecisionOf("05-QĐ/TĐTN", "2023-01-10");

    [Fact]
    public async Task A_unit_sits_in_one_cluster_per_issuing_unit_per_year_and_leaders_rotate()
    {
        var admin = await factory.SignInAsync();
        var province = await admin.EstablishAsync("CL", "Tỉnh đoàn Cụm", "Province", null, "2000-01-01");
        var units = new List<Guid>();
        for (var i = 1; i <= 4; i++)
            units.Add(await admin.EstablishAsync($"CL.{i}", $"Huyện đoàn Số {i}", "District", province, "2001-01-01"));
        await factory.WaitForNonStaleAsync();

        var cluster1 = await CreateAsync(admin, province, 2023, "Cụm thi đua số 1");
        var cluster2 = await CreateAsync(admin, province, 2023, "Cụm thi đua số 2");
        var cluster2024 = await CreateAsync(admin, province, 2024, "Cụm thi đua số 1");
        foreach (var unit in units.Take(3))
            await admin.PostOkAsync($"/api/organisation/clusters/{cluster1}/members", new { unitId = unit, effectiveDate = "2023-01-10", decision = Decision2023 });
        await admin.PostOkAsync($"/api/organisation/clusters/{cluster2}/members", new { unitId = units[3], effectiveDate = "2023-01-10", decision = Decision2023 });
        await admin.PostOkAsync($"/api/organisation/clusters/{cluster2024}/members", new { unitId = units[0], effectiveDate = "2024-01-10", decision = Decision2023 });

        var twice = await admin.PostAsJsonAsync($"/api/organisation/clusters/{cluster2}/members", new { unitId = units[0], effectiveDate = "2023-02-01", decision = Decision2023 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Contains("Cụm thi đua số 1", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var outside = await admin.PostAsJsonAsync($"/api/organisation/clusters/{cluster2}/members", new { unitId = province, effectiveDate = "2023-02-01", decision = Decision2023 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);

        await admin.PostOkAsync($"/api/organisation/clusters/{cluster1}/leaders",
            new { headUnitId = units[1], deputyUnitId = units[2], effectiveDate = "2023-01-10", decision = Decision2023 });
        var notMember = await admin.PostAsJsonAsync($"/api/organisation/clusters/{cluster1}/leaders",
            new { headUnitId = units[3], effectiveDate = "2023-01-10", decision = Decision2023 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notMember.StatusCode);

        var clusters = (await admin.GetJsonAsync($"/api/organisation/clusters?issuingUnitId={province}&year=2023")).EnumerateArray().ToList();
        Assert.Equal(["Cụm thi đua số 1", "Cụm thi đua số 2"], clusters.Select(c => c.GetProperty("name").GetString()));
        var members = clusters[0].GetProperty("members").EnumerateArray().Select(m => $"{m.GetProperty("unitName").GetString()}:{(m.GetProperty("role").ValueKind == JsonValueKind.Null ? "" : m.GetProperty("role").GetString())}");
        Assert.Equal(["Huyện đoàn Số 1:", "Huyện đoàn Số 2:Cụm trưởng", "Huyện đoàn Số 3:Cụm phó"], members);

        await factory.Store.Advanced.RebuildProjectionAsync(ClusterMembershipProjection.ProjectionName);
        var rebuilt = (await admin.GetJsonAsync($"/api/organisation/clusters?issuingUnitId={province}&year=2023")).EnumerateArray().ToList();
        Assert.Equal(clusters.Select(c => c.ToString()), rebuilt.Select(c => c.ToString()));
    }

    [Fact]
    public async Task A_unit_established_a_moment_ago_joins_a_cluster_at_once_before_the_tree_read_model_has_it()
    {
        var admin = await factory.SignInAsync();
        var province = await admin.EstablishAsync("CN", "Tỉnh đoàn Cụm Mới", "Province", null, "2000-01-01");
        await factory.WaitForNonStaleAsync();
        var cluster = await CreateAsync(admin, province, 2023, "Cụm thi đua các huyện ven biển");
        // An older transaction left open keeps the daemon from projecting what follows, as a busy server would for a moment.
        await using var open = await OpenTransaction.BeginAsync(factory.ConnectionString);

        var district = await admin.EstablishAsync("CN.1", "Huyện đoàn Long Điền", "District", province, "2001-01-01");
        var joined = await admin.PostAsJsonAsync($"/api/organisation/clusters/{cluster}/members", new { unitId = district, effectiveDate = "2023-01-10", decision = Decision2023 });
        var outside = await admin.PostAsJsonAsync($"/api/organisation/clusters/{cluster}/members", new { unitId = province, effectiveDate = "2023-01-10", decision = Decision2023 });
        await open.EndAsync();

        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Contains("không trực thuộc đơn vị ban hành cụm thi đua", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Officials_are_appointed_for_a_term_and_relieved()
    {
        var admin = await factory.SignInAsync();
        var unit = await admin.EstablishAsync("OF", "Tỉnh đoàn Cán bộ", "Province", null, "2000-01-01");
        var appointed = await admin.PostOkAsync($"/api/organisation/units/{unit}/officials",
            new { personName = "Nguyễn Văn Bí", position = "Secretary", term = "2022-2027", effectiveDate = "2022-10-01", decision = Decision2023 });
        var appointment = (await appointed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/organisation/units/{unit}/officials",
            new { personName = "Lê Thị Phó", position = "StandingDeputySecretary", term = "2022–2027", effectiveDate = "2022-10-01", decision = Decision2023 });
        var badTerm = await admin.PostAsJsonAsync($"/api/organisation/units/{unit}/officials",
            new { personName = "X", position = "Secretary", term = "nhiệm kỳ mới", effectiveDate = "2022-10-01", decision = Decision2023 });
        Assert.Equal(HttpStatusCode.BadRequest, badTerm.StatusCode);
        await admin.PostOkAsync($"/api/organisation/officials/{appointment}/relieve", new { effectiveDate = "2024-05-01", decision = Decision2023 });
        await factory.WaitForNonStaleAsync();

        var current = (await admin.GetJsonAsync($"/api/organisation/units/{unit}/officials?asOf=2024-06-01")).EnumerateArray()
            .Select(o => $"{o.GetProperty("positionName").GetString()}: {o.GetProperty("personName").GetString()} ({o.GetProperty("term").GetString()})");
        Assert.Equal(["Phó Bí thư Thường trực: Lê Thị Phó (2022–2027)"], current);
        var in2023 = (await admin.GetJsonAsync($"/api/organisation/units/{unit}/officials?asOf=2023-06-30")).EnumerateArray().Select(o => o.GetProperty("personName").GetString());
        Assert.Equal(["Nguyễn Văn Bí", "Lê Thị Phó"], in2023);

        var all = (await admin.GetJsonAsync($"/api/organisation/units/{unit}/officials?all=true")).GetRawText();
        await factory.Store.Advanced.RebuildProjectionAsync(CurrentOfficialsProjection.ProjectionName);
        Assert.Equal(all, (await admin.GetJsonAsync($"/api/organisation/units/{unit}/officials?all=true")).GetRawText());
    }

    private static async Task<Guid> CreateAsync(HttpClient admin, Guid issuer, int year, string name)
    {
        var response = await admin.PostOkAsync("/api/organisation/clusters", new { issuingUnitId = issuer, year, name, effectiveDate = $"{year}-01-10", decision = Decision2023 });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
