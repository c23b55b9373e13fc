using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Entities;

/// <summary>Adds the FTP groups, accounts, app passwords, directory rules, bans, the audit log and the node registry to an application's Identity model.</summary>
public static class FtpAccountsModelBuilderExtensions
{
    /// <summary>The longest allowed or denied address list, in characters.</summary>
    public const int AddressListMaxLength = 2000;

    /// <summary>
    /// Call from the application's <c>OnModelCreating</c> after <c>base.OnModelCreating</c>:
    /// <c>builder.AddFtpAccounts&lt;ApplicationUser&gt;()</c> for string-keyed users.
    /// </summary>
    public static ModelBuilder AddFtpAccounts<TUser>(this ModelBuilder builder)
        where TUser : IdentityUser =>
        builder.AddFtpAccounts<TUser, string, FtpUserAccount>();

    /// <summary>
    /// The same for users with another key type:
    /// <c>builder.AddFtpAccounts&lt;ApplicationUser, Guid, FtpUserAccount&lt;Guid&gt;&gt;()</c>.
    /// </summary>
    public static ModelBuilder AddFtpAccounts<TUser, TKey, TAccount>(this ModelBuilder builder)
        where TUser : IdentityUser<TKey>
        where TKey : IEquatable<TKey>
        where TAccount : FtpUserAccount<TKey>
    {
        builder.Entity<FtpUserGroup>(group =>
        {
            group.ToTable("FtpUserGroups");
            group.HasKey(g => g.Id);
            group.Property(g => g.Name).HasMaxLength(FtpUserGroup.MaxNameLength).IsRequired();
            group.HasIndex(g => g.Name).IsUnique();
            group.Property(g => g.Permissions).HasMaxLength(16).IsRequired();
            group.Property(g => g.HomeDirectory).HasMaxLength(Accounts.FtpHomeDirectory.MaxLength);
            group.Property(g => g.AllowedAddresses).HasMaxLength(AddressListMaxLength);
            group.Property(g => g.DeniedAddresses).HasMaxLength(AddressListMaxLength);
            group.Property(g => g.UploadMode).HasConversion<string>().HasMaxLength(16);
            group.Property(g => g.StorageProfile).HasMaxLength(FtpUserGroup.MaxStorageProfileLength);
            group.HasMany(g => g.DirectoryRules).WithOne().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<TAccount>(account =>
        {
            account.ToTable("FtpUserAccounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.UserId).IsRequired();
            if (typeof(TKey) == typeof(string))
            {
                account.Property(a => a.UserId).HasMaxLength(255);
            }

            account.HasIndex(a => a.UserId).IsUnique();
            account.Property(a => a.HomeDirectory).HasMaxLength(Accounts.FtpHomeDirectory.MaxLength);
            account.HasOne<TUser>().WithOne().HasForeignKey<TAccount>(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            // A group with accounts cannot be deleted.
            account.HasOne(a => a.Group).WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Restrict);
            account.HasMany(a => a.AppPasswords).WithOne().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
            account.Property(a => a.AllowedAddresses).HasMaxLength(AddressListMaxLength);
            account.Property(a => a.DeniedAddresses).HasMaxLength(AddressListMaxLength);
            account.Property(a => a.StorageProfile).HasMaxLength(FtpUserGroup.MaxStorageProfileLength);
            account.HasMany(a => a.DirectoryRules).WithOne().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<FtpDirectoryRule>(rule =>
        {
            rule.ToTable("FtpDirectoryRules");
            rule.HasKey(r => r.Id);
            rule.Property(r => r.Path).HasMaxLength(FtpDirectoryRule.MaxPathLength).IsRequired();
            rule.Property(r => r.Permissions).HasMaxLength(16).IsRequired();
            rule.HasIndex(r => new { r.GroupId, r.Path }).IsUnique();
            rule.HasIndex(r => new { r.AccountId, r.Path }).IsUnique();
        });

        builder.Entity<FtpBan>(ban =>
        {
            ban.ToTable("FtpBans");
            ban.HasKey(b => b.Id);
            ban.Property(b => b.Address).HasMaxLength(FtpBan.MaxAddressLength).IsRequired();
            ban.HasIndex(b => b.Address).IsUnique();
            ban.Property(b => b.Reason).HasMaxLength(FtpBan.MaxReasonLength).IsRequired();
            ban.Property(b => b.CreatedBy).HasMaxLength(FtpBan.MaxCreatedByLength);
        });

        builder.Entity<FtpAppPassword>(password =>
        {
            password.ToTable("FtpAppPasswords");
            password.HasKey(p => p.Id);
            password.Property(p => p.Name).HasMaxLength(FtpAppPassword.MaxNameLength).IsRequired();
            password.Property(p => p.PasswordHash).HasMaxLength(512).IsRequired();
            password.HasIndex(p => new { p.AccountId, p.Name }).IsUnique();
        });

        // The audit log and the node registry live beside the accounts, so the same call (and the app's next migration) brings them.
        return builder.AddFtpAuditLog().AddFtpNodes();
    }
}
