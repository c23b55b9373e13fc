using AspNetFtp.Protocol.Storage;
using AspNetFtp.Storage.Azure.FileSystem;
using AspNetFtp.Storage.Azure.Profiles;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Storage.Azure.Uploads;

/// <summary>The blob an upload writes and what it needs to write it (<paramref name="Buffers"/>: the profile's block buffers).</summary>
internal sealed record BlockUploadTarget(BlockBlobClient Blob, AzureBlobProfileOptions Options, BlobSourceUris Sources, UploadBufferPool Buffers, ILogger Logger, bool NameWasFree = false);
