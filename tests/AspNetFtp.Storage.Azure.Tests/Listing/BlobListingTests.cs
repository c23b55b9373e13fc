using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Storage.Azure.Listing;
using AspNetFtp.Storage.Azure.Tests.Infrastructure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using static AspNetFtp.Storage.Azure.Tests.Infrastructure.Files;

namespace AspNetFtp.Storage.Azure.Tests.Listing;

/// <summary>Listings of more than one page, streamed page by page, every name once.</summary>
public sealed class BlobListingTests(AzureTestStore store) : IClassFixture<AzureTestStore>
{
    private readonly string _prefix = "ls-" + Guid.NewGuid().ToString("N")[..8] + "/";

    private async Task PutManyAsync(string inside, int files, int directories)
    {
        BlobContainerClient container = store.Container;
        IEnumerable<string> keys = Enumerable.Range(0, files).Select(i => $"{inside}f{i:D5}")
            .Concat(Enumerable.Range(0, directories).Select(i => $"{inside}d{i:D5}/x"));
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, ct) =>
            await container.GetBlobClient(key).UploadAsync(BinaryData.Empty, overwrite: true, ct));
    }

    [Fact]
    public async Task A_directory_of_2500_entries_lists_every_name_exactly_once()
    {
        await PutManyAsync(_prefix + "big/", 2300, 200);

        List<FtpFileInfo> entries = await ListAsync(store.FileSystem(_prefix), "/big");

        Assert.Equal(2500, entries.Count);
        Assert.Equal(2500, entries.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(200, entries.Count(e => e.IsDirectory));
        Assert.Contains(entries, e => e.Name == "f02299" && !e.IsDirectory);
        Assert.Contains(entries, e => e.Name == "d00199" && e.IsDirectory);
    }

    [Fact]
    public async Task The_first_entries_come_after_the_first_page_not_after_the_whole_listing()
    {
        await PutManyAsync(_prefix + "paged/", 25, 0);
        var counter = new ListRequestCounter();
        BlobClientOptions options = AzureTestStore.EmulatorClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        BlobContainerClient container = new BlobServiceClient(AzureTestStore.ConnectionString, options).GetBlobContainerClient(store.ContainerName);

        await using IAsyncEnumerator<FtpFileInfo> entries = BlobListing.ListAsync(container, _prefix + "paged/", CancellationToken.None, pageSize: 10)
            .GetAsyncEnumerator();
        Assert.True(await entries.MoveNextAsync());
        Assert.Equal(1, counter.Requests);

        int count = 1;
        while (await entries.MoveNextAsync())
        {
            count++;
        }

        Assert.Equal(25, count);
        Assert.Equal(3, counter.Requests);
    }

    private sealed class ListRequestCounter : HttpPipelineSynchronousPolicy
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Uri.Query.Contains("comp=list", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _requests);
            }
        }
    }
}
