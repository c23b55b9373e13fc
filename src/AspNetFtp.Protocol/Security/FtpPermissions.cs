namespace AspNetFtp.Protocol.Security;

/// <summary>The pyftpdlib permission letters <c>elradfmwMT</c>.</summary>
[Flags]
public enum FtpPermissions
{
    /// <summary>No permission: the user can log in and do nothing else.</summary>
    None = 0,
    /// <summary>e: change directory (CWD, CDUP).</summary>
    ChangeDirectory = 1 << 0,
    /// <summary>l: list (LIST, NLST, MLSD, MLST, STAT path, SIZE, MDTM).</summary>
    List = 1 << 1,
    /// <summary>r: retrieve (RETR).</summary>
    Read = 1 << 2,
    /// <summary>a: append (APPE).</summary>
    Append = 1 << 3,
    /// <summary>d: delete (DELE, RMD).</summary>
    Delete = 1 << 4,
    /// <summary>f: rename (RNFR, RNTO).</summary>
    Rename = 1 << 5,
    /// <summary>m: make directory (MKD).</summary>
    MakeDirectory = 1 << 6,
    /// <summary>w: store (STOR, STOU).</summary>
    Write = 1 << 7,
    /// <summary>M: change mode (SITE CHMOD).</summary>
    ChangeMode = 1 << 8,
    /// <summary>T: change modification time (MFMT, two-argument MDTM).</summary>
    ChangeTime = 1 << 9,
    /// <summary>Every permission, <c>elradfmwMT</c>.</summary>
    All = (1 << 10) - 1,
}
