using System.Runtime.InteropServices;

namespace AspNetFtp.Host.ProcessManagement;

/// <summary>A local Unix account looked up by name (getpwnam).</summary>
internal sealed record UnixAccount(string Name, uint UserId, uint GroupId)
{
    public static UnixAccount? Find(string name)
    {
        IntPtr entry = LibC.getpwnam(name);
        if (entry == IntPtr.Zero)
        {
            return null;
        }

        LibC.Passwd passwd = Marshal.PtrToStructure<LibC.Passwd>(entry);
        return new UnixAccount(name, passwd.pw_uid, passwd.pw_gid);
    }
}
