using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Defender.Addresses;

namespace AspNetFtp.Protocol.Defender.Bans;

/// <summary>A ban held in memory: its range, the ban, and whether the store has it (unsaved bans are written again at each refresh).</summary>
internal sealed class BanEntry(AddressRange range, FtpAddressBan ban, long? savedStamp)
{
    public AddressRange Range { get; } = range;

    public FtpAddressBan Ban { get; } = ban;

    /// <summary>
    /// When the store took the ban, on the defender's own counter (refreshes and writes in order; a clock may stand
    /// still); null while it has not.
    /// </summary>
    public long? SavedStamp { get; set; } = savedStamp;
}
