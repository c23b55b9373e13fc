using System.Security.Cryptography;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Storage.Azure.Errors;
using Azure;
using Azure.Storage.Blobs.Models;

namespace AspNetFtp.Storage.Azure.Uploads;

/// <summary>
/// One STOR, APPE, STOU or REST+STOR on a block blob. The client's bytes fill a block buffer from the profile's pool; a full block is
/// staged while the next fills, at most <c>UploadConcurrency</c> at once (a writer waits when all are in flight), so an
/// upload of any size holds at most <c>UploadConcurrency + 1</c> blocks. Nothing is visible until
/// <see cref="CompleteAsync"/> commits the block list (a file smaller than one block is one Put Blob then); an abort
/// commits nothing, so the previous blob, if any, stays as it was and the staged blocks expire on the service.
/// </summary>
internal sealed class BlockUpload : IFtpUpload
{
    private readonly BlockUploadTarget _target;
    private readonly bool _createNew;
    private readonly KeptPrefix? _kept;
    private readonly BlockIds _ids;
    private readonly List<string> _blocks;
    private readonly Queue<Task> _inFlight = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly IncrementalHash? _md5;
    private byte[]? _buffer;
    private int _filled;
    private bool _finished;
    private Exception? _failure;

    private BlockUpload(BlockUploadTarget target, bool createNew, KeptPrefix? kept, BlockIds ids, List<string> keptBlocks)
    {
        _target = target;
        _createNew = createNew;
        _kept = kept;
        _ids = ids;
        _blocks = keptBlocks;
        // The whole file's MD5 is known only when nothing is kept from before: it becomes the blob's Content-MD5.
        _md5 = kept is null ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
        Stream = new BlockUploadStream(this);
    }

    public Stream Stream { get; }

    /// <summary>How many block buffers this upload holds now (filling and in flight), for tests of the memory bound.</summary>
    internal int BuffersHeld => _inFlight.Count(task => !task.IsCompleted) + (_buffer is null ? 0 : 1);

    /// <summary>The most buffers seen at once.</summary>
    internal int PeakBuffersHeld { get; private set; }

    public static async Task<BlockUpload> OpenAsync(BlockUploadTarget target, bool createNew, KeptPrefix? kept, CancellationToken cancellationToken)
    {
        var ids = new BlockIds();
        List<string> keptBlocks = kept is null ? [] : await KeptBlocks.PrepareAsync(target, kept, ids, cancellationToken);
        return new BlockUpload(target, createNew, kept, ids, keptBlocks);
    }

    /// <summary>Takes the client's bytes: into the block being filled, staging each full block.</summary>
    internal async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        ThrowIfFailed();
        _md5?.AppendData(data.Span);
        while (data.Length > 0)
        {
            if (_buffer is null)
            {
                await MakeRoomAsync(_target.Options.UploadConcurrency, cancellationToken);
                _buffer = _target.Buffers.Rent(checked((int)NextBlockSize()));
                _filled = 0;
                PeakBuffersHeld = Math.Max(PeakBuffersHeld, BuffersHeld);
            }

            int room = (int)NextBlockSize() - _filled;
            int take = Math.Min(room, data.Length);
            data.Span[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            data = data[take..];
            if (_filled == NextBlockSize())
            {
                StageFilledBlock();
            }
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        CancellationTokenRegistration cancel = cancellationToken.Register(() => _lifetime.Cancel());
        try
        {
            if (_blocks.Count == 0)
            {
                await PutWholeAsync();
            }
            else
            {
                if (_filled > 0)
                {
                    StageFilledBlock();
                }

                await MakeRoomAsync(0, cancellationToken);
                await CommitAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing was committed, or the commit itself failed: the staged blocks stay uncommitted and expire.
            throw BlobErrors.Translate(ex, "commit");
        }
        finally
        {
            await cancel.DisposeAsync();
            await FinishAsync();
        }
    }

    public async ValueTask AbortAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return;
        }

        AzureBlobLog.UploadAborted(_target.Logger, _blocks.Count);
        bool staged = _blocks.Count > 0 && _kept is null && _target.NameWasFree;
        // When the name is to be deleted, the blocks in flight are let finish first (each bounded by the SDK's
        // timeouts): a stage cancelled on this side may still land on the service after the delete, and stay.
        await FinishAsync(letInFlightFinish: staged);
        if (staged)
        {
            await DropStagedBlocksAsync();
        }
    }

