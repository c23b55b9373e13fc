namespace AspNetFtp.Host.ProcessManagement;

/// <summary>
/// The process umask. Every verb starts with 077, so what start-up creates (the data directory, the SQLite
/// database and the -wal/-shm/-journal files SQLite creates beside it, pid file, log) is owner only. The
/// server restores the inherited umask just before its first accept, so files and directories FTP users
/// create keep the modes the administrator's umask gives (SQLite keeps creating its side files with the
/// database's own mode, 0600).
/// </summary>
internal static class FileCreationMask
{
    private const uint OwnerOnly = 0x3F; // 077
    private static uint? _inherited;

    public static void RestrictToOwner()
    {
        if (!OperatingSystem.IsWindows())
        {
            _inherited ??= LibC.umask(OwnerOnly);
        }
    }

    public static void RestoreInherited()
    {
        if (_inherited is uint inherited)
        {
            _ = LibC.umask(inherited);
        }
    }
}
