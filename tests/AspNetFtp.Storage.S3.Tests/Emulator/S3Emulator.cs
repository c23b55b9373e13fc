using Microsoft.Extensions.Configuration;
using Amazon.S3;
using AspNetFtp.Storage.S3.Profiles;

namespace AspNetFtp.Storage.S3.Tests.Emulator;

/// <summary>
/// The S3 emulator scripts/test.sh starts on loopback, from its <c>ASPNETFTP_TEST_S3_*</c> variables. A missing variable
/// fails the test with a message saying how to run it (never a silent skip).
/// </summary>
internal static class S3Emulator
{
    public static string Endpoint => Variable("ASPNETFTP_TEST_S3_ENDPOINT");

    public static string AccessKey => Variable("ASPNETFTP_TEST_S3_ACCESS_KEY");

    public static string SecretKey => Variable("ASPNETFTP_TEST_S3_SECRET_KEY");

    public static string Bucket => Variable("ASPNETFTP_TEST_S3_BUCKET");

    /// <summary>
    /// Whether uploads use aws-chunked encoding: on unless <c>ASPNETFTP_TEST_S3_USE_CHUNK_ENCODING=false</c> (an emulator
    /// that stores the chunk framing as data needs it off).
    /// </summary>
    public static bool UseChunkEncoding =>
        !string.Equals(Environment.GetEnvironmentVariable("ASPNETFTP_TEST_S3_USE_CHUNK_ENCODING"), "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>The profile settings of the emulator, as an operator would write them.</summary>
    public static Dictionary<string, string?> ProfileSettings(string prefix) => new()
    {
        ["Kind"] = "S3",
        ["Endpoint"] = Endpoint,
        ["Region"] = "us-east-1",
        ["Bucket"] = Bucket,
        ["Prefix"] = prefix,
        ["ForcePathStyle"] = "true",
        ["AccessKey"] = AccessKey,
        ["SecretKey"] = SecretKey,
        ["UseChunkEncoding"] = UseChunkEncoding ? "true" : "false",
        ["PartSize"] = "5M",
        ["MaxRetries"] = "1",
    };

    public static S3ProfileOptions Options(string prefix = "") => S3ProfileOptions.Read("emulator", Section(ProfileSettings(prefix)));

    public static AmazonS3Client CreateClient() => S3ClientFactory.Create(Options());

    public static IConfigurationSection Section(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(kv => new KeyValuePair<string, string?>("P:" + kv.Key, kv.Value)))
            .Build()
            .GetSection("P");

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: the S3 tests need the emulator that scripts/test.sh starts (run them through scripts/test.sh, "
                + "or start scripts/emulators.sh and source the variables it prints).");
}
