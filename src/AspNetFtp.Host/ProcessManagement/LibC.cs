using System.Runtime.InteropServices;

namespace AspNetFtp.Host.ProcessManagement;

/// <summary>The few libc calls process management needs (Linux).</summary>
internal static partial class LibC
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct Passwd
    {
        public IntPtr pw_name;
        public IntPtr pw_passwd;
        public uint pw_uid;
        public uint pw_gid;
        public IntPtr pw_gecos;
        public IntPtr pw_dir;
        public IntPtr pw_shell;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial IntPtr getpwnam(string name);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial uint geteuid();

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int setuid(uint uid);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int setgid(uint gid);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int initgroups(string user, uint group);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int chown(string path, uint owner, uint group);
}
