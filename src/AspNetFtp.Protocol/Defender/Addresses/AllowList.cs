using System.Net;

namespace AspNetFtp.Protocol.Defender.Addresses;

/// <summary><c>Defender:AllowList</c>: addresses and ranges the defender never scores, bans or refuses.</summary>
internal sealed class AllowList
{
    private readonly AddressRange[] _ranges;

    public AllowList(IEnumerable<string>? entries)
    {
        var ranges = new List<AddressRange>();
        foreach (string entry in entries ?? [])
        {
            // The validator refused unreadable entries at start; one set in code after it is skipped.
            if (AddressRange.TryParse(entry, out AddressRange range))
            {
                ranges.Add(range);
            }
        }

        _ranges = [.. ranges];
    }

    public bool Contains(IPAddress address)
    {
        foreach (AddressRange range in _ranges)
        {
            if (range.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
