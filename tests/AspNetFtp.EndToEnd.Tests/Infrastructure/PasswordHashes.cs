using System.Collections.Concurrent;

namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Hashes passwords with the host's own CLI verb (<c>echo -n pw | dotnet host.dll hashpassword</c>),
/// once per password per test run: the hash is deliberately slow.
/// </summary>
internal static class PasswordHashes
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Cache = new(StringComparer.Ordinal);

    public static Task<string> GetAsync(string password) =>
        Cache.GetOrAdd(password, p => new Lazy<Task<string>>(() => ComputeAsync(p))).Value;

    private static async Task<string> ComputeAsync(string password)
    {
        var (fileName, prefix, workingDirectory) = RepoLayout.HostCommand;
        var result = await ClientRunner.RunAsync(
            fileName,
            [.. prefix, "hashpassword"],
            TimeSpan.FromSeconds(60),
            standardInput: password,
            workingDirectory: workingDirectory);
        var hash = result.StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault();
        if (!result.Succeeded || string.IsNullOrEmpty(hash) || hash.Contains(' ', StringComparison.Ordinal))
        {
            throw new InvalidOperationException("hashpassword did not print a hash:\n" + result.Describe());
        }

        return hash;
    }
}
