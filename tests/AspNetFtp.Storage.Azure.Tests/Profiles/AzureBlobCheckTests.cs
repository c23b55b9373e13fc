using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Storage.Azure.Tests.Infrastructure;

namespace AspNetFtp.Storage.Azure.Tests.Profiles;

/// <summary>The profile's readiness check reaches the container and names what is wrong, never throwing.</summary>
public sealed class AzureBlobCheckTests(AzureTestStore store) : IClassFixture<AzureTestStore>
{
    private const string WrongKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

    private static string Endpoint => AzureTestStore.ConnectionString.Split(';').Single(part => part.StartsWith("BlobEndpoint=", StringComparison.Ordinal))["BlobEndpoint=".Length..];

    [Fact]
    public async Task A_profile_whose_container_answers_is_ready()
    {
        Assert.Equal(FtpReadiness.Ready, await store.Profile("p/").CheckAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_container_is_broken_naming_the_container_and_the_endpoint()
    {
        FtpReadiness readiness = await store.Profile("p/", ("Container", "no-such-container")).CheckAsync(CancellationToken.None);

        Assert.Equal(FtpReadiness.Broken($"Storage profile 'test': container 'no-such-container' does not exist at {Endpoint.TrimEnd('/')}."), readiness);
    }

    [Fact]
    public async Task A_wrong_account_key_is_broken_saying_the_credentials_were_refused()
    {
        string connectionString = string.Join(';', AzureTestStore.ConnectionString.Split(';')
            .Select(part => part.StartsWith("AccountKey=", StringComparison.Ordinal) ? "AccountKey=" + WrongKey : part));

        FtpReadiness readiness = await store.Profile("p/", ("ConnectionString", connectionString)).CheckAsync(CancellationToken.None);

        Assert.Equal(FtpReadiness.Broken($"Storage profile 'test': {Endpoint.TrimEnd('/')} refused the credentials (FtpServer:Storage:Profiles:test:ConnectionString)."), readiness);
    }

    [Fact]
    public async Task An_endpoint_nobody_listens_on_is_broken_saying_it_cannot_be_reached()
    {
        int port = UnusedPort.Take();
        string connectionString = string.Join(';', AzureTestStore.ConnectionString.Split(';')
            .Select(part => part.StartsWith("BlobEndpoint=", StringComparison.Ordinal) ? $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1" : part));

        FtpReadiness readiness = await store.Profile("p/", ("ConnectionString", connectionString), ("MaxRetries", "0")).CheckAsync(CancellationToken.None);

        Assert.Equal(FtpReadiness.Broken($"Storage profile 'test': cannot reach http://127.0.0.1:{port}/devstoreaccount1."), readiness);
    }
}
