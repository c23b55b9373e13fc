using Microsoft.AspNetCore.Identity;

namespace AspNetFtp.Host.Data;

/// <summary>The host application's own Identity user, as any ASP.NET Core app would have.</summary>
public class AppUser : IdentityUser
{
}
