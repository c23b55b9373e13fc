using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace AspNetFtp.Storage.S3.Profiles;

/// <summary>Builds a profile's SDK client: endpoint or region, path style, credentials, and the SDK's retries tuned.</summary>
internal static class S3ClientFactory
{
    public static AmazonS3Client Create(S3ProfileOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxRetries,
            Timeout = options.RequestTimeout,
        };
        if (options.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        // Neither key: the SDK's default chain (environment, profile file, web identity, instance role) when first used.
        return options.AccessKey is { } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, options.SecretKey), config)
            : new AmazonS3Client(config);
    }
}
