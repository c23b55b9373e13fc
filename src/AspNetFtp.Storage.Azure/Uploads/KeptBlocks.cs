using AspNetFtp.Storage.Azure.Errors;
using Azure;
using Azure.Storage.Blobs.Models;

namespace AspNetFtp.Storage.Azure.Uploads;

/// <summary>
/// The first blocks of an appended or resumed blob, made without reading its bytes here: the existing committed blocks
/// that lie wholly before the kept length are listed again as they are (when their IDs have this server's length),
/// and the rest of the kept bytes is staged by the service from the blob itself (StageBlockFromUri of a range).
/// </summary>
internal static class KeptBlocks
{
    /// <summary>The most bytes one StageBlockFromUri copies.</summary>
    public const long CopyPieceSize = 256L << 20;

    /// <summary>The IDs, in order, of blocks holding exactly the first <see cref="KeptPrefix.Length"/> bytes of the blob.</summary>
    public static async Task<List<string>> PrepareAsync(BlockUploadTarget target, KeptPrefix kept, BlockIds ids, CancellationToken cancellationToken)
    {
        // The service takes no IfMatch on a block list: a blob changed since it was measured fails the commit's IfMatch.
        BlockList committed = await BlobErrors.Call("block list", async () => (await target.Blob.GetBlockListAsync(
            BlockListTypes.Committed, snapshot: null, conditions: null, cancellationToken)).Value, cancellationToken);
        List<string> blocks = [];
        long covered = 0;
        foreach (BlobBlock block in committed.CommittedBlocks ?? [])
        {
            // Every ID of a blob must have one length: blocks another tool named otherwise are copied instead.
            if (covered + block.SizeLong > kept.Length || block.Name.Length != BlockIds.Length)
            {
                break;
            }

            blocks.Add(block.Name);
            covered += block.SizeLong;
        }

        if (covered < kept.Length)
        {
            Uri source = await BlobErrors.Call("copy source", async () => await target.Sources.ForReadAsync(target.Blob, cancellationToken), cancellationToken);
            while (covered < kept.Length)
            {
                long length = Math.Min(CopyPieceSize, kept.Length - covered);
                string id = ids.Of(blocks.Count);
                var options = new StageBlockFromUriOptions
                {
                    SourceRange = new HttpRange(covered, length),
                    SourceConditions = new RequestConditions { IfMatch = kept.ETag },
                };
                await BlobErrors.Call("stage block from the blob", () => target.Blob.StageBlockFromUriAsync(source, id, options, cancellationToken), cancellationToken);
                blocks.Add(id);
                covered += length;
            }
        }

        return blocks;
    }
}
