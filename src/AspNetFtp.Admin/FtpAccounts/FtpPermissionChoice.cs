using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Admin.FtpAccounts;

/// <summary>One permission letter of the group form: the letter, shown as is, and what it allows in words.</summary>
internal sealed record FtpPermissionChoice(string Letter, string Meaning, string Commands)
{
    /// <summary>Every letter the engine knows (<see cref="FtpPermissionLetters.AllLetters"/>), in its canonical order.</summary>
    public static IReadOnlyList<FtpPermissionChoice> All { get; } =
    [
        new("e", "change directory", "CWD, CDUP"),
        new("l", "list files and read their size and time", "LIST, NLST, MLSD, MLST, STAT, SIZE, MDTM"),
        new("r", "download files", "RETR"),
        new("a", "append to existing files", "APPE"),
        new("d", "delete files and directories", "DELE, RMD"),
        new("f", "rename files and directories", "RNFR, RNTO"),
        new("m", "create directories", "MKD"),
        new("w", "upload files", "STOR, STOU"),
        new("M", "change file mode", "SITE CHMOD"),
        new("T", "change a file's modification time", "MFMT, MDTM with a time"),
    ];
}
