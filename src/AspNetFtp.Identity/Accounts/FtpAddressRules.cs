using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AspNetFtp.Identity.Accounts;

/// <summary>
/// A list of IP addresses and CIDR networks as stored in <c>AllowedAddresses</c>/<c>DeniedAddresses</c> of a group or
/// an account: entries separated by commas or white space, IPv4 (<c>192.0.2.7</c>, <c>10.0.0.0/8</c>) and IPv6
/// (<c>2001:db8::/32</c>). An IPv4-mapped IPv6 entry (<c>::ffff:10.0.0.1</c>) means the IPv4 address, and a client
/// connected over IPv6 with a mapped IPv4 address is matched as that IPv4 address. Only the strict forms are
/// accepted (four decimal parts, no zone, no host bits beyond the prefix), so what an administrator reads is what
/// is checked.
/// </summary>
public sealed class FtpAddressRules
{
    /// <summary>The longest text accepted (the column's size).</summary>
    public const int MaxLength = 2000;

    private static readonly char[] Separators = [',', ' ', '\t', '\r', '\n', ';'];

    private readonly IPNetwork[] _networks;

    private FtpAddressRules(IPNetwork[] networks) => _networks = networks;

    /// <summary>No entries: an allowed list that is empty allows everyone, a denied list that is empty denies no one.</summary>
    public static FtpAddressRules Empty { get; } = new([]);

    /// <summary>True when the list has no entries.</summary>
    public bool IsEmpty => _networks.Length == 0;

    /// <summary>The canonical text (<c>10.0.0.0/8, 192.0.2.7</c>), null when empty: what is stored.</summary>
    public string? CanonicalText => IsEmpty
        ? null
        : string.Join(", ", _networks.Select(n => n.PrefixLength == (n.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            ? n.BaseAddress.ToString()
            : n.ToString()));

    /// <summary>Parses a stored or typed list; fails naming the first entry that is not an address or a CIDR network.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out FtpAddressRules? rules, [NotNullWhen(false)] out string? error)
    {
        rules = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            rules = Empty;
            return true;
        }

        if (text.Length > MaxLength)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"the address list is longer than {MaxLength} characters");
            return false;
        }

        var networks = new List<IPNetwork>();
        foreach (string entry in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParseEntry(entry, out IPNetwork network))
            {
                error = $"'{Printable(entry)}' is not an IP address or a CIDR network (such as 192.0.2.7, 10.0.0.0/8 or 2001:db8::/32)";
                return false;
            }

            if (!networks.Contains(network))
            {
                networks.Add(network);
            }
        }

        rules = new FtpAddressRules([.. networks]);
        return true;
    }

    /// <summary>True when <paramref name="address"/> lies in one of the entries (a mapped IPv4 address as IPv4).</summary>
    public bool Contains(IPAddress address)
    {
        IPAddress plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (IPNetwork network in _networks)
        {
            if (network.Contains(plain))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The login rule: every denied list that contains the address refuses it (denied wins), and every allowed list
    /// that is not empty must contain it.
    /// </summary>
    public static bool Admits(IPAddress address, IEnumerable<(FtpAddressRules Allowed, FtpAddressRules Denied)> levels)
    {
        foreach ((FtpAddressRules allowed, FtpAddressRules denied) in levels)
        {
            if (denied.Contains(address) || (!allowed.IsEmpty && !allowed.Contains(address)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseEntry(string entry, out IPNetwork network)
    {
        network = default;
        int slash = entry.IndexOf('/', StringComparison.Ordinal);
        string addressText = slash < 0 ? entry : entry[..slash];
        if (!TryParseAddress(addressText, out IPAddress? address))
        {
            return false;
        }

        int bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        int prefix = bits;
        if (slash >= 0)
        {
            string prefixText = entry[(slash + 1)..];
            if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit)
                || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits)
            {
                return false;
            }
        }

        if (address.IsIPv4MappedToIPv6)
        {
            if (prefix < 96)
            {
                return false;
            }

            address = address.MapToIPv4();
            prefix -= 96;
        }

        // Bits set beyond the prefix: 10.0.0.1/8 is a typo for 10.0.0.0/8 or for 10.0.0.1, and either reading would surprise.
        byte[] bytes = address.GetAddressBytes();
        for (int bit = prefix; bit < bytes.Length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return false;
            }
        }

        network = new IPNetwork(address, prefix);
        return true;
    }

    private static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            // IPv6; a zone (fe80::1%eth0) names an interface of this host and means nothing for a remote client.
            return !text.Contains('%', StringComparison.Ordinal)
                && IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        // IPv4 in its dotted-quad form only: IPAddress.TryParse also takes "10.1" and "0x0a000001".
        string[] parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || int.Parse(p, CultureInfo.InvariantCulture) > 255))
        {
            return false;
        }

        return IPAddress.TryParse(text, out address);
    }

    private static string Printable(string entry) =>
        new([.. entry.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);
}
