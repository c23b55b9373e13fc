namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>Finds the repository root and the built host assembly the tests start.</summary>
internal static class RepoLayout
{
    private static readonly Lazy<string> RootPath = new(FindRoot);
    private static readonly Lazy<string> HostDllPath = new(FindHostDll);

    public static string Root => RootPath.Value;

    /// <summary>
    /// <c>$ASPNETFTP_TEST_HOST_DLL</c> when set, otherwise src/AspNetFtp.Host/bin/&lt;Configuration&gt;/net10.0/AspNetFtp.Host.dll
    /// (same configuration as the tests when it exists).
    /// </summary>
    public static string HostDll => HostDllPath.Value;

    /// <summary>How to run the host: <c>dotnet &lt;HostDll&gt;</c>, plus the directory to run it in (where appsettings.json is).</summary>
    public static (string FileName, string[] Prefix, string WorkingDirectory) HostCommand =>
        ("dotnet", [HostDll], Path.GetDirectoryName(HostDll)!);

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug"
            : "Release";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AspNetFtp.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"AspNetFtp.slnx not found above {AppContext.BaseDirectory}");
    }

    private static string FindHostDll()
    {
        if (PublishedHost.Dll() is { } published)
        {
            return published;
        }

        var other = Configuration == "Release" ? "Debug" : "Release";
        var candidates = new[] { Configuration, other }
            .Select(c => Path.Combine(Root, "src", "AspNetFtp.Host", "bin", c, "net10.0", "AspNetFtp.Host.dll"))
            .ToArray();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "The host is not built; run 'dotnet build AspNetFtp.slnx -c Release'. Looked for: " + string.Join(", ", candidates));
    }
}
