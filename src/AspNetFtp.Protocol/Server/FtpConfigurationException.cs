namespace AspNetFtp.Protocol.Server;

/// <summary>A setting that stops the server from starting; the message names the setting.</summary>
public sealed class FtpConfigurationException : Exception
{
    /// <summary>A problem with one setting.</summary>
    /// <param name="setting">The key below <c>FtpServer</c>, such as <c>Tls:CertificateFile</c>.</param>
    /// <param name="problem">What is wrong with its value, for the operator.</param>
    public FtpConfigurationException(string setting, string problem)
        : base($"FtpServer:{setting}: {problem}")
    {
        Setting = setting;
    }

    /// <summary>The key below <c>FtpServer</c> whose value is wrong, such as <c>DataChannel:PassivePorts</c>.</summary>
    public string Setting { get; }
}
