namespace AspNetFtp.Protocol.Server;

/// <summary><c>FtpServer:DataChannel</c>: where passive data connections listen and are announced, and where active ones may go.</summary>
public sealed class FtpDataChannelOptions
{
    /// <summary>Passive port ranges such as <c>30000-30100</c> or <c>12345,30000-50000</c>; empty for any free port.</summary>
    public string? PassivePorts { get; set; }

    /// <summary>Address announced in PASV replies to clients outside <see cref="PassiveAddressRules"/>.</summary>
    public string? MasqueradeAddress { get; set; }

    /// <summary>Per client network passive address: first matching rule wins; an empty address means the control connection's own.</summary>
    public List<PassiveAddressRule> PassiveAddressRules { get; set; } = [];

    /// <summary>Allow PORT/EPRT to an address other than the client's own (FTP bounce). Off by default.</summary>
    public bool AllowForeignAddress { get; set; }

    /// <summary>Allow PORT/EPRT to ports below 1024. Off by default.</summary>
    public bool AllowPrivilegedPorts { get; set; }
}
