using AspNetFtp.Protocol.Defender.Addresses;

namespace AspNetFtp.Protocol.Defender;

/// <summary>The <c>FtpServer:Defender</c> part of <see cref="Server.FtpServerOptionsValidator"/>.</summary>
internal static class FtpDefenderOptionsValidator
{
    private const string Part = "Defender:";

    public static void Validate(FtpDefenderOptions defender, Action<bool, string, string> check)
    {
        TimeSpan most = TimeSpan.FromDays(24);
        check(defender.Threshold >= 1, Part + nameof(defender.Threshold), $"{defender.Threshold} must be at least 1");
        check(defender.ObservationWindow > TimeSpan.Zero && defender.ObservationWindow <= most, Part + nameof(defender.ObservationWindow),
            $"{defender.ObservationWindow} must be more than zero and at most 24 days");
        check(defender.BanTime > TimeSpan.Zero && defender.BanTime <= most, Part + nameof(defender.BanTime),
            $"{defender.BanTime} must be more than zero and at most 24 days");
        check(defender.MaxBanTime >= defender.BanTime && defender.MaxBanTime <= TimeSpan.FromDays(3650), Part + nameof(defender.MaxBanTime),
            $"{defender.MaxBanTime} must be at least Defender:BanTime ({defender.BanTime}) and at most 3650 days");
        Weight(defender.FailedLoginWeight, nameof(defender.FailedLoginWeight));
        Weight(defender.CommandErrorWeight, nameof(defender.CommandErrorWeight));
        Weight(defender.ConnectionWithoutLoginWeight, nameof(defender.ConnectionWithoutLoginWeight));
        Weight(defender.RefusedDataConnectionWeight, nameof(defender.RefusedDataConnectionWeight));
        check(defender.MaxTrackedAddresses is >= 1 and <= 10_000_000, Part + nameof(defender.MaxTrackedAddresses),
            $"{defender.MaxTrackedAddresses} must be between 1 and 10000000");
        check(defender.RefreshInterval >= TimeSpan.FromMilliseconds(10) && defender.RefreshInterval <= TimeSpan.FromHours(1), Part + nameof(defender.RefreshInterval),
            $"{defender.RefreshInterval} must be between 00:00:00.010 and 01:00:00");
        for (int i = 0; i < (defender.AllowList?.Count ?? 0); i++)
        {
            string entry = defender.AllowList![i];
            check(AddressRange.TryParse(entry, out _), $"{Part}{nameof(defender.AllowList)}:{i}", $"'{entry}' is not an IP address or CIDR range");
        }

        void Weight(int value, string setting) =>
            check(value is >= 0 and <= 1_000_000, Part + setting, $"{value} must be between 0 and 1000000 points");
    }
}
