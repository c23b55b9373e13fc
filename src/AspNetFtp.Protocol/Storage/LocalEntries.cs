using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using Microsoft.Win32.SafeHandles;

namespace AspNetFtp.Protocol.Storage;

/// <summary>Turns local entries into <see cref="FtpFileInfo"/>; identities come from real paths, never from handle names.</summary>
internal static class LocalEntries
{
    /// <summary>
    /// One directory entry; a link is shown as its target when that stays inside the home, else as a bare link.
    /// Null for an entry that cannot be reached again by its name: removed since the directory was read, or
    /// named with bytes that are not UTF-8 (the name .NET decodes leads nowhere). Neither may fail the listing.
    /// </summary>
    public static FtpFileInfo? Describe(FileSystemInfo entry, string realPath, HomeJail jail)
    {
        try
        {
            return DescribeReachable(entry, realPath, jail);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static FtpFileInfo? DescribeReachable(FileSystemInfo entry, string realPath, HomeJail jail)
    {
        // The attributes come with the directory entry; only links cost a readlink.
        if ((entry.Attributes & FileAttributes.ReparsePoint) == 0 || entry.LinkTarget is null)
        {
            return ToInfo(entry, entry.Name, realPath);
        }

        // A link is shown as what it points to when that stays inside the root; otherwise as a bare link.
        try
        {
            string real = HomeJail.RealPath(realPath);
            jail.EnsureInside(real);
            jail.AfterCheck?.Invoke();
            if (LinuxFileCalls.IsSupported)
            {
                // The target is described through a proven handle, so a swap after the check leaks nothing outside.
                using SafeFileHandle handle = LinuxFileCalls.OpenPath(real, directory: false);
                return ToInfo(LinuxFileCalls.StatusOf(handle), entry.Name, jail.Locate(handle));
            }

            FileSystemInfo target = Directory.Exists(real) ? new DirectoryInfo(real) : new FileInfo(real);
            if (target.Exists)
            {
                return ToInfo(target, entry.Name, real);
            }
        }
        catch (FtpFileSystemException)
        {
        }
        catch (IOException) when (LinuxFileCalls.IsSupported)
        {
            // A dangling link (or one that cannot be opened) is shown as a bare link.
        }

        return new FtpFileInfo(entry.Name, false, 0, entry.LastWriteTimeUtc, (UnixFileMode)0x1FF, LinkTarget: string.Empty,
            UniqueId: UniqueIdOf(realPath));
    }

    public static FtpFileInfo ToInfo(FileSystemInfo info, string name, string realPath)
    {
        bool isDirectory = info is DirectoryInfo;
        UnixFileMode mode = OperatingSystem.IsWindows()
            ? (isDirectory ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4)
            : info.UnixFileMode;
        return new FtpFileInfo(
            name,
            isDirectory,
            isDirectory ? 0 : ((FileInfo)info).Length,
            info.LastWriteTimeUtc,
            mode,
            UniqueId: UniqueIdOf(realPath));
    }

    /// <summary>
    /// The entry at <paramref name="path"/> (links followed), or null when there is none. On Linux it is
    /// described through a proven handle: a link swapped after the check tells nothing about what lies outside.
    /// </summary>
    public static FtpFileInfo? Find(HomeJail jail, FtpPath path)
    {
        string name = path.IsRoot ? "/" : path.Name;
        if (!LinuxFileCalls.IsSupported)
        {
            string physical = jail.MapFollowingLinks(path);
            FileSystemInfo info = Directory.Exists(physical) ? new DirectoryInfo(physical) : new FileInfo(physical);
            return info.Exists ? ToInfo(info, name, physical) : null;
        }

        PinnedEntry? entry = jail.TryPin(path, directory: false);
        if (entry is null)
        {
            return null;
        }

        using (entry)
        {
            return ToInfo(LinuxFileCalls.StatusOf(entry.Handle!), name, entry.RealPath);
        }
    }

    public static FtpFileInfo ToInfo(HandleStatus status, string name, string realPath) => new(
        name,
        status.IsDirectory,
        status.IsDirectory ? 0 : status.Length,
        status.LastWriteTimeUtc,
        status.Mode,
        UniqueId: UniqueIdOf(realPath));

    private static string UniqueIdOf(string fullPath)
    {
        // FNV-1a over the UTF-16 path: stable across runs, unlike string.GetHashCode.
        ulong hash = 14695981039346656037UL;
        foreach (char c in fullPath)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
