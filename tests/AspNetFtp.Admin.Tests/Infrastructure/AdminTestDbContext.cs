using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>An application's Identity context with the FTP tables, as the README has an app make it.</summary>
public sealed class AdminTestDbContext(DbContextOptions<AdminTestDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.AddFtpAccounts<IdentityUser>();
    }
}
