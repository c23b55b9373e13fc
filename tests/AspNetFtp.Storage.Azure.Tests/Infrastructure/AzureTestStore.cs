using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Storage.Azure.Profiles;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace AspNetFtp.Storage.Azure.Tests.Infrastructure;

/// <summary>
/// The Azure Blob emulator the tests run against (azurite, started by scripts/test.sh), and a container of this test
/// class's own, removed afterwards. A missing emulator fails the test with what to do, never skips it.
/// </summary>
public sealed class AzureTestStore : IAsyncLifetime
{
    public const string Variable = "ASPNETFTP_TEST_AZURE_CONNECTION_STRING";

    public AzureTestStore()
    {
        ContainerName = "t" + Guid.NewGuid().ToString("N");
    }

    public string ContainerName { get; }

    public static string ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{Variable} is not set: run the tests through scripts/test.sh, which starts azurite and exports it (or source /tmp/emulators-env.sh).");

    public BlobContainerClient Container => new BlobServiceClient(ConnectionString, EmulatorClientOptions()).GetBlobContainerClient(ContainerName);

    /// <summary>Client options for the tests' own look at the emulator: no CRC64 (azurite cannot), a few quick retries.</summary>
    public static BlobClientOptions EmulatorClientOptions() => new()
    {
        TrimBlobNameSlashes = false,
        Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(100) },
        TransferValidation = { Upload = { ChecksumAlgorithm = global::Azure.Storage.StorageChecksumAlgorithm.None }, Download = { ChecksumAlgorithm = global::Azure.Storage.StorageChecksumAlgorithm.None } },
    };

    /// <summary>The settings of a profile on this class's container, with <paramref name="extra"/> added or replacing.</summary>
    public Dictionary<string, string?> Settings(string prefix, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kind"] = "AzureBlob",
            ["ConnectionString"] = ConnectionString,
            ["Container"] = ContainerName,
            ["Prefix"] = prefix,
            ["MaxRetries"] = "1",
            ["BlockSize"] = "1M",
        };
        foreach ((string key, string? value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>An <c>AzureBlob</c> profile called <c>test</c> with <see cref="Settings"/>.</summary>
    public IFtpStorageProfile Profile(string prefix, params (string Key, string? Value)[] extra) =>
        new AzureBlobStorageKind(NullLoggerFactory.Instance).CreateProfile("test", Section(Settings(prefix, extra)));

    /// <summary>The file system of <paramref name="user"/> on a profile with <see cref="Settings"/>.</summary>
    public IFtpFileSystem FileSystem(string prefix, string user = "alice", params (string Key, string? Value)[] extra) =>
        Profile(prefix, extra).Create(new FtpUser(user, "/unused", FtpPermissions.All) { StorageProfile = "test" });

    public static IConfigurationSection Section(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(pair => new KeyValuePair<string, string?>("p:test:" + pair.Key, pair.Value)))
            .Build()
            .GetSection("p:test");

    public async Task InitializeAsync() => await Container.CreateIfNotExistsAsync();

    public async Task DisposeAsync() => await Container.DeleteIfExistsAsync();
}
