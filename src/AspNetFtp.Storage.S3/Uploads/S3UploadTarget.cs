using AspNetFtp.Protocol.Storage;

namespace AspNetFtp.Storage.S3.Uploads;

/// <summary>Where an upload goes and how it is cut into parts.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Key">The object's key.</param>
/// <param name="PartSize">The first part's size (<see cref="PartSizePlan"/> grows it).</param>
/// <param name="Concurrency">Parts uploading at the same time.</param>
/// <param name="UseChunkEncoding">The SDK's aws-chunked encoding on PutObject and UploadPart.</param>
/// <param name="Buffers">The profile's part buffers.</param>
internal sealed record S3UploadTarget(string Bucket, string Key, long PartSize, int Concurrency, bool UseChunkEncoding, UploadBufferPool Buffers);
