namespace AspNetFtp.Protocol.Paths;

/// <summary>Why client text is not a valid path.</summary>
public enum FtpPathError
{
    None,
    InvalidCharacter,
    OutsideRoot,
    TooLong,
}
