using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Uhrwerk.BrowserTests;

/// <summary>Headless Debian Chromium driven by Playwright against the real server; a screenshot on every failure.</summary>
public abstract class BrowserTest(ServerProcess server) : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly List<string> _policyProblems = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected ServerProcess Server { get; } = server;

    protected IPage Page { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            Assert.SkipWhen(Environment.GetEnvironmentVariable("CI") != "true", $"{Chromium} is missing; ./test.sh installs it.");
            Assert.Fail($"{Chromium} is missing, and under CI=true a skipped browser test is a failure.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        });
        var context = await _browser.NewContextAsync(new() { BaseURL = Server.BaseUrl, Locale = "de-DE" });
        // Chromium reports each blocked script, style or frame as a console error and a DOM event; both end up here.
        await context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} on ${document.location.pathname}`));");
        context.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (_policyProblems)
                {
                    _policyProblems.Add(message.Text);
                }
            }
        };
        // Without a policy nothing could be violated: every page the portal serves must bring one.
        context.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document" && response.Url.StartsWith(Server.BaseUrl, StringComparison.Ordinal) && !response.Headers.ContainsKey("content-security-policy"))
            {
                lock (_policyProblems)
                {
                    _policyProblems.Add($"{response.Url} came without a Content-Security-Policy.");
                }
            }
        };
        Page = await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Runs the steps and fails when any page of them broke or lacked the Content-Security-Policy;
    /// on failure keeps a full-page screenshot next to the test results.
    /// </summary>
    protected async Task StepsAsync(string name, Func<Task> steps)
    {
        try
        {
            await steps();
            lock (_policyProblems)
            {
                Assert.Empty(_policyProblems);
            }
        }
        catch
        {
            var folder = Environment.GetEnvironmentVariable("UHRWERK_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            try
            {
                await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true, Timeout = 10_000 });
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                // The test's own failure matters more than a missing screenshot.
            }

            throw;
        }
    }

    /// <summary>With UHRWERK_README_SCREENSHOTS set, keeps a screenshot of the page for the README's tour.</summary>
    protected async Task ReadmeShotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("UHRWERK_README_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            // Long lists would make a thumbnail a thin strip; the top of the page shows what it is.
            var height = Math.Min(await Page.EvaluateAsync<int>("document.documentElement.scrollHeight"), 1800);
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true, Clip = new() { X = 0, Y = 0, Width = Page.ViewportSize?.Width ?? 1280, Height = height } });
        }
    }

    /// <summary>Signs in through the portal's form (signing out whoever was signed in) and waits for the session.</summary>
    protected async Task SignInAsync(string email, string password = "Uhrwerk-Demo-2026")
    {
        if (await Page.Locator("#signout").CountAsync() > 0)
        {
            await Page.ClickAsync("#signout");
        }

        await Page.GotoAsync("/signin");
        await Page.FillAsync("#email", email);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("#signin");
        await Assertions.Expect(Page.Locator("#signout")).ToBeVisibleAsync();
    }

    /// <summary>The newest set-password or confirmation link sent to an address (an outbox message until Notifications delivers it).</summary>
    protected string LinkSentTo(string email)
    {
        using var connection = new SqliteConnection($"Data Source={Server.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Payload FROM platform_outbox WHERE Type = 'AccountLinkIssued' ORDER BY OccurredAt DESC";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var payload = JsonDocument.Parse(reader.GetString(0)).RootElement;
            if (payload.GetProperty("email").GetString() == email)
            {
                return payload.GetProperty("link").GetString()!;
            }
        }

        throw new InvalidOperationException($"No link was sent to {email}.");
    }
}
