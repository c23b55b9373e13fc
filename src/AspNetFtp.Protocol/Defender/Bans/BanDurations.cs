namespace AspNetFtp.Protocol.Defender.Bans;

/// <summary>How long an automatic ban lasts: <c>BanTime</c> for the first offence, doubled at each repeat, at most <c>MaxBanTime</c>.</summary>
internal static class BanDurations
{
    public static TimeSpan For(int offences, TimeSpan banTime, TimeSpan maxBanTime)
    {
        int doublings = Math.Clamp(offences - 1, 0, 40);
        double ticks = banTime.Ticks * Math.Pow(2, doublings);
        return ticks >= maxBanTime.Ticks ? maxBanTime : TimeSpan.FromTicks((long)ticks);
    }
}
