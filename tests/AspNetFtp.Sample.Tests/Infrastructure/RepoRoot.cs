namespace AspNetFtp.Sample.Tests.Infrastructure;

/// <summary>The repository this test assembly was built in (the folder holding AspNetFtp.slnx).</summary>
internal static class RepoRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AspNetFtp.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"AspNetFtp.slnx not found above {AppContext.BaseDirectory}");
    });

    public static string Location => Root.Value;
}
