using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Storage.Profiles;
using Microsoft.Extensions.Configuration;

namespace AspNetFtp.Storage.S3.Profiles;

/// <summary>
/// One S3 profile's settings, read and checked from its configuration section (<c>FtpServer:Storage:Profiles:&lt;name&gt;</c>);
/// every key is in the project's README table. Secrets are kept here only to build the client and never printed.
/// </summary>
internal sealed record S3ProfileOptions
{
    /// <summary>S3's smallest part (every part of a multipart upload but the last).</summary>
    public const long MinimumPartSize = 5L << 20;

    /// <summary>The largest <c>PartSize</c> accepted: a part is held in memory while it uploads (S3 itself allows 5 GiB).</summary>
    public const long MaximumPartSize = 1L << 30;

    /// <summary>The profile's name, for messages.</summary>
    public required string ProfileName { get; init; }

    /// <summary>The service URL (MinIO, Ceph, R2, GCS, an emulator); null for AWS, reached by <see cref="Region"/>.</summary>
    public Uri? Endpoint { get; init; }

    public string Region { get; init; } = "us-east-1";

    public required string Bucket { get; init; }

    /// <summary>The key prefix, normalised (no leading <c>/</c>, ends with one <c>/</c> unless empty); may hold <c>{username}</c>.</summary>
    public string Prefix { get; init; } = string.Empty;

    public bool ForcePathStyle { get; init; }

    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary>The size of each uploaded part (it grows for very large uploads, see <c>PartSizePlan</c>).</summary>
    public long PartSize { get; init; } = 8L << 20;

    /// <summary>Parts uploading at the same time for one upload.</summary>
    public int UploadConcurrency { get; init; } = 2;

    public bool AllowDirectoryRename { get; init; }

    public int MaxRetries { get; init; } = 4;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Whether uploads use the SDK's aws-chunked encoding; some S3-compatible servers need it off.</summary>
    public bool UseChunkEncoding { get; init; } = true;

    /// <summary>Where the store is, for messages: the endpoint, or AWS in the region.</summary>
    public string Where => Endpoint?.ToString() ?? $"AWS S3 ({Region})";

    public override string ToString() => $"S3 profile '{ProfileName}' (bucket {Bucket} at {Where})";

    /// <summary>Reads and checks every key; throws naming the first wrong one.</summary>
    /// <exception cref="FtpStorageProfileException">A key is missing or wrong.</exception>
    public static S3ProfileOptions Read(string profile, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        string? endpointText = ProfileSettings.Optional(section, "Endpoint");
        Uri? endpoint = null;
        if (endpointText is not null
            && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            throw new FtpStorageProfileException(
                $"Storage profile '{profile}': {ProfileSettings.KeyOf(profile, "Endpoint")} is '{endpointText}'; use an http:// or https:// URL.");
        }

        string? accessKey = ProfileSettings.Optional(section, "AccessKey");
        string? secretKey = ProfileSettings.Optional(section, "SecretKey");
        if ((accessKey is null) != (secretKey is null))
        {
            throw new FtpStorageProfileException(
                $"Storage profile '{profile}': set both {ProfileSettings.KeyOf(profile, "AccessKey")} and {ProfileSettings.KeyOf(profile, "SecretKey")}, "
                + "or neither to use the AWS SDK's default credential chain.");
        }

        string bucket = ProfileSettings.Required(section, profile, "Bucket");
        if (bucket.Contains('/', StringComparison.Ordinal) || bucket.Any(char.IsWhiteSpace))
        {
            throw new FtpStorageProfileException(
                $"Storage profile '{profile}': {ProfileSettings.KeyOf(profile, "Bucket")} is '{bucket}'; a bucket name has no '/' and no spaces.");
        }

        return new S3ProfileOptions
        {
            ProfileName = profile,
            Endpoint = endpoint,
            Region = ProfileSettings.Optional(section, "Region") ?? "us-east-1",
            Bucket = bucket,
            Prefix = ProfileSettings.KeyPrefix(section, profile),
            ForcePathStyle = ProfileSettings.Bool(section, profile, "ForcePathStyle", false),
            AccessKey = accessKey,
            SecretKey = secretKey,
            PartSize = ProfileSettings.Size(section, profile, "PartSize", 8L << 20, MinimumPartSize, MaximumPartSize),
            UploadConcurrency = ProfileSettings.Int(section, profile, "UploadConcurrency", 2, 1, 16),
            AllowDirectoryRename = ProfileSettings.Bool(section, profile, "AllowDirectoryRename", false),
            MaxRetries = ProfileSettings.Int(section, profile, "MaxRetries", 4, 0, 20),
            RequestTimeout = ProfileSettings.Time(section, profile, "RequestTimeout", TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            UseChunkEncoding = ProfileSettings.Bool(section, profile, "UseChunkEncoding", true),
        };
    }
}
