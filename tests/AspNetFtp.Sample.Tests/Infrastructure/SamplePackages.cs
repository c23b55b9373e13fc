using System.Text.RegularExpressions;

namespace AspNetFtp.Sample.Tests.Infrastructure;

/// <summary>AspNetFtp.Protocol, AspNetFtp.Identity and AspNetFtp.Admin packed into a folder feed, as a user of the packages gets them.</summary>
internal static partial class SamplePackages
{
    public static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(4);

    /// <summary>Packs both libraries into <paramref name="feed"/> and returns the version they carry.</summary>
    public static async Task<string> PackAsync(string feed)
    {
        string repo = RepoRoot.Location;
        string packScript = Path.Combine(repo, "scripts", "pack.sh");
        CommandResult pack = File.Exists(packScript)
            ? await ChildProcess.RunAsync("bash", [packScript, feed], PackTimeout, workingDirectory: repo)
            // Until scripts/pack.sh exists: the libraries as built in Release by scripts/test.sh (or a build before `dotnet test`).
            : await ChildProcess.RunAsync("bash", ["-c", "dotnet pack src/AspNetFtp.Protocol -c Release --no-build -o \"$0\" && dotnet pack src/AspNetFtp.Identity -c Release --no-build -o \"$0\"", feed], PackTimeout, workingDirectory: repo);
        if (!pack.Succeeded)
        {
            throw new InvalidOperationException("Packing the libraries failed.\n" + pack.Describe());
        }

        string[] packages = Directory.GetFiles(feed, "AspNetFtp.*.nupkg");
        string? protocol = packages.Select(p => PackageName().Match(Path.GetFileName(p)))
            .FirstOrDefault(m => m.Success && m.Groups["id"].Value == "Protocol")?.Groups["version"].Value;
        if (protocol is null
            || !packages.Any(p => Path.GetFileName(p) == $"AspNetFtp.Identity.{protocol}.nupkg")
            || !packages.Any(p => Path.GetFileName(p) == $"AspNetFtp.Admin.{protocol}.nupkg"))
        {
            throw new InvalidOperationException(
                $"Expected AspNetFtp.Protocol, AspNetFtp.Identity and AspNetFtp.Admin of one version in {feed}, found: {string.Join(", ", packages.Select(Path.GetFileName))}\n" + pack.Describe());
        }

        return protocol;
    }

    [GeneratedRegex(@"^AspNetFtp\.(?<id>Protocol|Identity)\.(?<version>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.nupkg$")]
    private static partial Regex PackageName();
}
