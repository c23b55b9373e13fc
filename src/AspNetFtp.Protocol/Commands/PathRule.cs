namespace AspNetFtp.Protocol.Commands;

/// <summary>What the command table does with a verb's path argument before the handler runs (550 in one place).</summary>
internal enum PathRule
{
    /// <summary>The verb takes no path (or parses its own, like SITE CHMOD and two-argument MDTM).</summary>
    None,

    /// <summary>Resolved through <c>FtpPath</c> (550 when refused); nothing is looked up.</summary>
    Resolve,

    /// <summary>Resolved and looked up; 550 when nothing is there.</summary>
    Existing,

    /// <summary>Resolved and looked up; 550 unless it is a regular file.</summary>
    ExistingFile,

    /// <summary>Resolved and looked up; 550 unless it is a directory.</summary>
    ExistingDirectory,

    /// <summary>Resolved and looked up, may be missing; 550 when it is a directory (an upload's target).</summary>
    WritableFile,
}
