using Microsoft.Playwright;

namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>Each admin page as a person saw it, saved under artifacts/screenshots/ of the repository (git-ignored).</summary>
internal static class Screenshots
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AspNetFtp.slnx")))
            {
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "artifacts", "screenshots")).FullName;
            }
        }

        return Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    });

    public static async Task SaveAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder.Value, $"admin-{name}.png"), FullPage = true });
}
