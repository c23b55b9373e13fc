using System.Runtime.CompilerServices;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;

namespace AspNetFtp.Protocol.Storage;

/// <summary>
/// The default storage: a local directory as the user's root. Every path is resolved component by
/// component with symbolic links followed and checked, so a link whose target leaves the root is refused.
/// </summary>
public sealed class LocalFileSystem : IFtpFileSystem
{
    private const int MaxLinkHops = 40;
    private readonly string _root;

    public LocalFileSystem(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        _root = RealPath(Path.GetFullPath(rootDirectory));
        if (!Directory.Exists(_root))
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotFound, "The home directory does not exist.");
        }
    }

    /// <summary>The real (symlink-free) path of the root.</summary>
    public string RootDirectory => _root;

    public FtpFileSystemCapabilities Capabilities =>
        FtpFileSystemCapabilities.ResumeUpload | FtpFileSystemCapabilities.Append |
        FtpFileSystemCapabilities.SetModificationTime | FtpFileSystemCapabilities.SetMode |
        FtpFileSystemCapabilities.LocalFiles | FtpFileSystemCapabilities.Rename;

    public ValueTask<FtpFileInfo?> GetInfoAsync(FtpPath path, CancellationToken cancellationToken)
    {
        string physical = MapFollowingLinks(path);
        FileSystemInfo info = Directory.Exists(physical) ? new DirectoryInfo(physical) : new FileInfo(physical);
        return ValueTask.FromResult(info.Exists ? ToInfo(info, path.IsRoot ? "/" : path.Name) : null);
    }

    public async IAsyncEnumerable<FtpFileInfo> ListAsync(FtpPath directory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string physical = MapFollowingLinks(directory);
        var dir = new DirectoryInfo(physical);
        if (!dir.Exists)
        {
            throw new FtpFileSystemException(
                File.Exists(physical) ? FtpFileSystemError.NotADirectory : FtpFileSystemError.NotFound, "No such directory.");
        }

        IEnumerator<FileSystemInfo> entries;
        try
        {
            entries = dir.EnumerateFileSystemInfos("*", new EnumerationOptions
            {
                IgnoreInaccessible = true,
                AttributesToSkip = 0,
                RecurseSubdirectories = false,
                ReturnSpecialDirectories = false,
            }).GetEnumerator();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Translate(ex);
        }

        using (entries)
        {
            int count = 0;
            while (true)
            {
                FtpFileInfo? item;
                try
                {
                    if (!entries.MoveNext())
                    {
                        break;
                    }

                    item = DescribeEntry(entries.Current);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw Translate(ex);
                }

                if (item is not null)
                {
                    yield return item;
                }

                // Yield to the scheduler now and then so one huge directory cannot monopolize a thread.
                if (++count % 1024 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await Task.Yield();
                }
            }
        }
    }

    public ValueTask<Stream> OpenReadAsync(FtpPath path, long offset, CancellationToken cancellationToken)
    {
        string physical = MapFollowingLinks(path);
        if (Directory.Exists(physical))
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotAFile, "Not a regular file.");
        }

        return Run<Stream>(() =>
        {
            var stream = new FileStream(physical, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
                Options = FileOptions.SequentialScan,
            });
            if (offset > 0)
            {
                if (offset > stream.Length)
                {
                    stream.Dispose();
                    throw new FtpFileSystemException(FtpFileSystemError.InvalidName, "Offset beyond end of file.");
                }

                stream.Seek(offset, SeekOrigin.Begin);
            }

            return stream;
        });
    }

    public ValueTask<Stream> OpenWriteAsync(FtpPath path, FtpWriteMode mode, long offset, CancellationToken cancellationToken)
    {
        string physical = MapFollowingLinks(path);
        if (Directory.Exists(physical))
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotAFile, "Not a regular file.");
        }

        return Run<Stream>(() =>
        {
            if (mode == FtpWriteMode.CreateNew && File.Exists(physical))
            {
                throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, "Already exists.");
            }

            FileMode fileMode = mode switch
            {
                FtpWriteMode.Create => FileMode.Create,
                FtpWriteMode.CreateNew => FileMode.CreateNew,
                FtpWriteMode.Append => FileMode.Append,
                FtpWriteMode.Resume => FileMode.OpenOrCreate,
                _ => throw new ArgumentOutOfRangeException(nameof(mode)),
            };
            var stream = new FileStream(physical, new FileStreamOptions
            {
                Mode = fileMode,
                Access = FileAccess.Write,
                Share = FileShare.Read | FileShare.Delete,
                BufferSize = 0,
            });
            if (mode == FtpWriteMode.Resume)
            {
                if (offset > stream.Length)
                {
                    stream.Dispose();
                    throw new FtpFileSystemException(FtpFileSystemError.InvalidName, "Offset beyond end of file.");
                }

                stream.SetLength(offset);
                stream.Seek(offset, SeekOrigin.Begin);
            }

            return stream;
        });
    }

    public ValueTask DeleteFileAsync(FtpPath path, CancellationToken cancellationToken)
    {
        string physical = MapParentFollowingLinks(path);
        return Run(() =>
        {
            var info = new FileInfo(physical);
            if (info.LinkTarget is null && Directory.Exists(physical))
            {
                throw new FtpFileSystemException(FtpFileSystemError.NotAFile, "Is a directory.");
            }

            if (!info.Exists && info.LinkTarget is null)
            {
                throw new FtpFileSystemException(FtpFileSystemError.NotFound, "No such file.");
            }

            info.Delete();
        });
    }

    public ValueTask CreateDirectoryAsync(FtpPath path, CancellationToken cancellationToken)
    {
        string physical = MapFollowingLinks(path);
        return Run(() =>
        {
            if (Directory.Exists(physical) || File.Exists(physical))
            {
                throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, "Already exists.");
            }

            if (!Directory.Exists(Path.GetDirectoryName(physical)))
            {
                throw new FtpFileSystemException(FtpFileSystemError.NotFound, "Parent directory does not exist.");
            }

            Directory.CreateDirectory(physical);
        });
    }

    public ValueTask DeleteDirectoryAsync(FtpPath path, CancellationToken cancellationToken)
    {
        if (path.IsRoot)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "Cannot remove the root.");
        }

        string physical = MapParentFollowingLinks(path);
        return Run(() =>
        {
            var info = new DirectoryInfo(physical);
            if (info.LinkTarget is not null)
            {
                throw new FtpFileSystemException(FtpFileSystemError.NotADirectory, "Is a symbolic link.");
            }

            if (!info.Exists)
            {
                throw new FtpFileSystemException(
                    File.Exists(physical) ? FtpFileSystemError.NotADirectory : FtpFileSystemError.NotFound, "No such directory.");
            }

            if (info.EnumerateFileSystemInfos().Any())
            {
                throw new FtpFileSystemException(FtpFileSystemError.NotEmpty, "Directory not empty.");
            }

            info.Delete(false);
        });
    }

    public ValueTask RenameAsync(FtpPath from, FtpPath to, CancellationToken cancellationToken)
    {
        if (from.IsRoot || to.IsRoot)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "Cannot rename the root.");
        }

        string source = MapParentFollowingLinks(from);
        string target = MapParentFollowingLinks(to);
        return Run(() =>
        {
            var sourceInfo = new FileInfo(source);
            bool sourceIsDirectory = sourceInfo.LinkTarget is null && Directory.Exists(source);
            if (!sourceIsDirectory && !sourceInfo.Exists && sourceInfo.LinkTarget is null)
            {
                throw new FtpFileSystemException(FtpFileSystemError.NotFound, "No such file or directory.");
            }

            if (Directory.Exists(target))
            {
                throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, "Target is a directory.");
            }

            if (sourceIsDirectory)
            {
                if ((target + "/").StartsWith(source + "/", StringComparison.Ordinal))
                {
                    throw new FtpFileSystemException(FtpFileSystemError.InvalidName, "Cannot move a directory into itself.");
                }

                Directory.Move(source, target);
            }
            else
            {
                File.Move(source, target, overwrite: true);
            }
        });
    }

    public ValueTask SetLastWriteTimeAsync(FtpPath path, DateTime lastWriteTimeUtc, CancellationToken cancellationToken)
    {
        string physical = MapFollowingLinks(path);
        return Run(() =>
        {
            if (Directory.Exists(physical))
            {
                Directory.SetLastWriteTimeUtc(physical, lastWriteTimeUtc);
            }
            else if (File.Exists(physical))
            {
                File.SetLastWriteTimeUtc(physical, lastWriteTimeUtc);
            }
            else
            {
                throw new FtpFileSystemException(FtpFileSystemError.NotFound, "No such file.");
            }
        });
    }

    public ValueTask SetModeAsync(FtpPath path, UnixFileMode mode, CancellationToken cancellationToken)
    {
        string physical = MapFollowingLinks(path);
        return Run(() =>
        {
            if (!File.Exists(physical) && !Directory.Exists(physical))
            {
                throw new FtpFileSystemException(FtpFileSystemError.NotFound, "No such file.");
            }

            if (OperatingSystem.IsWindows())
            {
                throw new FtpFileSystemException(FtpFileSystemError.NotSupported, "Modes are not supported here.");
            }

            File.SetUnixFileMode(physical, mode);
        });
    }

    public string? GetLocalFilePath(FtpPath path)
    {
        string physical = MapFollowingLinks(path);
        return File.Exists(physical) ? physical : null;
    }

    /// <summary>Maps a virtual path to a physical one, following and checking every link on the way.</summary>
    internal string MapFollowingLinks(FtpPath path)
    {
        string candidate = path.IsRoot ? _root : Path.Join(_root, path.Value);
        string real = RealPath(candidate);
        EnsureInsideRoot(real);
        return real;
    }

    /// <summary>Maps the parent with links followed and keeps the last name as is (so DELE removes a link, not its target).</summary>
    internal string MapParentFollowingLinks(FtpPath path)
    {
        string parent = MapFollowingLinks(path.Parent);
        return Path.Join(parent, path.Name);
    }

    private void EnsureInsideRoot(string real)
    {
        if (real.Length == _root.Length ? string.Equals(real, _root, StringComparison.Ordinal)
            : real.StartsWith(_root, StringComparison.Ordinal) && (_root.EndsWith('/') || real[_root.Length] == '/'))
        {
            return;
        }

        throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "Path leaves the home directory.");
    }

    /// <summary>Resolves every symbolic link in an absolute path (realpath semantics; missing tails are kept).</summary>
    internal static string RealPath(string absolutePath)
    {
        int hops = 0;
        return Resolve(absolutePath, ref hops);

        static string Resolve(string path, ref int hops)
        {
            string root = Path.GetPathRoot(path) ?? "/";
            string result = root;
            foreach (string segment in path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
            {
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

                string combined = Path.IsPathRooted(target) ? target : Path.Join(result, target);
                result = Resolve(Path.GetFullPath(combined), ref hops);
            }

            return result;
        }
    }

    private FtpFileInfo? DescribeEntry(FileSystemInfo entry)
    {
        // The attributes come with the directory entry; only links cost a readlink.
        if ((entry.Attributes & FileAttributes.ReparsePoint) == 0 || entry.LinkTarget is null)
        {
            return ToInfo(entry, entry.Name);
        }

        // A link is shown as what it points to when that stays inside the root; otherwise as a bare link.
        try
        {
            string real = RealPath(entry.FullName);
            EnsureInsideRoot(real);
            FileSystemInfo target = Directory.Exists(real) ? new DirectoryInfo(real) : new FileInfo(real);
            if (target.Exists)
            {
                return ToInfo(target, entry.Name);
            }
        }
        catch (FtpFileSystemException)
        {
        }

        return new FtpFileInfo(entry.Name, false, 0, entry.LastWriteTimeUtc, (UnixFileMode)0x1FF, LinkTarget: string.Empty,
            UniqueId: UniqueIdOf(entry.FullName));
    }

    private static FtpFileInfo ToInfo(FileSystemInfo info, string name)
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
            UniqueId: UniqueIdOf(info.FullName));
    }

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

    private static ValueTask Run(Action action)
    {
        try
        {
            action();
            return ValueTask.CompletedTask;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not FtpFileSystemException)
        {
            throw Translate(ex);
        }
    }

    private static ValueTask<T> Run<T>(Func<T> action)
    {
        try
        {
            return ValueTask.FromResult(action());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not FtpFileSystemException)
        {
            throw Translate(ex);
        }
    }

    private static FtpFileSystemException Translate(Exception ex)
    {
        const int ENOSPC = 28;
        const int EDQUOT = 122;
        return ex switch
        {
            FtpFileSystemException f => f,
            FileNotFoundException or DirectoryNotFoundException => new(FtpFileSystemError.NotFound, "Not found.", ex),
            UnauthorizedAccessException => new(FtpFileSystemError.AccessDenied, "Permission denied.", ex),
            IOException io when (io.HResult & 0xFFFF) is ENOSPC or EDQUOT || io.HResult == unchecked((int)0x80070070)
                => new(FtpFileSystemError.InsufficientStorage, "No space left.", ex),
            _ => new(FtpFileSystemError.Unavailable, "Storage error.", ex),
        };
    }
}
