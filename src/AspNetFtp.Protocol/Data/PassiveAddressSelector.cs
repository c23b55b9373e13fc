using System.Net;
using AspNetFtp.Protocol.Server;

namespace AspNetFtp.Protocol.Data;

/// <summary>
/// Chooses the address announced in a PASV reply: the first rule whose network holds the client, else the
/// masquerade address, else the control connection's local address.
/// </summary>
public sealed class PassiveAddressSelector
{
    private readonly (IPNetwork Network, IPAddress? Address)[] _rules;
    private readonly IPAddress? _masquerade;

    /// <summary>A selector from parsed settings.</summary>
    /// <param name="masquerade">The address to announce to clients no rule matches; null announces the local address.</param>
    /// <param name="rules">Client networks and the address to announce to each (null: the local address), first match wins.</param>
    public PassiveAddressSelector(IPAddress? masquerade, IEnumerable<(IPNetwork Network, IPAddress? Address)> rules)
    {
        _masquerade = masquerade;
        _rules = [.. rules];
    }

    /// <exception cref="FtpConfigurationException">A rule or the masquerade address does not parse.</exception>
    public static PassiveAddressSelector FromOptions(FtpServerOptions options)
    {
        IPAddress? masquerade = null;
        FtpDataChannelOptions channel = options.DataChannel;
        if (!string.IsNullOrWhiteSpace(channel.MasqueradeAddress))
        {
            masquerade = ParseIPv4(channel.MasqueradeAddress, options.SettingOf("DataChannel:MasqueradeAddress"));
        }

        var rules = new List<(IPNetwork, IPAddress?)>();
        string rulesKey = options.SettingOf("DataChannel:PassiveAddressRules");
        for (int i = 0; i < channel.PassiveAddressRules.Count; i++)
        {
            PassiveAddressRule rule = channel.PassiveAddressRules[i];
            string setting = $"{rulesKey}:{i}";
            if (!IPNetwork.TryParse(rule.Network, out IPNetwork network))
            {
                throw new FtpConfigurationException(setting + ":Network", $"'{rule.Network}' is not a network in CIDR form (such as 192.168.0.0/16)");
            }

            IPAddress? address = string.IsNullOrWhiteSpace(rule.Address) ? null : ParseIPv4(rule.Address, setting + ":Address");
            rules.Add((network, address));
        }

        return new PassiveAddressSelector(masquerade, rules);
    }

    /// <summary>The address to announce to the client at <paramref name="remote"/> on a control connection accepted at <paramref name="local"/>.</summary>
    public IPAddress Choose(IPAddress remote, IPAddress local)
    {
        remote = AddressComparer.Normalize(remote);
        foreach ((IPNetwork network, IPAddress? address) in _rules)
        {
            if (network.Contains(remote))
            {
                return address ?? AddressComparer.Normalize(local);
            }
        }

        return _masquerade ?? AddressComparer.Normalize(local);
    }

    private static IPAddress ParseIPv4(string text, string setting)
    {
        if (!IPAddress.TryParse(text, out IPAddress? address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new FtpConfigurationException(setting, $"'{text}' is not an IPv4 address");
        }

        return address;
    }
}
