using System.Net;
using System.Net.Http.Json;
using DoanPlatform.Testing;

namespace DoanPlatform.Organisation.Tests.Features;

public sealed class UnitCodeTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    [Fact]
    public async Task Two_offices_establishing_the_same_code_at_once_get_one_unit_and_one_refusal()
    {
        var admin = await factory.SignInAsync();
        var province = await admin.EstablishAsync("CODE", "Tỉnh đoàn Mã", "Province", null, "2020-01-01");
        await factory.WaitForNonStaleAsync();
        var before = await CountUnitsAsync();

        // Neither request can see the other's unit in the async tree: only the inline code table stands between them.
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => admin.PostAsJsonAsync("/api/organisation/units", new
        {
            code = "CODE.DK", name = $"Đoàn Khối số {i}", level = "Bloc", sector = "None", parentId = province, effectiveDate = "2021-01-01",
            decision = Api.Founding,
        })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.Equal(before + 1, await CountUnitsAsync());

        var codes = await CodesAsync();
        await factory.Store.Advanced.RebuildProjectionAsync("organisation.unit_codes");
        Assert.Equal(codes, await CodesAsync());
    }

    private async Task<string> CodesAsync()
    {
        await using var command = factory.Store.DataSource.CreateCommand("select string_agg(code || '=' || unit_id, ',' order by code) from organisation.unit_codes");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountUnitsAsync()
    {
        await using var command = factory.Store.DataSource.CreateCommand("select count(*) from doan_events.streams where type = 'Unit'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
