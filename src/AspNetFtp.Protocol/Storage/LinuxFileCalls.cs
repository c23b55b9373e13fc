using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AspNetFtp.Protocol.Storage;

/// <summary>
/// The few Linux calls the jail needs that .NET does not offer: opening a path as a handle without reading
/// it (<c>O_PATH</c>), opening one name inside a directory handle without following a link (<c>openat</c>,
/// <c>O_NOFOLLOW</c>), setting times through a handle (<c>utimensat</c>), and asking the kernel where a handle
/// really is (<c>/proc/self/fd</c>).
/// </summary>
internal static class LinuxFileCalls
{
    public const int ENOENT = 2;
    public const int ENXIO = 6;
    public const int EACCES = 13;
    public const int EEXIST = 17;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int ENOSPC = 28;
    public const int ENAMETOOLONG = 36;
    public const int ELOOP = 40;
    public const int EDQUOT = 122;

    private const int O_WRONLY = 0x1;
    private const int O_CREAT = 0x40;
    private const int O_EXCL = 0x80;
    private const int O_NONBLOCK = 0x800;
    private const int O_CLOEXEC = 0x80000;
    private const int O_PATH = 0x200000;
    private const int AT_FDCWD = -100;
    private const long UTIME_OMIT = (1L << 30) - 2;
    private const int AT_EMPTY_PATH = 0x1000;
    private const uint STATX_TYPE = 0x1;
    private const uint STATX_MODE = 0x2;
    private const uint STATX_MTIME = 0x40;
    private const uint STATX_SIZE = 0x200;

    // struct statx has one layout on every architecture.
    private const int StatxSize = 256;
    private const int StatxModeOffset = 28;
    private const int StatxSizeOffset = 40;
    private const int StatxMtimeOffset = 112;
    private const int S_IFMT = 0xF000;
    private const int S_IFDIR = 0x4000;
    private const int S_IFREG = 0x8000;

    // arm, arm64 and powerpc number these two flags differently from the generic (x86, riscv, s390) layout.
    private static readonly bool ArmLayout = RuntimeInformation.ProcessArchitecture
        is Architecture.Arm or Architecture.Arm64 or Architecture.Armv6 or Architecture.Ppc64le;

    private static readonly int O_DIRECTORY = ArmLayout ? 0x4000 : 0x10000;
    private static readonly int O_NOFOLLOW = ArmLayout ? 0x8000 : 0x20000;

    /// <summary>True where handles can be opened and located: Linux with <c>/proc</c> mounted.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd");

    /// <summary>Opens a path (following links) as a handle that pins the entry without reading it.</summary>
    public static SafeFileHandle OpenPath(string path, bool directory) =>
        Check(open(path, O_PATH | O_CLOEXEC | (directory ? O_DIRECTORY : 0), 0));

    /// <summary>
    /// As <see cref="OpenPath"/>, but a missing entry (ENOENT, or ENOTDIR for a file on the way) gives null: a lookup
    /// that misses is ordinary (every STOR of a new name, every RNTO) and must not cost two exceptions.
    /// </summary>
    public static SafeFileHandle? TryOpenPath(string path, bool directory)
    {
        int fd = open(path, O_PATH | O_CLOEXEC | (directory ? O_DIRECTORY : 0), 0);
        if (fd >= 0)
        {
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        int errno = Marshal.GetLastPInvokeError();
        return errno is ENOENT or ENOTDIR ? null : throw Error(errno);
    }

    /// <summary>
    /// Opens one name inside a pinned directory for writing, creating it with mode 0666 (less the umask)
    /// when missing; a link in that name fails with <see cref="ELOOP"/> instead of being followed.
    /// Nothing is truncated. Non-blocking, so a FIFO without a reader fails with <see cref="ENXIO"/>
    /// instead of holding the thread (regular files ignore the flag); check the result with
    /// <see cref="IsRegularFile"/>.
    /// </summary>
    public static SafeFileHandle OpenForWriteNoFollow(SafeFileHandle directory, string name, bool createNew) =>
        Check(openat(Descriptor(directory), name, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | (createNew ? O_EXCL : 0), 0x1B6));

    /// <summary>Opens an existing file for writing, following links, non-blocking; nothing is created or truncated.</summary>
    public static SafeFileHandle OpenExistingForWrite(string path) => Check(open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK, 0));

