using System.Net;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Storage.Profiles;
using AspNetFtp.Storage.S3.DependencyInjection;
using AspNetFtp.Storage.S3.Profiles;
using AspNetFtp.Storage.S3.Tests.Emulator;
using AspNetFtp.Storage.S3.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Storage.S3.Tests.Unit;

public sealed class S3StorageProfileTests
{
    private static FtpUser User(string name) => new(name, "/unused", FtpPermissions.All) { StorageProfile = "files" };

    /// <summary>Settings that need no store (nothing is reached).</summary>
    private static Dictionary<string, string?> Offline(string prefix) => new()
    {
        ["Kind"] = "S3",
        ["Endpoint"] = "http://127.0.0.1:9",
        ["Bucket"] = "b",
        ["Prefix"] = prefix,
        ["AccessKey"] = "a",
        ["SecretKey"] = "s",
    };

    private static S3StorageProfile Profile(Dictionary<string, string?> settings) =>
        (S3StorageProfile)new S3StorageKind().CreateProfile("files", S3Emulator.Section(settings));

    [Fact]
    public async Task The_check_is_ready_when_the_bucket_answers()
    {
        await using S3StorageProfile profile = Profile(S3Emulator.ProfileSettings("ftp/{username}"));
        Assert.Equal(FtpReadiness.Ready, await profile.CheckAsync(default));
    }

    [Fact]
    public async Task The_check_names_a_bucket_that_does_not_exist_and_where()
    {
        Dictionary<string, string?> settings = S3Emulator.ProfileSettings("");
        settings["Bucket"] = "no-such-bucket-" + Guid.NewGuid().ToString("N")[..8];
        await using S3StorageProfile profile = Profile(settings);

        FtpReadiness readiness = await profile.CheckAsync(default);

        Assert.Equal(FtpReadinessStatus.Broken, readiness.Status);
        Assert.StartsWith($"Storage profile 'files': bucket '{settings["Bucket"]}' does not exist at {new Uri(S3Emulator.Endpoint)}", readiness.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_says_the_store_refused_the_credentials_without_showing_them()
    {
        var s3 = new StrictFakeS3 { Fail = _ => StrictFakeS3.Error("InvalidAccessKeyId", HttpStatusCode.Forbidden) };
        var options = new S3ProfileOptions { ProfileName = "files", Bucket = s3.Bucket, AccessKey = "AKIDEXAMPLE", SecretKey = "very-secret" };
        await using var profile = new S3StorageProfile(options, s3, NullLogger.Instance);

        FtpReadiness readiness = await profile.CheckAsync(default);

        Assert.Equal(FtpReadinessStatus.Broken, readiness.Status);
        Assert.Contains("refused the credentials", readiness.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", readiness.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIDEXAMPLE", readiness.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_says_it_cannot_reach_an_endpoint_where_nothing_listens()
    {
        Dictionary<string, string?> settings = Offline("");
        settings["Endpoint"] = $"http://127.0.0.1:{UnusedPort.Take()}";
        settings["MaxRetries"] = "0";
        await using S3StorageProfile profile = Profile(settings);

        FtpReadiness readiness = await profile.CheckAsync(default);

        Assert.Equal(FtpReadinessStatus.Broken, readiness.Status);
        Assert.StartsWith($"Storage profile 'files': cannot reach {new Uri(settings["Endpoint"]!)}", readiness.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    public async Task A_user_name_that_could_leave_a_per_user_prefix_gets_no_file_system(string userName)
    {
        await using S3StorageProfile profile = Profile(Offline("ftp/{username}"));
        var error = Assert.Throws<FtpFileSystemException>(() => profile.Create(User(userName)));
        Assert.Equal(FtpFileSystemError.AccessDenied, error.Error);
    }

    [Fact]
    public async Task Each_user_gets_the_profile_prefix_with_their_name_put_in()
    {
        await using S3StorageProfile profile = Profile(Offline("/ftp/{username}/"));
        Assert.Equal("ftp/alice/", ((S3FileSystem)profile.Create(User("alice"))).Prefix);
        Assert.Equal(S3FileSystem.SupportedCapabilities, profile.Capabilities);
    }

    [Theory]
    [InlineData("ftp/{username}/", "ftp/")]
    [InlineData("{username}/", "")]
    [InlineData("ftp/home-{username}/", "ftp/")]
    [InlineData("ftp/all/", "ftp/all/")]
    public void The_check_lists_the_part_of_the_prefix_before_the_user_name(string prefix, string fixedPart)
    {
        Assert.Equal(fixedPart, S3StorageProfile.FixedPrefix(prefix));
    }

    [Fact]
    public async Task AddS3Storage_lets_a_profile_say_Kind_S3()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FtpServer:Storage:Profiles:files:Kind"] = "S3",
            ["FtpServer:Storage:Profiles:files:Bucket"] = "b",
            ["FtpServer:Storage:Profiles:files:Endpoint"] = "http://127.0.0.1:9",
            ["FtpServer:Storage:Profiles:files:AccessKey"] = "a",
            ["FtpServer:Storage:Profiles:files:SecretKey"] = "s",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFtpServer(configuration).AddS3Storage().AddS3Storage();
        await using ServiceProvider provider = services.BuildServiceProvider();

        FtpStorageProfiles profiles = provider.GetRequiredService<FtpStorageProfiles>();

        Assert.Empty(profiles.Problems);
        Assert.IsType<S3StorageProfile>(profiles.Find("files"));
        Assert.Single(provider.GetServices<IFtpStorageKind>(), k => k.Name == "S3");
    }
}
