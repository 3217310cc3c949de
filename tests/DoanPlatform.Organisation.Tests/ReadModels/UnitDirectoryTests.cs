using DoanPlatform.Testing;
using DoanPlatform.Organisation.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace DoanPlatform.Organisation.Tests.ReadModels;

public class UnitDirectoryTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    [Fact]
    public async Task Other_modules_see_units_as_they_stood_on_a_date()
    {
        var admin = await factory.SignInAsync();
        var province = await admin.EstablishAsync("DIR", "Tỉnh đoàn Danh bạ", "Province", null, "2000-01-01");
        var school = await admin.EstablishAsync("DIR.T", "Đoàn trường THPT Ánh Sáng", "Grassroots", province, "2005-01-01", sector: "Schools");
        var agency = await admin.EstablishAsync("DIR.C", "Đoàn cơ sở Sở Nội vụ", "Grassroots", province, "2005-01-01", sector: "Agencies");
        await admin.PostOkAsync($"/api/organisation/units/{school}/rename", new { name = "Đoàn trường THPT Bình Minh", effectiveDate = "2024-09-01", decision = Api.Founding });
        await factory.WaitForNonStaleAsync();
        var directory = factory.Services.GetRequiredService<IUnitDirectory>();

        Assert.Equal("Đoàn trường THPT Ánh Sáng", (await directory.FindAsync(school, new DateOnly(2023, 6, 30)))!.Name);
        Assert.Equal(Sector.Schools, (await directory.FindAsync(school, new DateOnly(2025, 1, 1)))!.Sector);
        Assert.Null(await directory.FindAsync(school, new DateOnly(2004, 1, 1)));
        Assert.Equal(["Đoàn cơ sở Sở Nội vụ", "Đoàn trường THPT Bình Minh"], (await directory.ChildrenAsync(province, new DateOnly(2025, 1, 1))).Select(u => u.Name));
        Assert.Equal(2, (await directory.FindManyAsync([school, agency, Guid.NewGuid()], new DateOnly(2025, 1, 1))).Count);
        Assert.Equal(agency, (await directory.FindByCodeAsync("DIR.C", new DateOnly(2025, 1, 1)))!.Id);
        await admin.PostOkAsync($"/api/organisation/units/{agency}/officials",
            new { personName = "Võ Thị Thư", position = "Secretary", term = "2022–2027", effectiveDate = "2022-10-01", decision = Api.Founding });
        await factory.WaitForNonStaleAsync();
        Assert.Equal("Bí thư Võ Thị Thư", (await directory.OfficialsAsync(agency, new DateOnly(2023, 6, 30))).Select(o => $"{o.PositionName} {o.PersonName}").Single());
    }
}
