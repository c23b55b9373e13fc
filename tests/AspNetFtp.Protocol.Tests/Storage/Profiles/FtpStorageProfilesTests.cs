using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Storage.Profiles;
using AspNetFtp.Protocol.Tests.Infrastructure;
using static AspNetFtp.Protocol.Tests.Storage.Profiles.StorageProfileConfiguration;

namespace AspNetFtp.Protocol.Tests.Storage.Profiles;

/// <summary>Reading <c>FtpServer:Storage:Profiles</c>: every wrong setting is named, every user reaches the storage it names.</summary>
public sealed class FtpStorageProfilesTests
{
    [Fact]
    public void A_profile_without_Kind_is_left_out_and_its_problem_names_the_key()
    {
        FtpStorageProfiles profiles = Read(("archive:Root", "/tmp"));

        Assert.Empty(profiles.Names);
        Assert.Equal("Storage profile 'archive': FtpServer:Storage:Profiles:archive:Kind is required (known: Local).", Assert.Single(profiles.Problems));
    }

    [Fact]
    public void An_unknown_Kind_names_the_profile_the_value_and_the_kinds_this_server_has()
    {
        FtpStorageProfiles profiles = Read(("cold:Kind", "S4"));

        Assert.Equal(
            "Storage profile 'cold': FtpServer:Storage:Profiles:cold:Kind 'S4' is not a storage kind this server has (known: Local).",
            Assert.Single(profiles.Problems));
    }

    [Fact]
    public void A_missing_required_key_of_the_kind_is_named_with_its_full_key()
    {
        FtpStorageProfiles profiles = Read(("archive:Kind", "Local"));

        Assert.Equal("Storage profile 'archive': FtpServer:Storage:Profiles:archive:Root is required.", Assert.Single(profiles.Problems));
    }

    [Fact]
    public void Optional_that_is_not_true_or_false_is_refused_with_its_value()
    {
        FtpStorageProfiles profiles = Read(("archive:Kind", "Local"), ("archive:Root", "/tmp"), ("archive:Optional", "yes"));

        Assert.Equal(
            "Storage profile 'archive': FtpServer:Storage:Profiles:archive:Optional is 'yes'; use true or false.",
            Assert.Single(profiles.Problems));
    }

    [Fact]
    public void A_profile_name_with_characters_outside_the_allowed_set_is_refused()
    {
        FtpStorageProfiles profiles = Read(("cold store:Kind", "Local"), ("cold store:Root", "/tmp"));

        Assert.Empty(profiles.Names);
        Assert.StartsWith("Storage profile 'cold store': the name must be 1 to 64 letters", Assert.Single(profiles.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_names_compare_without_case_as_configuration_keys_do()
    {
        FtpStorageProfiles profiles = Read(("Archive:Kind", "local"), ("Archive:Root", "/tmp"), ("Archive:Optional", "true"));

        Assert.True(profiles.Contains("archive"));
        Assert.True(profiles.IsOptional("ARCHIVE"));
        Assert.Empty(profiles.Problems);
    }

    [Fact]
    public async Task A_user_without_a_profile_gets_the_default_storage_at_its_home()
    {
        using var home = new TempDirectory();
        FtpStorageProfiles profiles = Read(("archive:Kind", "Local"), ("archive:Root", "/nonexistent/{username}"));

        IFtpFileSystem fileSystem = profiles.CreateFileSystem(User("alice", home.Path, null), DefaultStorage);
        await using (IFtpUpload upload = await fileSystem.OpenWriteAsync(FtpPath.Root.Combine("a.txt"), FtpWriteMode.Create, 0, CancellationToken.None))
        {
            await upload.Stream.WriteAsync("x"u8.ToArray());
            await upload.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal("x", File.ReadAllText(home["a.txt"]));
    }

    [Fact]
    public async Task A_user_of_a_Local_profile_writes_under_the_profile_root_with_its_name_and_not_in_its_home()
    {
        using var home = new TempDirectory();
        using var archive = new TempDirectory();
        FtpStorageProfiles profiles = Read(("archive:Kind", "Local"), ("archive:Root", archive.Path + "/{username}"));

        IFtpFileSystem fileSystem = profiles.CreateFileSystem(User("alice", home.Path, "archive"), DefaultStorage);
        await using (IFtpUpload upload = await fileSystem.OpenWriteAsync(FtpPath.Root.Combine("a.txt"), FtpWriteMode.Create, 0, CancellationToken.None))
        {
            await upload.Stream.WriteAsync("x"u8.ToArray());
            await upload.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal("x", File.ReadAllText(Path.Combine(archive.Path, "alice", "a.txt")));
        Assert.False(File.Exists(home["a.txt"]));
    }

    [Fact]
    public void A_user_naming_a_profile_that_is_not_configured_gets_an_unavailable_storage()
    {
        FtpStorageProfiles profiles = Read(("archive:Kind", "Local"), ("archive:Root", "/tmp"));

        var error = Assert.Throws<FtpFileSystemException>(() => profiles.CreateFileSystem(User("alice", "/tmp", "gone"), DefaultStorage));

        Assert.Equal(FtpFileSystemError.Unavailable, error.Error);
    }

    [Fact]
    public void A_user_name_that_could_climb_out_of_a_per_user_root_cannot_have_a_file_system_there()
    {
        using var archive = new TempDirectory();
        FtpStorageProfiles profiles = Read(("archive:Kind", "Local"), ("archive:Root", archive.Path + "/{username}"));

        var error = Assert.Throws<FtpFileSystemException>(() => profiles.CreateFileSystem(User("..", "/tmp", "archive"), DefaultStorage));

        Assert.Equal(FtpFileSystemError.AccessDenied, error.Error);
    }
}
