using System.Security.Cryptography;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using Microsoft.Win32.SafeHandles;

namespace AspNetFtp.Protocol.Storage;

/// <summary>
/// An upload written to a temporary file beside its target (<see cref="FtpUploadMode.Atomic"/> and
/// <see cref="FtpUploadMode.AtomicResume"/>). The temporary name is random, reserved (<see cref="ReservedNames"/>)
/// and created exclusively, inside the directory pinned when the upload opened, so the final rename stays in
/// one directory and one file system. Complete flushes to disk and renames over the target; abort deletes the
/// temporary file, or in resume mode renames it over the target when bytes arrived. Either way no temporary
/// file outlives the upload; only a crash of the whole process can leave one, and it stays hidden and unreachable.
/// </summary>
internal sealed class AtomicLocalUpload : IFtpUpload
{
    private readonly PinnedEntry _directory;
    private readonly string _temporaryName;
    private readonly string _targetName;
    private readonly bool _replace;
    private readonly bool _keepCut;
    private readonly long _keptLength;
    private readonly FileStream _file;
    private bool _finished;

    private AtomicLocalUpload(PinnedEntry directory, string temporaryName, string targetName, FileStream file, long keptLength, bool replace, bool keepCut)
    {
        _directory = directory;
        _temporaryName = temporaryName;
        _targetName = targetName;
        _file = file;
        _keptLength = keptLength;
        _replace = replace;
        _keepCut = keepCut;
    }

    public Stream Stream => _file;

    /// <summary>
    /// Opens the temporary file for an upload to <paramref name="path"/>. APPE copies the whole old file into it and
    /// REST n + STOR its first n bytes, so the target changes only by one rename. Takes ownership of nothing on failure.
    /// </summary>
    public static AtomicLocalUpload Open(HomeJail jail, FtpPath path, FtpWriteMode mode, long offset, bool keepCut)
    {
        PinnedEntry directory = jail.PinParent(path);
        string temporaryName = ReservedNames.UploadPrefix + RandomNumberGenerator.GetHexString(32, lowercase: true) + ".part";
        FileStream? file = null;
        try
        {
            UnixFileMode? oldMode = null;
            using FileStream? old = mode == FtpWriteMode.CreateNew ? null : OpenExisting(jail, path, out oldMode);
            file = directory.Handle is null
                ? new FileStream(directory.Child(temporaryName), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0)
                : new FileStream(LinuxFileCalls.OpenForWriteNoFollow(directory.Handle, temporaryName, createNew: true), FileAccess.Write, bufferSize: 0);
            if (oldMode is { } keepMode && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file.SafeFileHandle, keepMode);
            }

            long kept = mode switch
            {
                FtpWriteMode.Append => old?.Length ?? 0,
                FtpWriteMode.Resume => offset <= (old?.Length ?? 0) ? offset
                    : throw new FtpFileSystemException(FtpFileSystemError.InvalidName, "Offset beyond end of file."),
                _ => 0,
            };
            if (kept > 0)
            {
                CopyPrefix(old!, file, kept);
            }

            return new AtomicLocalUpload(directory, temporaryName, path.Name, file, kept, replace: mode != FtpWriteMode.CreateNew, keepCut);
        }
        catch
        {
            if (file is not null)
            {
                file.Dispose();
                TryDelete(directory.Child(temporaryName));
            }

            directory.Dispose();
            throw;
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        try
        {
            // The data reaches the disk before the rename makes it the target, so a power cut never publishes a hole.
            await _file.FlushAsync(cancellationToken);
            _file.Flush(flushToDisk: true);
            await _file.DisposeAsync();
            Publish();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw StorageErrors.Translate(ex);
        }
        finally
        {
            await CleanUpAsync();
        }
    }

    public ValueTask AbortAsync(CancellationToken cancellationToken) => EndAsync(_keepCut);

    /// <summary>Quota passed or disk full: the temporary file goes, even in resume mode; the target stays as it was.</summary>
    public ValueTask DiscardAsync(CancellationToken cancellationToken) => EndAsync(keepCut: false);

    private async ValueTask EndAsync(bool keepCut)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        try
        {
            bool received = _file.Length > _keptLength;
            await _file.DisposeAsync();
            if (keepCut && received)
            {
                // Resume mode: what arrived becomes the target, where SIZE shows it and REST+STOR continues it.
                Publish();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing to tell a client whose transfer already failed; the temporary file goes below.
        }
        finally
        {
            await CleanUpAsync();
        }
    }

    public ValueTask DisposeAsync() => AbortAsync(CancellationToken.None);

    private void Publish() =>
        File.Move(_directory.Child(_temporaryName), _directory.Child(_targetName), overwrite: _replace);

    private async ValueTask CleanUpAsync()
    {
        await _file.DisposeAsync();
        TryDelete(_directory.Child(_temporaryName)); // gone already after a rename
        _directory.Dispose();
    }

    /// <summary>The old target opened for reading with its mode, or null when there is none; refuses anything but a regular file.</summary>
    private static FileStream? OpenExisting(HomeJail jail, FtpPath path, out UnixFileMode? mode)
    {
        mode = null;
        PinnedEntry? entry = jail.TryPin(path, directory: false);
        if (entry is null)
        {
            return null;
        }

        using (entry)
        {
            if (entry.Handle is not null)
            {
                HandleStatus status = LinuxFileCalls.StatusOf(entry.Handle);
                if (!status.IsRegularFile)
                {
                    throw new FtpFileSystemException(FtpFileSystemError.NotAFile, "Not a regular file.");
                }

                mode = status.Mode & (UnixFileMode)0x1FF;
            }
            else if (!File.Exists(entry.Self))
            {
                return null;
            }

            return new FileStream(entry.Self, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
    }

    private static void CopyPrefix(FileStream source, FileStream destination, long length)
    {
        byte[] buffer = new byte[81920];
        long left = length;
        while (left > 0)
        {
            int read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw new FtpFileSystemException(FtpFileSystemError.Unavailable, "The file shrank while it was copied.");
            }

            destination.Write(buffer, 0, read);
            left -= read;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The name is reserved and hidden: a file that could not be removed is never served nor listed.
        }
    }
}
