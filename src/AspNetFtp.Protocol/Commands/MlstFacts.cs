namespace AspNetFtp.Protocol.Commands;

/// <summary>The MLST/MLSD facts (RFC 3659 §7) a client selected with OPTS MLST.</summary>
[Flags]
internal enum MlstFacts
{
    None = 0,
    Type = 1,
    Size = 2,
    Modify = 4,
    Perm = 8,
    Unique = 16,
    UnixMode = 32,
    Default = Type | Size | Modify | Perm | Unique,
    All = Default | UnixMode,
}
