using System.ComponentModel.DataAnnotations;

namespace AspNetFtp.Admin.Bans;

/// <summary>The Bans page's form: an address or CIDR range, for some minutes or until lifted, and why.</summary>
internal sealed class BanInput
{
    /// <summary>The longest ban by the minute (about ten years); longer is "until lifted".</summary>
    public const int MaxMinutes = 5_256_000;

    [Display(Name = "Address or CIDR range")]
    public string? Address { get; set; }

    [Display(Name = "Minutes")]
    public int? Minutes { get; set; } = 60;

    [Display(Name = "Until lifted")]
    public bool Permanent { get; set; }

    [Display(Name = "Reason")]
    [StringLength(200)]
    public string? Reason { get; set; }
}
