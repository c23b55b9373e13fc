namespace AspNetFtp.Protocol.Session;

/// <summary>What reading one control line produced.</summary>
internal enum LineOutcome
{
    Line,
    TooLong,
    BareLineFeed,
    ContainsNul,
    EndOfStream,
    Interrupted,
}
