using AspNetFtp.EndToEnd.Tests.Infrastructure;

namespace AspNetFtp.EndToEnd.Tests.Deployment;

/// <summary>The repository's deployment files, and the simple parsers the tests read them with.</summary>
internal static class DeploymentFiles
{
    public const string SystemdUnit = "deploy/systemd/aspnetftp.service";
    public const string SupervisorProgram = "deploy/supervisor/aspnetftp.conf";
    public const string Dockerfile = "Dockerfile";
    public const string Compose = "docker-compose.yml";
    public const string Guide = "docs/deployment.md";

    public static string PathOf(string relative) => Path.Combine(RepoLayout.Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Every <c>key=value</c> of an ini-style file (systemd unit, supervisor), by section, in order; comments skipped.</summary>
    public static List<(string Section, string Key, string Value)> ReadIni(string relative)
    {
        var entries = new List<(string, string, string)>();
        string section = "";
        foreach (string raw in File.ReadLines(PathOf(relative)))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1];
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                entries.Add((section, line[..equals].Trim(), line[(equals + 1)..].Trim()));
            }
        }

        return entries;
    }

    /// <summary>The host's verbs, as its own <c>--help</c> lists them.</summary>
    public static async Task<HashSet<string>> HostVerbsAsync()
    {
        var (fileName, prefix, workingDirectory) = RepoLayout.HostCommand;
        ProcessResult help = await ClientRunner.RunAsync(fileName, [.. prefix, "--help"], TimeSpan.FromSeconds(60), workingDirectory: workingDirectory);
        if (!help.Succeeded)
        {
            throw new InvalidOperationException(help.Describe());
        }

        var verbs = new HashSet<string>(StringComparer.Ordinal);
        bool inCommands = false;
        foreach (string line in help.StdOut.Split('\n'))
        {
            if (line.StartsWith("Commands:", StringComparison.Ordinal))
            {
                inCommands = true;
                continue;
            }

            if (inCommands && line.StartsWith("  ", StringComparison.Ordinal) && line.Trim().Length > 0)
            {
                verbs.Add(line.Trim().Split(' ', '<')[0]);
            }
            else if (inCommands && line.Trim().Length > 0)
            {
                inCommands = false;
            }
        }

        return verbs;
    }
}
