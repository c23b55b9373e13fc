using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Storage.S3.Profiles;
using AspNetFtp.Storage.S3.Tests.Emulator;

namespace AspNetFtp.Storage.S3.Tests.Unit;

public sealed class S3ProfileOptionsTests
{
    private static S3ProfileOptions Read(params (string Key, string Value)[] settings) =>
        S3ProfileOptions.Read("files", S3Emulator.Section(settings.ToDictionary(s => s.Key, s => (string?)s.Value)));

    private static string Refused(params (string Key, string Value)[] settings) =>
        Assert.Throws<FtpStorageProfileException>(() => Read(settings)).Message;

    [Fact]
    public void Only_the_bucket_is_required_and_every_other_key_has_its_documented_default()
    {
        S3ProfileOptions options = Read(("Bucket", "b"));

        Assert.Null(options.Endpoint);
        Assert.Equal("us-east-1", options.Region);
        Assert.Equal(string.Empty, options.Prefix);
        Assert.False(options.ForcePathStyle);
        Assert.Null(options.AccessKey);
        Assert.Null(options.SecretKey);
        Assert.Equal(8L << 20, options.PartSize);
        Assert.Equal(2, options.UploadConcurrency);
        Assert.False(options.AllowDirectoryRename);
        Assert.Equal(4, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(100), options.RequestTimeout);
        Assert.True(options.UseChunkEncoding);
    }

    [Fact]
    public void Every_key_is_read()
    {
        S3ProfileOptions options = Read(
            ("Endpoint", "http://127.0.0.1:9000"), ("Region", "eu-west-3"), ("Bucket", "b"), ("Prefix", "/ftp/{username}"),
            ("ForcePathStyle", "true"), ("AccessKey", "ak"), ("SecretKey", "sk"), ("PartSize", "16M"), ("UploadConcurrency", "4"),
            ("AllowDirectoryRename", "true"), ("MaxRetries", "7"), ("RequestTimeout", "00:00:30"), ("UseChunkEncoding", "false"));

        Assert.Equal(new Uri("http://127.0.0.1:9000"), options.Endpoint);
        Assert.Equal("eu-west-3", options.Region);
        Assert.Equal("ftp/{username}/", options.Prefix);
        Assert.True(options.ForcePathStyle);
        Assert.Equal("ak", options.AccessKey);
        Assert.Equal("sk", options.SecretKey);
        Assert.Equal(16L << 20, options.PartSize);
        Assert.Equal(4, options.UploadConcurrency);
        Assert.True(options.AllowDirectoryRename);
        Assert.Equal(7, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
        Assert.False(options.UseChunkEncoding);
    }

    [Fact]
    public void A_missing_bucket_is_refused_naming_the_full_key()
    {
        Assert.Equal("Storage profile 'files': FtpServer:Storage:Profiles:files:Bucket is required.", Refused(("Region", "us-east-1")));
    }

    [Theory]
    [InlineData("AccessKey")]
    [InlineData("SecretKey")]
    public void One_credential_key_without_the_other_is_refused_naming_both(string key)
    {
        string message = Refused(("Bucket", "b"), (key, "x"));
        Assert.Contains("FtpServer:Storage:Profiles:files:AccessKey", message, StringComparison.Ordinal);
        Assert.Contains("FtpServer:Storage:Profiles:files:SecretKey", message, StringComparison.Ordinal);
        Assert.DoesNotContain("'x'", message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The prefix is read by the shared rule (<c>ProfileSettings.KeyPrefix</c>, whose every case is in
    /// ProfileSettingsTests): one refused value shows S3 goes through it, the rule's own message whole.
    /// </summary>
    [Fact]
    public void A_prefix_is_refused_by_the_shared_key_prefix_rule_naming_the_full_key()
    {
        Assert.Equal(
            "Storage profile 'files': FtpServer:Storage:Profiles:files:Prefix is 'a/../b'; "
            + "its segments cannot be empty, '.' or '..', nor hold a backslash or control character.",
            Refused(("Bucket", "b"), ("Prefix", "a/../b")));
    }

    [Theory]
    [InlineData("Endpoint", "ftp://host")]
    [InlineData("Endpoint", "not a url")]
    [InlineData("PartSize", "4M")]
    [InlineData("PartSize", "2G")]
    [InlineData("UploadConcurrency", "0")]
    [InlineData("UploadConcurrency", "17")]
    [InlineData("MaxRetries", "21")]
    [InlineData("RequestTimeout", "00:00:00")]
    [InlineData("ForcePathStyle", "yes")]
    [InlineData("UseChunkEncoding", "no")]
    [InlineData("AllowDirectoryRename", "1")]
    [InlineData("Bucket", "a/b")]
    public void A_wrong_value_is_refused_naming_its_key(string key, string value)
    {
        Dictionary<string, string> settings = new() { ["Bucket"] = "b", [key] = value };
        string message = Refused([.. settings.Select(kv => (kv.Key, kv.Value))]);
        Assert.Contains("FtpServer:Storage:Profiles:files:" + key, message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_description_of_a_profile_never_shows_its_secret()
    {
        S3ProfileOptions options = Read(("Bucket", "b"), ("AccessKey", "AKIDEXAMPLE"), ("SecretKey", "very-secret-value"));
        Assert.DoesNotContain("very-secret-value", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("AKIDEXAMPLE", options.ToString(), StringComparison.Ordinal);
    }
}
