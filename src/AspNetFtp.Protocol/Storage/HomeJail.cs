using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using Microsoft.Win32.SafeHandles;

namespace AspNetFtp.Protocol.Storage;

/// <summary>
/// Keeps a user inside their home. A path is first resolved link by link and refused when its real path
/// leaves the home (the check); on Linux the entry is then opened and the kernel is asked where the handle
/// landed (the proof), and the act goes through that handle, so nothing changed between check and act can
/// lead outside.
/// </summary>
internal sealed class HomeJail
{
    private const int MaxLinkHops = 40;
    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    public HomeJail(string rootDirectory) => Root = RealPath(Path.GetFullPath(rootDirectory));

    /// <summary>The real (link-free) path of the home.</summary>
    public string Root { get; }

    /// <summary>Called after a path has been checked and before it is acted on: lets tests change the tree in between.</summary>
    internal Action? AfterCheck { get; set; }

    /// <summary>Maps a virtual path to a physical one, following and checking every link on the way.</summary>
    public string MapFollowingLinks(FtpPath path)
    {
        // On Windows a colon names a drive or an alternate data stream, never part of a file name.
        if (OperatingSystem.IsWindows() && path.Value.Contains(':', StringComparison.Ordinal))
        {
            throw new FtpFileSystemException(FtpFileSystemError.InvalidName, "Name not allowed here.");
        }

        // Component by component, so no separator in a name (\ on Windows) can merge or split names.
        string candidate = path.IsRoot ? Root : Path.Join(Root, string.Join(Path.DirectorySeparatorChar, path.Segments));
        string real = RealPath(candidate);
        EnsureInside(real);
        return real;
    }

    /// <summary>Checks, then opens and proves, the entry at <paramref name="path"/> (links followed).</summary>
    public PinnedEntry Pin(FtpPath path, bool directory) =>
        TryPin(path, directory) ?? throw new FtpFileSystemException(FtpFileSystemError.NotFound, "Not found.");

    /// <summary>As <see cref="Pin"/>, but null when the entry does not exist (no exception for an ordinary miss).</summary>
    public PinnedEntry? TryPin(FtpPath path, bool directory)
    {
        string real = MapFollowingLinks(path);
        AfterCheck?.Invoke();
        if (!LinuxFileCalls.IsSupported)
        {
            return new PinnedEntry(null, real);
        }

        SafeFileHandle? handle;
        try
        {
            handle = LinuxFileCalls.TryOpenPath(real, directory);
        }
        catch (IOException ex)
        {
            throw StorageErrors.Translate(ex);
        }

        if (handle is null)
        {
            return null;
        }

        try
        {
            return new PinnedEntry(handle, Locate(handle));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Refuses an opened handle unless the kernel places it inside the home; returns its location.</summary>
    public string Locate(SafeFileHandle handle)
    {
        if (!LinuxFileCalls.IsSupported)
        {
            throw new InvalidOperationException("Handles are located through /proc on Linux only.");
        }

        string location = LinuxFileCalls.LocationOf(handle)
            ?? throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "The opened entry cannot be located.");
        EnsureInside(location);
        return location;
    }

    /// <summary>Opens the parent of <paramref name="path"/> as a proven directory.</summary>
    public PinnedEntry PinParent(FtpPath path) => Pin(path.Parent, directory: true);

    public bool IsInside(string real) =>
        real.Length == Root.Length ? string.Equals(real, Root, StringComparison.Ordinal)
            : real.StartsWith(Root, StringComparison.Ordinal)
              && (Path.EndsInDirectorySeparator(Root) || real[Root.Length] == Path.DirectorySeparatorChar);

    public void EnsureInside(string real)
    {
        if (!IsInside(real))
        {
            throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "Path leaves the home directory.");
        }
    }

    /// <summary>
    /// Resolves every symbolic link in an absolute path (realpath semantics; missing tails are kept). As the kernel
    /// does, <c>..</c> climbs from what the names before it resolved to, not from their text: with
    /// <c>l -> /srv</c>, <c>l/../x</c> is <c>/x</c>.
    /// </summary>
    public static string RealPath(string absolutePath)
    {
        int hops = 0;
        return Resolve(absolutePath, ref hops);

        static string Resolve(string path, ref int hops)
        {
            string root = Path.GetPathRoot(path) ?? "/";
            string result = root;
            foreach (string segment in path[root.Length..].Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                if (segment == ".")
                {
                    continue;
                }

                if (segment == "..")
                {
                    result = Path.GetDirectoryName(result) ?? root;
                    continue;
                }

                string next = Path.Join(result, segment);
                string? target = new FileInfo(next).LinkTarget;
                if (target is null)
                {
                    result = next;
                    continue;
                }

                if (++hops > MaxLinkHops)
                {
                    throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "Too many levels of symbolic links.");
                }

                // Not Path.GetFullPath: that would fold a ".." in the target before the names ahead of it are resolved.
                string combined = Path.IsPathRooted(target) ? target : Path.Join(result, target);
                result = Resolve(combined, ref hops);
            }

            return result;
        }
    }
}
