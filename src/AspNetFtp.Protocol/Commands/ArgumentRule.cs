namespace AspNetFtp.Protocol.Commands;

/// <summary>Whether a command takes an argument; checked once before every handler.</summary>
internal enum ArgumentRule
{
    Optional,
    Required,
    None,
}
