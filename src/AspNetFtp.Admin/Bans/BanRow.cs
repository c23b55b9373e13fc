namespace AspNetFtp.Admin.Bans;

/// <summary>One active ban as the Bans page shows it.</summary>
internal sealed record BanRow(string Address, string Reason, string Since, string Until, int Offences, string By);
