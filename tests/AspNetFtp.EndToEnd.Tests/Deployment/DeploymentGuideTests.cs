using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Deployment;

/// <summary>
/// Issue 12: docs/deployment.md cannot drift from the repository. A fenced block right after
/// <c>&lt;!-- file: PATH --&gt;</c> is that file's text; every deployment file is shown; every
/// <c>dotnet AspNetFtp.Host.dll VERB</c> names a verb the host has.
/// </summary>
public sealed partial class DeploymentGuideTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_block_marked_with_a_file_is_that_files_text()
    {
        var shown = ShownFiles();

        Assert.NotEmpty(shown);
        Assert.All(shown, s => Assert.Equal(DeploymentFiles.Read(s.Path), s.Text));
    }

    [Fact]
    public void The_guide_shows_every_deployment_file()
    {
        var shown = ShownFiles().Select(s => s.Path).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(StringComparer.Ordinal)
        {
            DeploymentFiles.SystemdUnit, DeploymentFiles.SupervisorProgram, DeploymentFiles.Dockerfile, DeploymentFiles.Compose,
        }, shown);
    }

    [Fact]
    public async Task Every_host_verb_the_guide_runs_exists()
    {
        HashSet<string> verbs = await DeploymentFiles.HostVerbsAsync();
        output.WriteLine("verbs: " + string.Join(' ', verbs));
        var used = VerbUse().Matches(DeploymentFiles.Read(DeploymentFiles.Guide)).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(used);
        Assert.All(used, verb => Assert.Contains(verb, verbs));
    }

    private static List<(string Path, string Text)> ShownFiles() =>
        [.. FileBlock().Matches(DeploymentFiles.Read(DeploymentFiles.Guide)).Select(m => (m.Groups["path"].Value, m.Groups["text"].Value))];

    [GeneratedRegex(@"<!-- file: (?<path>[^ ]+) -->\n```[a-z]*\n(?<text>.*?\n)```\n", RegexOptions.Singleline)]
    private static partial Regex FileBlock();

    [GeneratedRegex(@"AspNetFtp\.Host\.dll""?,? ""?([a-z][a-z-]*)")]
    private static partial Regex VerbUse();
}
