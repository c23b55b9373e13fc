using System.Runtime.CompilerServices;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using Microsoft.Win32.SafeHandles;
using static AspNetFtp.Protocol.Storage.StorageErrors;

namespace AspNetFtp.Protocol.Storage;

/// <summary>
/// The default storage: a local directory as the user's root. Every path is resolved component by
/// component with symbolic links followed and checked, so a link whose target leaves the root is refused.
/// On Linux every act then goes through a handle opened after the check and located by the kernel
/// (<see cref="HomeJail"/>): a link swapped or a directory moved between check and act leads nowhere.
/// </summary>
public sealed class LocalFileSystem : IFtpFileSystem
{
    private readonly HomeJail _jail;
    private readonly FtpUploadMode _uploadMode;

    /// <summary>
    /// A file system whose root is <paramref name="rootDirectory"/> (symbolic links in it resolved), writing uploads
    /// as <paramref name="uploadMode"/> says.
    /// </summary>
    /// <exception cref="FtpFileSystemException">The directory does not exist (<see cref="FtpFileSystemError.NotFound"/>).</exception>
    public LocalFileSystem(string rootDirectory, FtpUploadMode uploadMode = FtpUploadMode.Atomic)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        _uploadMode = uploadMode;
        _jail = new HomeJail(rootDirectory);
        if (!Directory.Exists(_jail.Root))
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotFound, "The home directory does not exist.");
        }
    }

    /// <summary>The real (symlink-free) path of the root.</summary>
    public string RootDirectory => _jail.Root;

    /// <summary>
    /// <see cref="FtpFileSystemCapabilities.LocalFiles"/>: <see cref="OpenReadAsync"/> returns a
    /// <see cref="FileStream"/> opened for asynchronous I/O, which the engine may send with sendfile.
    /// </summary>
    public FtpFileSystemCapabilities Capabilities => SupportedCapabilities;

    internal const FtpFileSystemCapabilities SupportedCapabilities =
        FtpFileSystemCapabilities.ResumeUpload | FtpFileSystemCapabilities.Append |
        FtpFileSystemCapabilities.SetModificationTime | FtpFileSystemCapabilities.SetMode |
        FtpFileSystemCapabilities.LocalFiles | FtpFileSystemCapabilities.Rename;

    /// <summary>Runs between a path's check and the act on it; tests use it to change the tree in that window.</summary>
    internal Action? AfterCheck
    {
        get => _jail.AfterCheck;
        set => _jail.AfterCheck = value;
    }

    /// <inheritdoc />
    public ValueTask<FtpFileInfo?> GetInfoAsync(FtpPath path, CancellationToken cancellationToken) =>
        Run(() => LocalEntries.Find(_jail, path));

    /// <inheritdoc />
    public async IAsyncEnumerable<FtpFileInfo> ListAsync(FtpPath directory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string physical = _jail.MapFollowingLinks(directory);
        if (!Directory.Exists(physical))
        {
            throw new FtpFileSystemException(
                File.Exists(physical) ? FtpFileSystemError.NotADirectory : FtpFileSystemError.NotFound, "No such directory.");
        }

        // The directory is read through a proven handle: moving it, or swapping a link on its way, after the
        // check lists nothing outside the home.
        using PinnedEntry pinned = _jail.Pin(directory, directory: true);
        IEnumerator<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(pinned.Self).EnumerateFileSystemInfos("*", new EnumerationOptions
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

                    item = LocalEntries.Describe(entries.Current, pinned.RealChild(entries.Current.Name), _jail);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw Translate(ex);
                }

                // An atomic upload's temporary file (one in flight, or one a crash left behind) is never shown.
                if (item is not null && !ReservedNames.IsReserved(item.Name))
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

    /// <inheritdoc />
    public ValueTask<Stream> OpenReadAsync(FtpPath path, long offset, CancellationToken cancellationToken)
    {
        string physical = _jail.MapFollowingLinks(path);
        if (Directory.Exists(physical))
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotAFile, "Not a regular file.");
        }

        return Run<Stream>(() =>
        {
            // What was checked is what is sent: the pinned handle is proven inside the home and its /proc name
            // reopens that very inode. Only a regular file is opened; opening a FIFO would wait for a writer forever.
            using PinnedEntry entry = _jail.Pin(path, directory: false);
            if (entry.Handle is not null && !LinuxFileCalls.IsRegularFile(entry.Handle))
            {
                throw new FtpFileSystemException(FtpFileSystemError.NotAFile, "Not a regular file.");
            }

            var stream = new FileStream(entry.Self, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan, // sendfile needs an async handle
            });
            try
            {
                if (offset > stream.Length)
                {
                    throw new FtpFileSystemException(FtpFileSystemError.InvalidName, "Offset beyond end of file.");
                }

                stream.Seek(offset, SeekOrigin.Begin);
                return stream;
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        });
    }

    /// <inheritdoc />
    public ValueTask<IFtpUpload> OpenWriteAsync(FtpPath path, FtpWriteMode mode, long offset, CancellationToken cancellationToken)
    {
        string physical = _jail.MapFollowingLinks(path);
        if (Directory.Exists(physical))
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotAFile, "Not a regular file.");
        }

        if (_uploadMode != FtpUploadMode.Standard)
        {
            return Run<IFtpUpload>(() => AtomicLocalUpload.Open(_jail, path, mode, offset, keepCut: _uploadMode == FtpUploadMode.AtomicResume));
        }

        return Run<IFtpUpload>(() =>
        {
            using PinnedEntry parent = _jail.PinParent(path);
            FileStream stream = parent.Handle is null
                ? OpenWriteByName(parent.Child(path.Name), mode)
                : new FileStream(OpenWriteHandle(parent.Handle, path.Name, mode), FileAccess.Write, bufferSize: 0);
            try
            {
                // Truncation happens only now, after the handle has been proven to be inside the home.
                long kept = 0;
                switch (mode)
                {
                    case FtpWriteMode.Create:
                        stream.SetLength(0);
                        break;
                    case FtpWriteMode.Append:
                        kept = stream.Seek(0, SeekOrigin.End);
                        break;
                    case FtpWriteMode.Resume:
                        if (offset > stream.Length)
                        {
                            throw new FtpFileSystemException(FtpFileSystemError.InvalidName, "Offset beyond end of file.");
                        }

                        stream.SetLength(offset);
                        stream.Seek(offset, SeekOrigin.Begin);
                        kept = offset;
                        break;
                }

                return new LocalUpload(stream, kept);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        });
    }

    /// <summary>
    /// Opens one name inside a proven directory. The name itself is opened without following a link; a name
    /// that is a link is reopened through the link only when it already exists, and only if the kernel places
    /// the result inside the home, so nothing is created or truncated outside.
    /// </summary>
    private SafeFileHandle OpenWriteHandle(SafeFileHandle directory, string name, FtpWriteMode mode)
    {
        SafeFileHandle handle;
        try
        {
            handle = LinuxFileCalls.OpenForWriteNoFollow(directory, name, mode == FtpWriteMode.CreateNew);
        }
        catch (IOException ex) when ((ex.HResult & 0xFFFF) == LinuxFileCalls.ELOOP)
        {
            handle = LinuxFileCalls.OpenExistingForWrite(Path.Join(LinuxFileCalls.ProcPath(directory), name));
        }

        try
        {
            _jail.Locate(handle);
            return LinuxFileCalls.IsRegularFile(handle) ? handle
                : throw new FtpFileSystemException(FtpFileSystemError.NotAFile, "Not a regular file.");
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static FileStream OpenWriteByName(string physical, FtpWriteMode mode) => new(physical, new FileStreamOptions
    {
        Mode = mode == FtpWriteMode.CreateNew ? FileMode.CreateNew : FileMode.OpenOrCreate,
        Access = FileAccess.Write,
        Share = FileShare.Read | FileShare.Delete,
        BufferSize = 0,
    });

    /// <inheritdoc />
    public ValueTask DeleteFileAsync(FtpPath path, CancellationToken cancellationToken) => Run(() =>
    {
        using PinnedEntry parent = _jail.PinParent(path);
        var info = new FileInfo(parent.Child(path.Name));
        if (info.LinkTarget is null && Directory.Exists(info.FullName))
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotAFile, "Is a directory.");
        }

        if (!info.Exists && info.LinkTarget is null)
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotFound, "No such file.");
        }

        info.Delete();
    });

    /// <inheritdoc />
    public ValueTask CreateDirectoryAsync(FtpPath path, CancellationToken cancellationToken) => Run(() =>
    {
        _jail.MapFollowingLinks(path);
        using PinnedEntry parent = _jail.PinParent(path);
        string physical = parent.Child(path.Name);
        if (Directory.Exists(physical) || File.Exists(physical) || new FileInfo(physical).LinkTarget is not null)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AlreadyExists, "Already exists.");
        }

        Directory.CreateDirectory(physical);
    });

    /// <inheritdoc />
    public ValueTask DeleteDirectoryAsync(FtpPath path, CancellationToken cancellationToken)
    {
        if (path.IsRoot)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "Cannot remove the root.");
        }

        return Run(() =>
        {
            using PinnedEntry parent = _jail.PinParent(path);
            string physical = parent.Child(path.Name);
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

    /// <inheritdoc />
    public ValueTask RenameAsync(FtpPath from, FtpPath to, CancellationToken cancellationToken)
    {
        if (from.IsRoot || to.IsRoot)
        {
            throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "Cannot rename the root.");
        }

        return Run(() =>
        {
            using PinnedEntry sourceParent = _jail.PinParent(from);
            using PinnedEntry targetParent = _jail.PinParent(to);
            string source = sourceParent.Child(from.Name);
            string target = targetParent.Child(to.Name);
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
                string realSource = sourceParent.RealChild(from.Name);
                if ((targetParent.RealChild(to.Name) + "/").StartsWith(realSource + "/", StringComparison.Ordinal))
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

    /// <inheritdoc />
    public ValueTask SetLastWriteTimeAsync(FtpPath path, DateTime lastWriteTimeUtc, CancellationToken cancellationToken) => Run(() =>
    {
        using PinnedEntry entry = _jail.Pin(path, directory: false);
        if (entry.Handle is not null)
        {
            LinuxFileCalls.SetLastWriteTime(entry.Handle, lastWriteTimeUtc);
        }
        else if (Directory.Exists(entry.Self))
        {
            Directory.SetLastWriteTimeUtc(entry.Self, lastWriteTimeUtc);
        }
        else if (File.Exists(entry.Self))
        {
            File.SetLastWriteTimeUtc(entry.Self, lastWriteTimeUtc);
        }
        else
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotFound, "No such file.");
        }
    });

    /// <inheritdoc />
    public ValueTask SetModeAsync(FtpPath path, UnixFileMode mode, CancellationToken cancellationToken) => Run(() =>
    {
        if (OperatingSystem.IsWindows())
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotSupported, "Modes are not supported here.");
        }

        if (((int)mode & ~0x1FF) != 0)
        {
            throw new FtpFileSystemException(FtpFileSystemError.InvalidName, "Only permission bits can be set.");
        }

        using PinnedEntry entry = _jail.Pin(path, directory: false);
        if (!File.Exists(entry.Self) && !Directory.Exists(entry.Self))
        {
            throw new FtpFileSystemException(FtpFileSystemError.NotFound, "No such file.");
        }

        // The home's own mode is the administrator's, whatever name reaches it.
        if (string.Equals(entry.RealPath, _jail.Root, StringComparison.Ordinal))
        {
            throw new FtpFileSystemException(FtpFileSystemError.AccessDenied, "The home's mode cannot be changed.");
        }

        // chmod follows links: through /proc/self/fd/N it reaches exactly the proven entry.
        File.SetUnixFileMode(entry.Self, mode);
    });
}
