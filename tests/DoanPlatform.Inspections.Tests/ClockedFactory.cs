using DoanPlatform.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DoanPlatform.Inspections.Tests;

/// <summary>The platform on a clock the test sets: "today" for every module (access checks included).</summary>
public sealed class ClockedFactory : SignedInFactory
{
    public sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2024, 10, 16, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    public Clock Time { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}
