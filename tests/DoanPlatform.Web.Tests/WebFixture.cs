using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoanPlatform.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DoanPlatform.Web.Tests;

/// <summary>
/// The real host on a real loopback port (Playwright needs a socket) on a fresh database, and one headless Chromium
/// (Debian's <c>chromium</c> package; Playwright never downloads a browser here) shared by a test class.
/// </summary>
public sealed class WebFixture : SignedInFactory
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Password = "Mật-khẩu-thử-nghiệm";

    private IPlaywright? _playwright;

    public WebFixture() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    // Generous waits: the machines that run these share their cores; a wait ends as soon as its condition holds.
    static WebFixture() => Assertions.SetDefaultExpectTimeout(20_000);

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseUrl { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = new Uri(addresses.First());
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (apt-get install chromium); .ci/run does.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A fresh browser context (own cookies) at office-PC size, signed in as <paramref name="user"/> unless null.</summary>
    public async Task<Browsing> OpenAsync(string? user = AdminUser, string? password = null, int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        if (user is not null)
        {
            var response = await context.APIRequest.PostAsync("/api/organisation/sign-in", new()
            {
                DataObject = new { userName = user, password = password ?? (user == AdminUser ? AdminPassword : Password) },
            });
            Assert.True(response.Ok, $"sign-in of {user}: {response.Status}");
        }
        return await Browsing.StartAsync(context);
    }

    /// <summary>An account with one role on one unit; signs in with <see cref="Password"/>.</summary>
    public async Task<string> AccountAsync(HttpClient admin, string displayName, string role, Guid? unitId)
    {
        var user = $"u{Guid.NewGuid():N}"[..12];
        var created = await admin.PostOkAsync("/api/organisation/accounts", new { userName = user, displayName, password = Password });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await admin.PostOkAsync($"/api/organisation/accounts/{id}/grants", new { role, unitId });
        return user;
    }
}

/// <summary>One browser context and its page; fails the test if a script error happened on any screen.</summary>
public sealed class Browsing : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    private Browsing(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.PageError += (_, error) => _errors.Add(error);
        page.Console += (_, message) =>
        {
            // The browser logs every failed request; the screens show those themselves (403, 409 are expected in tests).
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                _errors.Add(message.Text);
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<Browsing> StartAsync(IBrowserContext context) => new(context, await context.NewPageAsync());

    /// <summary>Opens a screen and waits until its script has drawn it (or refused it).</summary>
    public async Task GoAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true' || !document.querySelector('#page-message')?.hidden");
    }

    public Task ShotAsync(string name) => Screenshots.SaveAsync(Page, name);

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        Assert.True(_errors.Count == 0, "Script errors: " + string.Join(" | ", _errors));
    }
}

/// <summary>Screenshots of the main screens, under the test output: bin/…/TestResults/screenshots/*.png.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}
