namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>A fresh directory under the system temp folder, removed with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
        : this(System.IO.Path.GetTempPath())
    {
    }

    private TempDirectory(string parent)
    {
        Path = System.IO.Path.Combine(parent, "aspnetftp-protocol-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>
    /// A directory in memory (tmpfs /dev/shm) where there is one, for tests that create very many entries:
    /// creating and deleting 100,000 files on a loaded disk takes minutes, in memory a second or two.
    /// </summary>
    public static TempDirectory InMemoryIfPossible() =>
        OperatingSystem.IsLinux() && Directory.Exists("/dev/shm") ? new TempDirectory("/dev/shm") : new TempDirectory();

    public string Path { get; }

    /// <summary>The physical path of a relative name inside the directory.</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public string WriteFile(string relative, string content)
    {
        string full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string CreateDirectory(string relative) => Directory.CreateDirectory(this[relative]).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