    /// <summary>
    /// True when the handle's inode is a regular file. Opening a FIFO for reading, or for writing without
    /// O_NONBLOCK, waits for the other end forever, so anything else is refused before it is opened.
    /// </summary>
    public static bool IsRegularFile(SafeFileHandle handle) => StatusOf(handle).IsRegularFile;

    /// <summary>Type, size, modification time and mode of exactly the handle's inode; no name is looked up again.</summary>
    public static HandleStatus StatusOf(SafeFileHandle handle)
    {
        byte[] buffer = new byte[StatxSize];
        if (statx(Descriptor(handle), string.Empty, AT_EMPTY_PATH, STATX_TYPE | STATX_MODE | STATX_MTIME | STATX_SIZE, buffer) != 0)
        {
            throw Error(Marshal.GetLastPInvokeError());
        }

        int mode = BitConverter.ToUInt16(buffer, StatxModeOffset);
        long ticks = (BitConverter.ToInt64(buffer, StatxMtimeOffset) * TimeSpan.TicksPerSecond) + (BitConverter.ToUInt32(buffer, StatxMtimeOffset + 8) / 100);
        return new HandleStatus(
            IsDirectory: (mode & S_IFMT) == S_IFDIR,
            IsRegularFile: (mode & S_IFMT) == S_IFREG,
            Length: (long)BitConverter.ToUInt64(buffer, StatxSizeOffset),
            LastWriteTimeUtc: DateTime.UnixEpoch.AddTicks(ticks),
            Mode: (UnixFileMode)(mode & 0xFFF));
    }

    /// <summary>The name through which the kernel reaches a handle's file again (<c>/proc/self/fd/N</c>).</summary>
    public static string ProcPath(SafeFileHandle handle) => "/proc/self/fd/" + Descriptor(handle).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Where the opened entry is now, from the kernel's own record; null when it cannot be told. An entry
    /// removed since it was opened reads as its old place plus " (deleted)"; that text is kept, so a deleted
    /// entry inside the home stays inside and nothing outside can be made to look like the home itself.
    /// </summary>
    public static string? LocationOf(SafeFileHandle handle)
    {
        string? target;
        try
        {
            target = new FileInfo(ProcPath(handle)).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (target is null || !target.StartsWith('/'))
        {
            return null; // sockets, pipes and anonymous inodes read as "type:[inode]"
        }

        return target;
    }

    /// <summary>Sets the modification time of exactly the pinned entry (the access time is left alone).</summary>
    public static void SetLastWriteTime(SafeFileHandle handle, DateTime lastWriteTimeUtc)
    {
        long ticks = lastWriteTimeUtc.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks;
        Timespec[] times =
        [
            new Timespec { Seconds = 0, Nanoseconds = UTIME_OMIT },
            new Timespec { Seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rest), Nanoseconds = rest * 100 },
        ];
        if (times[1].Nanoseconds < 0)
        {
            times[1].Seconds--;
            times[1].Nanoseconds += 1_000_000_000;
        }

        // The /proc name of an O_PATH handle leads the kernel to the pinned inode itself.
        if (utimensat(AT_FDCWD, ProcPath(handle), times, 0) != 0)
        {
            throw Error(Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>An IOException carrying the errno in its HResult, as .NET's own file APIs report it.</summary>
    public static IOException Error(int errno) => new($"File operation failed (errno {errno}).", errno);

    private static int Descriptor(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    private static SafeFileHandle Check(int fd) =>
        fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw Error(Marshal.GetLastPInvokeError());

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable CA5392, SYSLIB1054 // libc is a system library; DllImport keeps this project free of unsafe code.
    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int openat(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int utimensat(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, [In] Timespec[] times, int flags);
    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore CA5392, SYSLIB1054
}
