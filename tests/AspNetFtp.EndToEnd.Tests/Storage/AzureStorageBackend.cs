using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using AspNetFtp.EndToEnd.Tests.Infrastructure;

namespace AspNetFtp.EndToEnd.Tests.Storage;

/// <summary>The <c>AzureBlob</c> kind on the azurite emulator scripts/test.sh starts; each test in a container of its own.</summary>
public sealed class AzureStorageBackend : StorageBackend
{
    private readonly BlobContainerClient _container = new(
        Emulator("ASPNETFTP_TEST_AZURE_CONNECTION_STRING"), "e2e-" + Guid.NewGuid().ToString("N")[..20]);

    public override string Name => "AzureBlob";

    public override async Task PrepareAsync() => await _container.CreateIfNotExistsAsync();

    internal override void Configure(FtpServerSettings settings, string scratch)
    {
        string key = $"FtpServer__Storage__Profiles__{Profile}__";
        settings.Environment[key + "Kind"] = "AzureBlob";
        settings.Environment[key + "ConnectionString"] = Emulator("ASPNETFTP_TEST_AZURE_CONNECTION_STRING");
        settings.Environment[key + "Container"] = _container.Name;
        settings.Environment[key + "Prefix"] = "{username}/";
        // Small blocks, so that the suite's uploads are staged as several blocks.
        settings.Environment[key + "BlockSize"] = "4M";
    }

    /// <summary>Committed blobs by name; a blob with uncommitted blocks (staged, never committed) also as <c>upload:name</c>.</summary>
    public override async Task<IReadOnlyList<string>> ListEverythingAsync(string user)
    {
        string prefix = user + "/";
        SortedSet<string> entries = new(StringComparer.Ordinal);
        HashSet<string> committed = new(StringComparer.Ordinal);
        await foreach (BlobItem item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }))
        {
            committed.Add(item.Name);
            entries.Add(item.Name[prefix.Length..]);
        }

        await foreach (BlobItem item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, States = BlobStates.Uncommitted }))
        {
            BlockList? blocks = await UncommittedBlocksAsync(item.Name);
            if (blocks is null)
            {
                continue; // gone between the listing and this look: nothing left of it
            }

            if (!committed.Contains(item.Name) || blocks.UncommittedBlocks.Any())
            {
                entries.Add("upload:" + item.Name[prefix.Length..]);
            }
        }

        return [.. entries];
    }

    /// <summary>The blob's block list, or null when the blob no longer exists (the server may abort an upload while a test lists).</summary>
    private async Task<BlockList?> UncommittedBlocksAsync(string name)
    {
        try
        {
            return (await _container.GetBlockBlobClient(name).GetBlockListAsync(BlockListTypes.Uncommitted)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public override async Task<byte[]?> ReadAsync(string user, string path)
    {
        try
        {
            BlobDownloadResult result = (await _container.GetBlobClient($"{user}/{path}").DownloadContentAsync()).Value;
            return result.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public override async Task PutAsync(string user, string path, byte[] content) =>
        await _container.GetBlobClient($"{user}/{path}").UploadAsync(new BinaryData(content), overwrite: true);

    public override async ValueTask DisposeAsync()
    {
        await _container.DeleteIfExistsAsync();
        await base.DisposeAsync();
    }
}
