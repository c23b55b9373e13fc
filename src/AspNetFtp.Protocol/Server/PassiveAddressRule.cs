namespace AspNetFtp.Protocol.Server;

/// <summary>For clients in <see cref="Network"/> (CIDR), announce <see cref="Address"/> in PASV replies.</summary>
public sealed class PassiveAddressRule
{
    /// <summary>A CIDR such as <c>192.168.0.0/16</c>.</summary>
    public string Network { get; set; } = string.Empty;

    /// <summary>The address to announce; empty for the control connection's local address.</summary>
    public string? Address { get; set; }
}
