using AspNetFtp.Protocol.Defender.Addresses;

namespace AspNetFtp.Protocol.Connections.ProxyProtocol;

/// <summary>The <c>FtpServer:ProxyProtocol</c> part of <see cref="Server.FtpServerOptionsValidator"/>.</summary>
internal static class FtpProxyProtocolOptionsValidator
{
    private const string Part = "ProxyProtocol:";

    public static void Validate(FtpProxyProtocolOptions proxy, Action<bool, string, string> check)
    {
        check(proxy.AcceptedVersions() != ProxyProtocolVersions.None, Part + nameof(proxy.Versions),
            $"'{proxy.Versions}' must be 1, 2 or 1,2");
        List<string> trusted = proxy.TrustedProxies ?? [];
        check(!proxy.Enabled || trusted.Count > 0, Part + nameof(proxy.TrustedProxies),
            "must list at least one address or CIDR range when ProxyProtocol:Enabled is true");
        for (int i = 0; i < trusted.Count; i++)
        {
            check(AddressRange.TryParse(trusted[i], out _), $"{Part}{nameof(proxy.TrustedProxies)}:{i}",
                $"'{trusted[i]}' is not an IP address or CIDR range");
        }
    }
}
