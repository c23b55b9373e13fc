namespace AspNetFtp.Protocol.Paths;

/// <summary>Why client text is not a valid path.</summary>
public enum FtpPathError
{
    /// <summary>The text is a valid path.</summary>
    None,

    /// <summary>The text holds NUL, CR, LF or a backslash.</summary>
    InvalidCharacter,

    /// <summary>A <c>..</c> would climb above the root.</summary>
    OutsideRoot,

    /// <summary>The path is longer than <see cref="FtpPath.MaxLength"/> or a name longer than <see cref="FtpPath.MaxNameLength"/>.</summary>
    TooLong,

    /// <summary>A name is kept by the server (an atomic upload's temporary file).</summary>
    Reserved,
}
