using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Storage.Azure.Profiles;
using AspNetFtp.Storage.Azure.Tests.Infrastructure;
using AspNetFtp.Storage.Azure.Tests.Server;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AspNetFtp.Storage.Azure.Tests.Profiles;

/// <summary>
/// Which credential a profile's client carries, checked without reaching anything (nothing here can issue an Entra ID
/// token; see the README's "What the tests exercise"): <c>Endpoint</c> alone means the default Azure credential on that
/// endpoint and container, a connection string means its shared key, and neither stops the start naming the profile.
/// </summary>
public sealed class AzureBlobCredentialTests
{
    private const string Endpoint = "https://account.blob.core.windows.net/";

    private static AzureBlobStorageProfile Create(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Kind"] = "AzureBlob", ["Container"] = "files" };
        foreach ((string key, string value) in settings)
        {
            all[key] = value;
        }

        return Assert.IsType<AzureBlobStorageProfile>(
            new AzureBlobStorageKind(NullLoggerFactory.Instance).CreateProfile("test", AzureTestStore.Section(all)));
    }

    [Fact]
    public void An_endpoint_alone_makes_a_client_with_the_default_Azure_credential_on_that_endpoint_and_container()
    {
        AzureBlobStorageProfile profile = Create(("Endpoint", Endpoint));

        Assert.IsType<DefaultAzureCredential>(profile.Credential);
        BlobContainerClient container = profile.Container;
        Assert.Equal(new Uri(Endpoint + "files"), container.Uri);
        Assert.Equal("account", container.AccountName);
        Assert.Equal("files", container.Name);
        // Only a shared key signs SAS URIs: this client has none, so copy sources take a user delegation key.
        Assert.False(container.CanGenerateSasUri);
    }

    [Fact]
    public void A_connection_string_makes_a_client_with_its_shared_key_and_no_token_credential()
    {
        AzureBlobStorageProfile profile = Create(("ConnectionString", AzureTestStore.ConnectionString));

        Assert.Null(profile.Credential);
        Assert.True(profile.Container.CanGenerateSasUri);
        Assert.Equal("files", profile.Container.Name);
    }

    [Fact]
    public async Task A_profile_with_neither_a_connection_string_nor_an_endpoint_fails_the_start_naming_the_profile()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FtpServer:Host"] = "127.0.0.1",
            ["FtpServer:Port"] = "0",
            ["FtpServer:Storage:Profiles:blobs:Kind"] = "AzureBlob",
            ["FtpServer:Storage:Profiles:blobs:Container"] = "files",
        });
        builder.Services.AddLogging();
        builder.Services.AddSingleton(new UserAccounts(new Dictionary<string, string> { ["alice"] = "blobs" }));
        builder.Services.AddFtpServer(builder.Configuration).AddAzureBlobStorage().AddAuthenticator<UserAccounts>();
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<FtpStartupException>(() => host.StartAsync());

        Assert.Equal(
            "Storage profile 'blobs': set exactly one of FtpServer:Storage:Profiles:blobs:ConnectionString and FtpServer:Storage:Profiles:blobs:Endpoint (the blob service URL, used with the default Azure credential).",
            ex.Message);
    }
}
