namespace AspNetFtp.Host.Cli;

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    /// <summary>A bad setting or argument stopped the start.</summary>
    public const int BadSetting = 2;
}
