using Amazon.S3;
using Amazon.S3.Model;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Storage.S3.Errors;
using AspNetFtp.Storage.S3.Profiles;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Storage.S3.Uploads;

/// <summary>
/// One STOR/APPE/STOU/REST+STOR to S3 with bounded memory. The client's bytes fill a pooled part buffer; a full part
/// is uploaded in the background while the next fills, with at most <see cref="S3UploadTarget.Concurrency"/> parts in
/// flight (a writer waits when all are), so an upload holds at most Concurrency + 1 parts whatever its size. The
/// multipart upload starts at the first full part; a file smaller than one part is one PutObject at completion. Only
/// <see cref="CompleteAsync"/> makes or changes the object; an abort (or a dispose without completion) aborts the
/// multipart upload, which leaves no object, no parts, and the previous object untouched.
/// </summary>
internal sealed class S3Upload : IFtpUpload
{
    private static readonly TimeSpan AbortTimeout = TimeSpan.FromSeconds(30);

    private readonly IAmazonS3 _s3;
    private readonly S3UploadTarget _target;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task<PartETag>> _parts = [];
    private readonly S3ExistingBytes? _copyFirst;
    private byte[]? _buffer;
    private int _partSize;
    private int _filled;
    private int _nextPart = 1;
    private string? _uploadId;
    private Task<string>? _starting;
    private Exception? _partFailure;
    private bool _finished;
    private int _buffersHeld;

    private S3Upload(IAmazonS3 s3, S3UploadTarget target, ILogger logger, S3ExistingBytes? copyFirst)
    {
        _s3 = s3;
        _target = target;
        _logger = logger;
        _copyFirst = copyFirst;
        _slots = new SemaphoreSlim(target.Concurrency, target.Concurrency);
        if (copyFirst is not null)
        {
            _nextPart += PartSizePlan.CopyRanges(copyFirst.Length).Count;
        }

        RentBuffer();
        Stream = new S3UploadStream(this);
    }

    public Stream Stream { get; }

    /// <summary>The multipart upload's id once started (tests).</summary>
    internal string? UploadId => _uploadId;

    /// <summary>Part buffers rented and not yet returned: the one filling and those in flight (tests).</summary>
    internal int BuffersHeld => Volatile.Read(ref _buffersHeld);

    /// <summary>
    /// Opens an upload whose object begins with the first <paramref name="keep"/>.Length bytes of the existing object
    /// (none: a new object). From 5 MiB those bytes become the first parts by server-side copy (UploadPartCopy), never
    /// read here; below 5 MiB (less than one part) they are read into the first part buffer, since S3 refuses a
    /// non-last part under 5 MiB.
    /// </summary>
    public static async Task<S3Upload> OpenAsync(
        IAmazonS3 s3, S3UploadTarget target, S3ExistingBytes? keep, ILogger logger, CancellationToken cancellationToken)
    {
        bool byCopy = keep is { Length: >= S3ProfileOptions.MinimumPartSize };
        var upload = new S3Upload(s3, target, logger, byCopy ? keep : null);
        if (keep is { Length: > 0 } && !byCopy)
        {
            try
            {
                S3Log.KeepingPrefix(logger, target.Key, keep.Length, "reading it");
                await upload.ReadExistingAsync(keep, cancellationToken);
            }
            catch
            {
                await upload.DisposeAsync();
                throw;
            }
        }
        else if (byCopy)
        {
            S3Log.KeepingPrefix(logger, target.Key, keep!.Length, "server-side copy");
        }

        return upload;
    }

