using AspNetFtp.Host.Data;
using AspNetFtp.Host.ProcessManagement;
using AspNetFtp.Host.Startup;
using AspNetFtp.Identity.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Host;

/// <summary>
/// The steps between binding the ports and the first accept, and their order: the privilege drop first (the
/// database is opened only after it), the database steps next, the umask restored last. The real effects are
/// proven end to end (PrivilegeDropAttackTests, SecretFileTests); this pins the order for every configuration.
/// </summary>
public sealed class StartupPipelineTests
{
    private static readonly UnixAccount ServiceUser = new("nobody", 65534, 65534);

    private static Type[] Steps(AccountStoreKind store, UnixAccount? runAs, params (string Key, string Value)[] settings)
    {
        string data = Scratch.NewDirectory("pipeline");
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["FtpServer:DataDirectory"] = data })
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        if (store == AccountStoreKind.Identity)
        {
            services.AddIdentityStore(configuration);
        }

        using ServiceProvider provider = services.BuildServiceProvider();
        return [.. StartupPipeline.For(provider, configuration, store, runAs).Tasks.Select(t => t.GetType())];
    }

    [Fact]
    public void With_a_service_user_the_drop_comes_before_the_database_is_opened_and_the_umask_is_restored_last() =>
        Assert.Equal(
            [typeof(BecomeServiceUser), typeof(MigrateAccountDatabase), typeof(CreateFirstAdministrator), typeof(RestoreInheritedUmask)],
            Steps(AccountStoreKind.Identity, ServiceUser));

    [Fact]
    public void Without_a_service_user_the_embedded_database_files_are_tightened_before_the_database_is_opened() =>
        Assert.Equal(
            [typeof(TightenDatabaseFiles), typeof(MigrateAccountDatabase), typeof(CreateFirstAdministrator), typeof(RestoreInheritedUmask)],
            Steps(AccountStoreKind.Identity, runAs: null));

    [Fact]
    public void A_server_database_is_neither_migrated_nor_given_an_administrator_unless_configured() =>
        Assert.Equal(
            [typeof(TightenDatabaseFiles), typeof(RestoreInheritedUmask)],
            Steps(AccountStoreKind.Identity, runAs: null, ("Database:Provider", "PostgreSql"), ("Database:ConnectionString", "Host=127.0.0.1")));

    [Fact]
    public void A_server_database_configured_to_migrate_and_create_the_administrator_does_both_after_the_drop() =>
        Assert.Equal(
            [typeof(BecomeServiceUser), typeof(MigrateAccountDatabase), typeof(CreateFirstAdministrator), typeof(RestoreInheritedUmask)],
            Steps(AccountStoreKind.Identity, ServiceUser, ("Database:Provider", "PostgreSql"), ("Database:ConnectionString", "Host=127.0.0.1"),
                ("Database:MigrateOnStart", "true"), ("Database:CreateFirstAdministrator", "true")));

    [Fact]
    public void The_configuration_store_only_drops_privileges_and_restores_the_umask() =>
        Assert.Equal([typeof(BecomeServiceUser), typeof(RestoreInheritedUmask)], Steps(AccountStoreKind.Configuration, ServiceUser));
}
