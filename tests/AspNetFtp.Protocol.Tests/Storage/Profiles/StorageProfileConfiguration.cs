using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Storage;
using AspNetFtp.Protocol.Storage.Profiles;
using Microsoft.Extensions.Configuration;

namespace AspNetFtp.Protocol.Tests.Storage.Profiles;

/// <summary>Storage profiles read from in-memory configuration keys, as an operator writes them.</summary>
internal static class StorageProfileConfiguration
{
    /// <summary>The profiles under <c>Storage:Profiles</c> of the given keys (each relative to that section), with the Local kind.</summary>
    public static FtpStorageProfiles Read(params (string Key, string Value)[] keys) =>
        Read([new LocalStorageKind(FtpUploadMode.Atomic)], keys);

    public static FtpStorageProfiles Read(IEnumerable<IFtpStorageKind> kinds, params (string Key, string Value)[] keys)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(keys.Select(k => KeyValuePair.Create("Storage:Profiles:" + k.Key, (string?)k.Value)))
            .Build();
        return new FtpStorageProfiles(configuration.GetSection(FtpStorageProfiles.SectionKey), kinds);
    }

    /// <summary>A user of <paramref name="profile"/> (null: the default storage) whose home is <paramref name="home"/>.</summary>
    public static FtpUser User(string name, string home, string? profile) =>
        new(name, home, AspNetFtp.Protocol.Security.FtpPermissions.All) { StorageProfile = profile };

    /// <summary>The default storage of the tests: the local disk.</summary>
    public static IFtpFileSystemFactory DefaultStorage { get; } = new LocalFileSystemFactory();
}
