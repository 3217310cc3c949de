using DoanPlatform.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DoanPlatform.Reporting.Tests;

/// <summary>
/// The platform as deployed in Vietnam: the server's local zone is +07:00, so the modules' "today" (a submission's date) and
/// the timeline's recorded dates (Vietnam's) agree whatever zone the test machine runs in.
/// </summary>
public sealed class VietnamFactory : SignedInFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new VietnamClock()));
    }

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private sealed class VietnamClock : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone { get; } =
            TimeZoneInfo.CreateCustomTimeZone("Giờ Việt Nam", TimeSpan.FromHours(7), "Giờ Việt Nam", "Giờ Việt Nam");
    }
}
