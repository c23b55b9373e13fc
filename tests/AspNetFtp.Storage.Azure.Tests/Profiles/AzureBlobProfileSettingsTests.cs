using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Storage.Azure.Profiles;
using AspNetFtp.Storage.Azure.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AspNetFtp.Storage.Azure.Tests.Profiles;

/// <summary>Every key of an AzureBlob profile is read and checked at CreateProfile, reaching nothing.</summary>
public sealed class AzureBlobProfileSettingsTests
{
    // A connection string of the emulator's well-known account; nothing listens on this port.
    private const string Secret = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string ConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Secret + ";BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;";

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Kind"] = "AzureBlob",
        ["ConnectionString"] = ConnectionString,
        ["Container"] = "files",
    };

    private static AzureBlobProfileOptions Read(Dictionary<string, string?> settings) =>
        AzureBlobProfileReader.Read("test", AzureTestStore.Section(settings));

    private static string Refusal(Dictionary<string, string?> settings) =>
        Assert.Throws<FtpStorageProfileException>(() =>
            new AzureBlobStorageKind(NullLoggerFactory.Instance).CreateProfile("test", AzureTestStore.Section(settings))).Message;

    [Fact]
    public void A_profile_with_only_the_required_keys_gets_the_documented_defaults()
    {
        AzureBlobProfileOptions options = Read(Valid());

        Assert.Equal("files", options.Container);
        Assert.Equal("", options.Prefix);
        Assert.Equal(8L << 20, options.BlockSize);
        Assert.Equal(2, options.UploadConcurrency);
        Assert.False(options.AllowDirectoryRename);
        Assert.Equal(4, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(100), options.RequestTimeout);
        Assert.Equal(global::Azure.Storage.StorageChecksumAlgorithm.MD5, options.TransferChecksum);
    }

    [Fact]
    public void Both_a_connection_string_and_an_endpoint_are_refused_naming_both_keys()
    {
        Dictionary<string, string?> settings = Valid();
        settings["Endpoint"] = "https://account.blob.core.windows.net/";

        Assert.Equal(
            "Storage profile 'test': set exactly one of FtpServer:Storage:Profiles:test:ConnectionString and FtpServer:Storage:Profiles:test:Endpoint (the blob service URL, used with the default Azure credential).",
            Refusal(settings));
    }

    [Fact]
    public void Neither_a_connection_string_nor_an_endpoint_is_refused()
    {
        Dictionary<string, string?> settings = Valid();
        settings.Remove("ConnectionString");

        Assert.StartsWith("Storage profile 'test': set exactly one of FtpServer:Storage:Profiles:test:ConnectionString", Refusal(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_alone_makes_a_profile_with_the_default_credential_without_reaching_anything()
    {
        Dictionary<string, string?> settings = Valid();
        settings.Remove("ConnectionString");
        settings["Endpoint"] = "https://account.blob.core.windows.net/";

        IFtpStorageProfile profile = new AzureBlobStorageKind(NullLoggerFactory.Instance).CreateProfile("test", AzureTestStore.Section(settings));

        Assert.Equal(FtpFileSystemCapabilities.Rename | FtpFileSystemCapabilities.Append | FtpFileSystemCapabilities.ResumeUpload, profile.Capabilities);
    }

    [Fact]
    public void An_endpoint_with_a_query_is_refused()
    {
        Dictionary<string, string?> settings = Valid();
        settings.Remove("ConnectionString");
        settings["Endpoint"] = "https://account.blob.core.windows.net/?sv=2020&sig=abc";

        Assert.Equal(
            "Storage profile 'test': FtpServer:Storage:Profiles:test:Endpoint must be the blob service URL (https://<account>.blob.core.windows.net/), without a query.",
            Refusal(settings));
    }

    [Fact]
    public void A_broken_connection_string_is_refused_without_quoting_it()
    {
        Dictionary<string, string?> settings = Valid();
        settings["ConnectionString"] = "AccountKey=" + Secret + ";nonsense";

        string message = Refusal(settings);

        Assert.Equal("Storage profile 'test': FtpServer:Storage:Profiles:test:ConnectionString is not a valid Azure Storage connection string.", message);
        Assert.DoesNotContain(Secret, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ab")]
    [InlineData("x")]
    [InlineData("with_underscore")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    public void A_container_name_the_service_would_refuse_is_refused_at_start(string container)
    {
        Dictionary<string, string?> settings = Valid();
        settings["Container"] = container;

        Assert.StartsWith($"Storage profile 'test': FtpServer:Storage:Profiles:test:Container '{container}' is not a container name", Refusal(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_container_is_refused_naming_the_key()
    {
        Dictionary<string, string?> settings = Valid();
        settings.Remove("Container");

        Assert.Equal("Storage profile 'test': FtpServer:Storage:Profiles:test:Container is required.", Refusal(settings));
    }

    // The prefix is read by the shared rule (ProfileSettings.KeyPrefix, whose every case is in ProfileSettingsTests):
    // one normalized and one refused value show Azure goes through it.
    [Fact]
    public void The_prefix_loses_a_leading_slash_and_ends_with_one_slash()
    {
        Dictionary<string, string?> settings = Valid();
        settings["Prefix"] = "/users/{username}";

        Assert.Equal("users/{username}/", Read(settings).Prefix);
    }

    [Fact]
    public void A_prefix_that_could_climb_is_refused_by_the_shared_key_prefix_rule_naming_the_full_key()
    {
        Dictionary<string, string?> settings = Valid();
        settings["Prefix"] = "users/../other";

        Assert.Equal(
            "Storage profile 'test': FtpServer:Storage:Profiles:test:Prefix is 'users/../other'; "
            + "its segments cannot be empty, '.' or '..', nor hold a backslash or control character.",
            Refusal(settings));
    }

    [Theory]
    [InlineData("BlockSize", "512K", "Storage profile 'test': FtpServer:Storage:Profiles:test:BlockSize is '512K'; use a size from 1048576 to 268435456 bytes (K, M and G allowed).")]
    [InlineData("UploadConcurrency", "17", "Storage profile 'test': FtpServer:Storage:Profiles:test:UploadConcurrency is '17'; use a whole number from 1 to 16.")]
    [InlineData("AllowDirectoryRename", "yes", "Storage profile 'test': FtpServer:Storage:Profiles:test:AllowDirectoryRename is 'yes'; use true or false.")]
    [InlineData("MaxRetries", "-1", "Storage profile 'test': FtpServer:Storage:Profiles:test:MaxRetries is '-1'; use a whole number from 0 to 20.")]
    [InlineData("TransferChecksum", "SHA1", "Storage profile 'test': FtpServer:Storage:Profiles:test:TransferChecksum is 'SHA1'; use MD5, CRC64 or None.")]
    public void A_wrong_tuning_value_is_refused_naming_its_key(string key, string value, string expected)
    {
        Dictionary<string, string?> settings = Valid();
        settings[key] = value;

        Assert.Equal(expected, Refusal(settings));
    }

    [Fact]
    public void AddAzureBlobStorage_registers_the_AzureBlob_kind_once()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        FtpServerBuilder builder = services.AddFtpServer(new ConfigurationBuilder().Build());

        builder.AddAzureBlobStorage().AddAzureBlobStorage();

        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.Single(provider.GetServices<IFtpStorageKind>(), kind => kind.Name == "AzureBlob");
    }
}
