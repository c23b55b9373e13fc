using System.ComponentModel.DataAnnotations;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Limits;

/// <summary>The Limits form: sizes as typed (K, M, G suffixes; empty: no limit for a group, the group's for an account; <c>none</c>: no limit).</summary>
internal sealed class LimitsInput
{
    [Display(Name = "Quota (bytes)")]
    [StringLength(32)]
    public string? QuotaBytes { get; set; }

    [Display(Name = "Quota (files)")]
    [StringLength(32)]
    public string? QuotaFiles { get; set; }

    [Display(Name = "Upload rate (bytes per second, per session)")]
    [StringLength(32)]
    public string? UploadRate { get; set; }

    [Display(Name = "Download rate (bytes per second, per session)")]
    [StringLength(32)]
    public string? DownloadRate { get; set; }

    [Display(Name = "Sessions at once")]
    [StringLength(32)]
    public string? MaxSessions { get; set; }

    [Display(Name = "Upload mode")]
    public string? UploadMode { get; set; }
}