    /// <summary>Adds the client's bytes; uploads each part as it fills.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        while (data.Length > 0)
        {
            if (_filled == _partSize)
            {
                // A full part is only sent when more bytes follow, so the last part is never empty.
                await SendPartAsync(cancellationToken);
            }

            int count = Math.Min(data.Length, _partSize - _filled);
            data[..count].CopyTo(_buffer.AsMemory(_filled));
            _filled += count;
            data = data[count..];
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        _finished = true;
        try
        {
            if (_uploadId is null && _copyFirst is null)
            {
                await PutWholeAsync(cancellationToken);
                return;
            }

            await StartAsync(cancellationToken);
            if (_filled > 0)
            {
                await SendPartAsync(cancellationToken);
            }

            PartETag[] parts = await Task.WhenAll(_parts);
            var request = new CompleteMultipartUploadRequest
            {
                BucketName = _target.Bucket,
                Key = _target.Key,
                UploadId = _uploadId,
                PartETags = [.. parts.OrderBy(p => p.PartNumber)],
            };
            await _s3.CompleteMultipartUploadAsync(request, cancellationToken);
            _uploadId = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            S3Log.CompleteFailed(_logger, _target.Key, ex);
            await AbortStoreAsync();
            throw ex is FtpFileSystemException { Error: not FtpFileSystemError.Unavailable } own
                ? own
                : new FtpFileSystemException(FtpFileSystemError.Unavailable, $"S3 upload of '{_target.Key}' did not complete.", ex);
        }
        finally
        {
            ReturnBuffer();
        }
    }

