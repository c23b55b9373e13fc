using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Entities;

/// <summary>Adds the FTP groups, accounts and app passwords to an application's Identity model.</summary>
public static class FtpAccountsModelBuilderExtensions
{
    /// <summary>
    /// Call from the application's <c>OnModelCreating</c> after <c>base.OnModelCreating</c>:
    /// <c>builder.AddFtpAccounts&lt;ApplicationUser&gt;()</c>.
    /// </summary>
    public static ModelBuilder AddFtpAccounts<TUser>(this ModelBuilder builder)
        where TUser : IdentityUser
    {
        builder.Entity<FtpUserGroup>(group =>
        {
            group.ToTable("FtpUserGroups");
            group.HasKey(g => g.Id);
            group.Property(g => g.Name).HasMaxLength(FtpUserGroup.MaxNameLength).IsRequired();
            group.HasIndex(g => g.Name).IsUnique();
            group.Property(g => g.Permissions).HasMaxLength(16).IsRequired();
            group.Property(g => g.HomeDirectory).HasMaxLength(1024);
        });

        builder.Entity<FtpUserAccount>(account =>
        {
            account.ToTable("FtpUserAccounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.UserId).HasMaxLength(255).IsRequired();
            account.HasIndex(a => a.UserId).IsUnique();
            account.Property(a => a.HomeDirectory).HasMaxLength(1024);
            account.HasOne<TUser>().WithOne().HasForeignKey<FtpUserAccount>(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            account.HasOne(a => a.Group).WithMany(g => g.Accounts).HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<FtpAppPassword>(password =>
        {
            password.ToTable("FtpAppPasswords");
            password.HasKey(p => p.Id);
            password.Property(p => p.Name).HasMaxLength(FtpAppPassword.MaxNameLength).IsRequired();
            password.Property(p => p.PasswordHash).HasMaxLength(512).IsRequired();
            password.HasIndex(p => new { p.AccountId, p.Name }).IsUnique();
            password.HasOne(p => p.Account).WithMany(a => a.AppPasswords).HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        return builder;
    }
}
