namespace AspNetFtp.Identity.Commands;

/// <summary>Exit codes of the account verbs (the same as the standalone host's).</summary>
internal static class FtpCommandExitCodes
{
    public const int Success = 0;

    /// <summary>A refused operation, a bad argument or an unavailable database.</summary>
    public const int Failure = 1;
}
