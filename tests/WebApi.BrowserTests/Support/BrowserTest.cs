using NUnit.Framework.Interfaces;

namespace FastApiLearning.WebApi.BrowserTests.Support;

/// <summary>
/// One app and one Debian Chromium per fixture; a fresh browser context (no cookies) per test.
/// Nothing is downloaded: the browser is the machine's, its path overridable by CHROMIUM_PATH.
/// The app starts when a test first uses it, so a fixture that starts its own apps runs no idle one.
/// </summary>
public abstract class BrowserTest
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext _context = null!;
    private readonly List<string> _cspViolations = [];
    private KestrelApp? _app;

    protected KestrelApp App => _app ??= KestrelApp.StartNew();

    protected IPage Page { get; private set; } = null!;

    protected string Url(string path) => new Uri(App.BaseAddress, path).ToString();

    [OneTimeSetUp]
    public async Task StartBrowser()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    [OneTimeTearDown]
    public async Task StopAppAndBrowser()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [SetUp]
    public async Task OpenPage()
    {
        _context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 800 } });
        _context.SetDefaultTimeout(15_000);
        Page = await _context.NewPageAsync();
        _cspViolations.Clear();
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _cspViolations.Add(message.Text);
            }
        };
    }

    /// <summary>The page worked under the app's Content-Security-Policy: the browser refused nothing.</summary>
    protected void AssertNoCspViolations() => Assert.That(_cspViolations, Is.Empty);

    [TearDown]
    public async Task ClosePage()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{Sanitize(TestContext.CurrentContext.Test.Name)}.png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            TestContext.AddTestAttachment(file, "The page when the test failed");
        }

        await _context.DisposeAsync();
    }

    /// <summary>Keeps a picture of a step in SCREENSHOT_DIR, when set, for people to look at.</summary>
    protected async Task SnapshotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("SCREENSHOT_DIR") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
        }
    }

    protected async Task LogInAsync(string email, string password)
    {
        await Page.GotoAsync(Url("/login"));
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? c : '_'));
}
