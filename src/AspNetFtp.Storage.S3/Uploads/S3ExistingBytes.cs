namespace AspNetFtp.Storage.S3.Uploads;

/// <summary>The first <paramref name="Length"/> bytes of the existing object (ETag <paramref name="ETag"/>) that an append or resume keeps.</summary>
internal sealed record S3ExistingBytes(long Length, string? ETag);
