using Microsoft.Playwright;

namespace BeAlert.Gateway.Tests.Web;

/// <summary>
/// One headless Debian Chromium for the browser tests (Playwright for .NET drives it; the test command installs the
/// <c>chromium</c> package; <c>BEALERT_CHROMIUM</c> overrides the path). Playwright's own browser download is never
/// used. Pages opened with <see cref="OpenAsync"/> record console errors and uncaught exceptions so tests can assert
/// there were none, and save screenshots under <see cref="ScreenshotDirectory"/> (test.sh: artifacts/screenshots).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotDirectory { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("BEALERT_ARTIFACTS") is { Length: > 0 } artifacts ? artifacts : Path.Combine(FindRepositoryRoot() ?? Path.GetTempPath(), "artifacts"),
        "screenshots");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("BEALERT_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}: the browser tests need Debian's chromium (apt-get install -y chromium; ./test.sh installs it) or BEALERT_CHROMIUM set to a Chromium binary.");
        }

        // Generous waits: CI runs on 2 shared cores; a wait only costs time when something is really missing.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
            Timeout = 60_000,
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A fresh browser context (own cookies) and page at <paramref name="baseUrl"/>, desktop- or phone-sized.</summary>
    public async Task<BrowserPage> OpenAsync(string baseUrl, bool phone = false, string? acceptLanguage = "en")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            Locale = acceptLanguage,
            ExtraHTTPHeaders = acceptLanguage is null ? null : new Dictionary<string, string> { ["Accept-Language"] = acceptLanguage },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BeAlert.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}

/// <summary>A page in its own browser context, with the console errors and page errors seen so far.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    internal BrowserPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"page error: {error}");
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions so far (an expected 4xx a script handles still logs a console error: avoid those or clear them).</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public void ClearErrors()
    {
        lock (_errors)
        {
            _errors.Clear();
        }
    }

    /// <summary>Saves a full-page screenshot as <c>{ScreenshotDirectory}/{name}.png</c> and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Signs in to the operator console as a demo account (see <see cref="GatewayFactory.AccountPasswords"/>).</summary>
    public async Task SignInAsync(string user)
    {
        await Page.GotoAsync("/console/sign-in");
        await Page.GetByLabel("User name").FillAsync(user);
        await Page.GetByLabel("Password").FillAsync(GatewayFactory.AccountPasswords[user]);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
