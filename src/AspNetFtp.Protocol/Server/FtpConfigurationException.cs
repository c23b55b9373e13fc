namespace AspNetFtp.Protocol.Server;

/// <summary>A setting that stops the server from starting; the message names the setting.</summary>
public sealed class FtpConfigurationException : Exception
{
    public FtpConfigurationException(string setting, string problem)
        : base($"FtpServer:{setting}: {problem}")
    {
        Setting = setting;
    }

    public string Setting { get; }
}