    /// <summary>
    /// An upload to a name that held no blob when it began: the name holds only staged blocks, this upload's among them,
    /// and deleting it drops them now instead of in a week. Only while no committed blob is there (checked, then the delete
    /// is conditional on If-None-Match: *, which azurite ignores, hence the check), so a blob another client committed
    /// meanwhile is never touched. An existing blob keeps its uncommitted blocks until the service drops them (they cannot
    /// be dropped without rewriting it). Failures are only logged: the abort itself is done.
    /// </summary>
    private async ValueTask DropStagedBlocksAsync()
    {
        try
        {
            if (await _target.Blob.ExistsAsync(CancellationToken.None))
            {
                return;
            }

            await _target.Blob.DeleteAsync(DeleteSnapshotsOption.None, new BlobRequestConditions { IfNoneMatch = ETag.All }, CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            // Already gone, or a committed blob is there: nothing of this upload to drop.
        }
        catch (Exception ex) when (ex is RequestFailedException or IOException or HttpRequestException or OperationCanceledException)
        {
            AzureBlobLog.StagedBlocksKept(_target.Logger, ex.GetType().Name);
        }
    }

    public ValueTask DisposeAsync() => AbortAsync(CancellationToken.None);

    private long NextBlockSize() => BlockSizePlan.BlockSize(_target.Options.BlockSize, _blocks.Count);

    private void StageFilledBlock()
    {
        if (_blocks.Count >= BlockSizePlan.MaxBlocks)
        {
            throw new FtpFileSystemException(FtpFileSystemError.InsufficientStorage, "The upload needs more blocks than a blob may have.");
        }

        byte[] buffer = _buffer!;
        int length = _filled;
        string id = _ids.Of(_blocks.Count);
        _blocks.Add(id);
        _buffer = null;
        _filled = 0;
        _inFlight.Enqueue(StageAsync(id, buffer, length));
    }

    private async Task StageAsync(string id, byte[] buffer, int length)
    {
        try
        {
            await Task.Yield();
            using var content = new MemoryStream(buffer, 0, length, writable: false);
            await _target.Blob.StageBlockAsync(id, content, new BlockBlobStageBlockOptions(), _lifetime.Token);
        }
        catch (Exception ex)
        {
            _failure ??= ex;
            throw;
        }
        finally
        {
            _target.Buffers.Return(buffer);
        }
    }

    /// <summary>Waits until fewer than <paramref name="limit"/> blocks are in flight (0: all staged), failing on the first failure.</summary>
    private async ValueTask MakeRoomAsync(int limit, CancellationToken cancellationToken)
    {
        while (_inFlight.Count > 0 && (_inFlight.Count >= limit || _inFlight.Peek().IsCompleted))
        {
            Task oldest = _inFlight.Peek();
            try
            {
                await oldest.WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw BlobErrors.Translate(_failure ?? ex, "stage block");
            }

            _ = _inFlight.Dequeue();
        }

        ThrowIfFailed();
    }

    private async Task PutWholeAsync()
    {
        using var content = new MemoryStream(_buffer ?? [], 0, _filled, writable: false);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentHash = _md5?.GetCurrentHash() },
            Conditions = _createNew ? new BlobRequestConditions { IfNoneMatch = ETag.All } : null,
        };
        await _target.Blob.UploadAsync(content, options, _lifetime.Token);
    }

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var options = new CommitBlockListOptions
        {
            HttpHeaders = _md5 is null ? null : new BlobHttpHeaders { ContentHash = _md5.GetCurrentHash() },
            Conditions = _createNew ? new BlobRequestConditions { IfNoneMatch = ETag.All }
                : _kept is not null ? new BlobRequestConditions { IfMatch = _kept.ETag }
                : null,
        };
        await _target.Blob.CommitBlockListAsync(_blocks, options, _lifetime.Token);
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw BlobErrors.Translate(_failure, "stage block");
        }
    }

    private async ValueTask FinishAsync(bool letInFlightFinish = false)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (!letInFlightFinish)
        {
            await _lifetime.CancelAsync();
        }
        while (_inFlight.TryDequeue(out Task? task))
        {
            try
            {
                await task;
            }
            catch (Exception)
            {
                // Abandoned: its block is never committed.
            }
        }

        if (_buffer is not null)
        {
            _target.Buffers.Return(_buffer);
            _buffer = null;
        }

        _md5?.Dispose();
        _lifetime.Dispose();
    }
}
