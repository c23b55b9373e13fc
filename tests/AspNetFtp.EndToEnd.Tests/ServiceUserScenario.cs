using System.Globalization;
using AspNetFtp.EndToEnd.Tests.Infrastructure;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// The world of an attacker who is the service user (nobody, 65534): a data directory a previous start handed
/// to them, and root-owned victims elsewhere that they would like root to hand over or write to.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class ServiceUserScenario
{
    public const uint ServiceUserId = 65534;
    public const string ServiceUser = "nobody";
    public const string VictimText = "root's own secret\n";

    public ServiceUserScenario()
    {
        Scratch = TestRun.NewDirectory("svc");
        Data = Path.Combine(Scratch, "data");
    }

    /// <summary>The test's scratch directory (root-owned, 0755).</summary>
    public string Scratch { get; }

    /// <summary>The data directory of the host under test.</summary>
    public string Data { get; }

    /// <summary>Creates the data directory as a previous start left it: owned by the service user.</summary>
    public async Task HandDataDirectoryToServiceUserAsync()
    {
        Directory.CreateDirectory(Data);
        ProcessResult chown = await ClientRunner.RunAsync("chown", [$"{ServiceUserId}:{ServiceUserId}", Data], TimeSpan.FromSeconds(10));
        Assert.True(chown.Succeeded, chown.Describe());
    }

    /// <summary>A root-owned 0600 file outside the data directory, holding <see cref="VictimText"/>.</summary>
    public string CreateVictimFile(string name = "victim")
    {
        string path = Path.Combine(Scratch, name);
        File.WriteAllText(path, VictimText);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>A root-owned 0700 directory outside the data directory.</summary>
    public string CreateVictimDirectory(string name = "victim-dir")
    {
        string path = Directory.CreateDirectory(Path.Combine(Scratch, name)).FullName;
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>The owner's uid of <paramref name="path"/> itself (a link is not followed).</summary>
    public static uint OwnerOf(string path) => uint.Parse(Stat("%u", path), CultureInfo.InvariantCulture);

    /// <summary>The permission bits of <paramref name="path"/> in octal, such as "600".</summary>
    public static string ModeOf(string path) => Stat("%a", path);

    private static string Stat(string format, string path)
    {
        ProcessResult stat = ClientRunner.RunAsync("stat", ["-c", format, path], TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        Assert.True(stat.Succeeded, stat.Describe());
        return stat.StdOut.Trim();
    }
}
