using Microsoft.Playwright;

namespace SloQuality.Server.Tests;

/// <summary>
/// Debian's headless Chromium with the dashboard's credentials, and pages that record every request
/// leaving the service and every console or page error, so a page test can assert there were none.
/// </summary>
internal static class BrowserPages
{
    public const string Chromium = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (.ci/run does)");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public static Task<IBrowserContext> ContextAsync(IBrowser browser, string user, string password) =>
        browser.NewContextAsync(new BrowserNewContextOptions { HttpCredentials = new HttpCredentials { Username = user, Password = password } });

    /// <summary>A new page; <paramref name="outside"/> and <paramref name="errors"/> fill as it loads.</summary>
    public static async Task<IPage> NewPageAsync(IBrowserContext context, Uri service, List<string> outside, List<string> errors)
    {
        var page = await context.NewPageAsync();
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(service.ToString(), StringComparison.Ordinal))
            {
                outside.Add(r.Url);
            }
        };
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);
        return page;
    }
}
