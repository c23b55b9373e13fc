using System.ComponentModel.DataAnnotations;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Entities;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Groups;

/// <summary>The group form's fields.</summary>
internal sealed class GroupInput
{
    [Display(Name = "Name")]
    [Required(ErrorMessage = "Enter a name for the group.")]
    [StringLength(FtpUserGroup.MaxNameLength, ErrorMessage = "The name must be at most {1} characters.")]
    public string? Name { get; set; }

    [Display(Name = "Home directory")]
    [StringLength(FtpHomeDirectory.MaxLength, ErrorMessage = "The home directory must be at most {1} characters.")]
    public string? HomeDirectory { get; set; }

    /// <summary>The checked permission letters.</summary>
    public List<string> Permissions { get; set; } = [];

    [Display(Name = "Require app passwords")]
    public bool RequireAppPasswords { get; set; }

    [Display(Name = "TLS required")]
    public bool RequireTls { get; set; }

    /// <summary>The storage profile holding the group's files; empty: the default storage (local disk).</summary>
    [Display(Name = "Storage")]
    public string? StorageProfile { get; set; }
}
