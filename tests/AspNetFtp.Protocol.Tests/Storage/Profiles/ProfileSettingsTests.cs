using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Storage.Profiles;
using Microsoft.Extensions.Configuration;

namespace AspNetFtp.Protocol.Tests.Storage.Profiles;

/// <summary>The one reader of a profile's keys: sizes, numbers and times in range, or a message naming the key and value.</summary>
public sealed class ProfileSettingsTests
{
    private static IConfiguration Section(string key, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(key, (string?)value)]).Build();

    [Theory]
    [InlineData("5242880", 5L << 20)]
    [InlineData("8M", 8L << 20)]
    [InlineData("8m", 8L << 20)]
    [InlineData("1G", 1L << 30)]
    public void A_size_is_bytes_or_binary_units(string text, long expected) =>
        Assert.Equal(expected, ProfileSettings.Size(Section("PartSize", text), "s3", "PartSize", 0, 5L << 20, 5L << 30));

    [Theory]
    [InlineData("4M")]
    [InlineData("6G")]
    [InlineData("-1")]
    [InlineData("eight")]
    [InlineData("99999999999999999999G")]
    public void A_size_outside_the_range_or_not_a_size_names_the_key_and_the_value(string text)
    {
        var error = Assert.Throws<FtpStorageProfileException>(() =>
            ProfileSettings.Size(Section("PartSize", text), "s3", "PartSize", 0, 5L << 20, 5L << 30));

        Assert.Equal(
            $"Storage profile 's3': FtpServer:Storage:Profiles:s3:PartSize is '{text}'; use a size from 5242880 to 5368709120 bytes (K, M and G allowed).",
            error.Message);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("/", "")]
    [InlineData("ftp", "ftp/")]
    [InlineData("/ftp/users/", "ftp/users/")]
    [InlineData("ftp/users//", "ftp/users/")]
    [InlineData("ftp/{username}", "ftp/{username}/")]
    [InlineData("a/b/c/", "a/b/c/")]
    public void A_key_prefix_loses_its_leading_slashes_and_ends_with_exactly_one(string prefix, string normalized) =>
        Assert.Equal(normalized, ProfileSettings.KeyPrefix(Section("Prefix", prefix), "files"));

    [Theory]
    [InlineData("a/../b")]
    [InlineData("..")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("a\\b")]
    [InlineData("a/\u0001")]
    public void A_key_prefix_that_could_climb_or_name_one_place_two_ways_is_refused_naming_the_key_and_value(string prefix)
    {
        var error = Assert.Throws<FtpStorageProfileException>(() => ProfileSettings.KeyPrefix(Section("Prefix", prefix), "files"));

        Assert.Equal(
            $"Storage profile 'files': FtpServer:Storage:Profiles:files:Prefix is '{prefix}'; "
            + "its segments cannot be empty, '.' or '..', nor hold a backslash or control character.",
            error.Message);
    }

    [Fact]
    public void A_missing_value_takes_the_fallback() =>
        Assert.Equal(8L << 20, ProfileSettings.Size(Section("Other", "1"), "s3", "PartSize", 8L << 20, 5L << 20, 5L << 30));

    [Fact]
    public void A_whole_number_out_of_range_names_the_key() =>
        Assert.Equal(
            "Storage profile 's3': FtpServer:Storage:Profiles:s3:UploadConcurrency is '17'; use a whole number from 1 to 16.",
            Assert.Throws<FtpStorageProfileException>(() => ProfileSettings.Int(Section("UploadConcurrency", "17"), "s3", "UploadConcurrency", 2, 1, 16)).Message);

    [Fact]
    public void A_time_is_read_as_hours_minutes_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(90), ProfileSettings.Time(Section("RequestTimeout", "00:01:30"), "s3", "RequestTimeout", TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)));
}
