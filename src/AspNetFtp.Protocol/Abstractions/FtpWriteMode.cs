namespace AspNetFtp.Protocol.Abstractions;

/// <summary>How STOR, APPE, STOU and REST+STOR open their target.</summary>
public enum FtpWriteMode
{
    /// <summary>STOR: create or truncate.</summary>
    Create,
    /// <summary>STOU: create, failing if the name exists.</summary>
    CreateNew,
    /// <summary>APPE: append at the end.</summary>
    Append,
    /// <summary>REST n + STOR: overwrite from an offset, keeping the bytes before it.</summary>
    Resume,
}
