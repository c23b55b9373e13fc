using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Tests.Commands;

/// <summary>An embedding app's own Identity context, with the FTP account tables added the documented way.</summary>
public sealed class TestAppDbContext(DbContextOptions<TestAppDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.AddFtpAccounts<IdentityUser>();
    }
}
