using System.Text.RegularExpressions;

namespace AspNetFtp.Packaging.Tests;

/// <summary>
/// The logging source generator writes the classes that declare <c>[LoggerMessage]</c> methods into one file in an
/// order that can change between compilations; with two such classes in one library, two packs of one commit gave
/// different assemblies (AspNetFtp.Identity, issue 9). Each library keeps its log lines in one class.
/// </summary>
public sealed partial class LogMessageClassTests
{
    [Theory]
    [InlineData("AspNetFtp.Protocol")]
    [InlineData("AspNetFtp.Identity")]
    [InlineData("AspNetFtp.Webhooks")]
    [InlineData("AspNetFtp.Admin")]
    [InlineData("AspNetFtp.Storage.S3")]
    [InlineData("AspNetFtp.Storage.Azure")]
    public void A_library_declares_its_log_messages_in_at_most_one_class_so_its_generated_code_has_one_order(string project)
    {
        string folder = Path.Combine(PackScript.RepositoryRoot, "src", project);
        List<string> files = [.. Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => LoggerMessageAttribute().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(folder, f))
            .Order(StringComparer.Ordinal)];

        Assert.True(files.Count <= 1, $"{project} declares [LoggerMessage] methods in {files.Count} files: {string.Join(", ", files)}");
    }

    [GeneratedRegex(@"^\s*\[LoggerMessage\(", RegexOptions.Multiline)]
    private static partial Regex LoggerMessageAttribute();
}
