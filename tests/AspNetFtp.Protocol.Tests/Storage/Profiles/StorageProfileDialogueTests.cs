using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Storage.Profiles;
using AspNetFtp.Protocol.Tests.Infrastructure;
using static AspNetFtp.Protocol.Tests.Storage.Profiles.StorageProfileConfiguration;

namespace AspNetFtp.Protocol.Tests.Storage.Profiles;

/// <summary>A user's storage profile over FTP, and the start refused for a profile that cannot work.</summary>
public sealed class StorageProfileDialogueTests
{
    [Fact]
    public async Task A_user_on_a_profile_stores_files_there_and_a_user_without_one_in_its_home()
    {
        using var archive = new TempDirectory();
        FtpStorageProfiles profiles = Read(("archive:Kind", "Local"), ("archive:Root", archive.Path + "/{username}"));
        await using TestFtpServer server = await TestFtpServer.StartAsync(storageProfiles: profiles);
        server.Authenticator.AddUser(new FtpUser("bob", server.Home["bob-home"], FtpPermissions.All) { StorageProfile = "archive" }, "pw");
        await using RawFtpClient alice = await server.LoginAsync();
        await using RawFtpClient bob = await server.ConnectAsync();
        Assert.Equal(331, (await bob.CommandAsync("USER bob")).Code);
        Assert.Equal(230, (await bob.CommandAsync("PASS pw")).Code);

        await bob.UploadAsync("STOR b.txt", "from bob"u8.ToArray());
        await alice.UploadAsync("STOR a.txt", "from alice"u8.ToArray());

        Assert.Equal("from bob", File.ReadAllText(Path.Combine(archive.Path, "bob", "b.txt")));
        Assert.False(File.Exists(server.Home["bob-home/b.txt"]));
        Assert.Equal("from alice", File.ReadAllText(server.Home["a.txt"]));
    }

    [Fact]
    public async Task A_user_naming_a_profile_that_is_not_configured_cannot_log_in()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(storageProfiles: Read(("archive:Kind", "Local"), ("archive:Root", "/tmp")));
        server.Authenticator.AddUser(new FtpUser("bob", server.Home["bob"], FtpPermissions.All) { StorageProfile = "gone" }, "pw");
        await using RawFtpClient bob = await server.ConnectAsync();
        Assert.Equal(331, (await bob.CommandAsync("USER bob")).Code);

        Assert.Equal("530 Login incorrect: home directory unavailable.", (await bob.CommandAsync("PASS pw")).Text);
    }

    [Fact]
    public async Task A_profile_whose_directory_is_missing_fails_the_start_naming_the_profile()
    {
        using var parent = new TempDirectory();
        FtpStorageProfiles profiles = Read(("archive:Kind", "Local"), ("archive:Root", parent["missing"]));

        var error = await Assert.ThrowsAsync<FtpStartupException>(() =>
            TestFtpServer.StartAsync(storageProfiles: profiles, readinessChecks: [new StorageProfilesCheck(profiles)]));

        Assert.Equal($"Storage profile 'archive': the directory {parent["missing"]} does not exist (FtpServer:Storage:Profiles:archive:Root).", error.Message);
    }

    [Fact]
    public async Task An_optional_profile_that_cannot_reach_its_store_lets_the_server_start()
    {
        using var parent = new TempDirectory();
        FtpStorageProfiles profiles = Read(("archive:Kind", "Local"), ("archive:Root", parent["missing"]), ("archive:Optional", "true"));
        var check = new StorageProfilesCheck(profiles);

        await using TestFtpServer server = await TestFtpServer.StartAsync(storageProfiles: profiles, readinessChecks: [check]);

        FtpReadiness readiness = await check.CheckAsync(CancellationToken.None);
        Assert.Equal(FtpReadinessStatus.Unavailable, readiness.Status);
        Assert.True(server.Server.IsAccepting);
    }

    [Fact]
    public async Task A_profile_with_a_wrong_setting_fails_the_start_with_its_problem()
    {
        FtpStorageProfiles profiles = Read(("cold:Kind", "S4"));

        var error = await Assert.ThrowsAsync<FtpStartupException>(() =>
            TestFtpServer.StartAsync(storageProfiles: profiles, readinessChecks: [new StorageProfilesCheck(profiles)]));

        Assert.StartsWith("Storage profile 'cold': FtpServer:Storage:Profiles:cold:Kind 'S4'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_storage_refusal_with_a_reason_of_its_own_replies_that_reason()
    {
        await using TestFtpServer server = await TestFtpServer.StartAsync(fileSystems: new FaultyFileSystemFactory(_ =>
            new FtpFileSystemException(FtpFileSystemError.AccessDenied, "directory rename of /d") { ClientReason = "Renaming a directory is not supported on this storage." }));
        await using RawFtpClient client = await server.LoginAsync();

        Assert.Equal("550 Renaming a directory is not supported on this storage.", (await client.CommandAsync("MKD d")).Text);
    }
}