    public async ValueTask AbortAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        await AbortStoreAsync();
        ReturnBuffer();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            _finished = true;
            await AbortStoreAsync();
        }
        else if (_uploadId is not null)
        {
            // Completion was cancelled by the engine's token: the upload is still open on the store.
            await AbortStoreAsync();
        }

        ReturnBuffer();
        _stop.Dispose();
        _slots.Dispose();
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (Volatile.Read(ref _partFailure) is { } failure)
        {
            throw S3Errors.Translate(failure, "UploadPart", _target.Key);
        }
    }

    private async Task ReadExistingAsync(S3ExistingBytes keep, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest
        {
            BucketName = _target.Bucket,
            Key = _target.Key,
            ByteRange = new ByteRange(0, keep.Length - 1),
            EtagToMatch = keep.ETag,
        };
        await S3Errors.Run(async () =>
        {
            using GetObjectResponse response = await _s3.GetObjectAsync(request, cancellationToken);
            await response.ResponseStream.ReadExactlyAsync(_buffer.AsMemory(0, (int)keep.Length), cancellationToken);
        }, "GetObject", _target.Key, cancellationToken);
        _filled = (int)keep.Length;
    }

    private async Task PutWholeAsync(CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(_buffer!, 0, _filled, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = _target.Bucket,
            Key = _target.Key,
            InputStream = content,
            AutoCloseStream = false,
            UseChunkEncoding = _target.UseChunkEncoding,
        };
        await S3Errors.Run(() => _s3.PutObjectAsync(request, cancellationToken), "PutObject", _target.Key, cancellationToken);
    }

    /// <summary>Starts the multipart upload (once), with the server-side copy of the kept bytes as its first parts.</summary>
    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_uploadId is not null)
        {
            return;
        }

        // The request itself is not cancelled with the transfer: one cancelled in flight may still open an upload on
        // the store whose id would never be known, so nothing could abort it. The abort waits for the answer instead.
        _starting ??= InitiateAsync();
        _uploadId = await _starting.WaitAsync(cancellationToken);
        if (_copyFirst is null)
        {
            return;
        }

        int partNumber = 1;
        foreach ((long first, long last) in PartSizePlan.CopyRanges(_copyFirst.Length))
        {
            var copy = new CopyPartRequest
            {
                SourceBucket = _target.Bucket,
                SourceKey = _target.Key,
                DestinationBucket = _target.Bucket,
                DestinationKey = _target.Key,
                UploadId = _uploadId,
                PartNumber = partNumber,
                FirstByte = first,
                LastByte = last,
                ETagToMatch = _copyFirst.ETag is null ? null : [_copyFirst.ETag],
            };
            CopyPartResponse copied = await S3Errors.Run(
                () => _s3.CopyPartAsync(copy, cancellationToken), "UploadPartCopy", _target.Key, cancellationToken);
            _parts.Add(Task.FromResult(new PartETag(partNumber, copied.ETag)));
            partNumber++;
        }
    }

    private async Task<string> InitiateAsync()
    {
        var initiate = new InitiateMultipartUploadRequest { BucketName = _target.Bucket, Key = _target.Key };
        InitiateMultipartUploadResponse started = await S3Errors.Run(
            () => _s3.InitiateMultipartUploadAsync(initiate, CancellationToken.None), "CreateMultipartUpload", _target.Key, CancellationToken.None);
        return started.UploadId;
    }

    /// <summary>Sends the filled buffer as the next part in the background once a slot is free, and takes a fresh buffer.</summary>
    private async Task SendPartAsync(CancellationToken cancellationToken)
    {
        int partNumber = _nextPart;
        if (partNumber > PartSizePlan.MaxParts)
        {
            throw new FtpFileSystemException(
                FtpFileSystemError.InsufficientStorage, $"S3 upload of '{_target.Key}' passed {PartSizePlan.MaxParts} parts.");
        }

        await StartAsync(cancellationToken);
        await _slots.WaitAsync(cancellationToken);
        byte[] buffer = _buffer!;
        int length = _filled;
        _buffer = null;
        _nextPart++;
        _parts.Add(UploadPartAsync(partNumber, buffer, length));
        if (_nextPart <= PartSizePlan.MaxParts)
        {
            RentBuffer();
        }
        else
        {
            _partSize = 0;
            _filled = 0;
        }
    }

    private async Task<PartETag> UploadPartAsync(int partNumber, byte[] buffer, int length)
    {
        try
        {
            using var content = new MemoryStream(buffer, 0, length, writable: false);
            var request = new UploadPartRequest
            {
                BucketName = _target.Bucket,
                Key = _target.Key,
                UploadId = _uploadId,
                PartNumber = partNumber,
                InputStream = content,
                PartSize = length,
                UseChunkEncoding = _target.UseChunkEncoding,
            };
            UploadPartResponse response = await _s3.UploadPartAsync(request, _stop.Token);
            return new PartETag(partNumber, response.ETag);
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _partFailure, ex, null);
            throw;
        }
        finally
        {
            _target.Buffers.Return(buffer);
            Interlocked.Decrement(ref _buffersHeld);
            _slots.Release();
        }
    }

    /// <summary>Stops the parts in flight and aborts the multipart upload, ignoring one the store no longer knows.</summary>
    private async Task AbortStoreAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_parts);
        }
        catch (Exception)
        {
            // The parts were cancelled or failed: the abort below removes whatever they stored.
        }

        if (_uploadId is null && _starting is { } starting)
        {
            try
            {
                // Opened while the transfer was being cancelled: abort it once the store says which it is.
                _uploadId = await starting.WaitAsync(AbortTimeout);
            }
            catch (Exception)
            {
                // Never opened, or no answer in time: there is no id to abort.
            }
        }

        if (_uploadId is not { } uploadId)
        {
            return;
        }

        _uploadId = null;
        using var timeout = new CancellationTokenSource(AbortTimeout);
        try
        {
            await _s3.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = _target.Bucket, Key = _target.Key, UploadId = uploadId }, timeout.Token);
        }
        catch (Exception ex) when (S3Errors.IsNotFound(ex))
        {
            // Already gone.
        }
        catch (Exception ex) when (S3Errors.IsStoreFailure(ex, CancellationToken.None) || ex is OperationCanceledException)
        {
            S3Log.AbortFailed(_logger, _target.Key, uploadId, ex);
        }
    }

    private void RentBuffer()
    {
        _partSize = (int)PartSizePlan.SizeOf(_nextPart, _target.PartSize);
        _buffer = _target.Buffers.Rent(_partSize);
        Interlocked.Increment(ref _buffersHeld);
        _filled = 0;
    }

    private void ReturnBuffer()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _target.Buffers.Return(buffer);
            Interlocked.Decrement(ref _buffersHeld);
        }
    }
}
