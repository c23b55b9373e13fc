using AspNetFtp.Protocol.Abstractions;
using Microsoft.Extensions.Configuration;

namespace AspNetFtp.Protocol.Storage.Profiles;

/// <summary>
/// The named storage profiles of <c>FtpServer:Storage:Profiles</c>, each made by the <see cref="IFtpStorageKind"/> its
/// <c>Kind</c> names. A profile with a wrong setting is left out and its problem kept: the start then fails naming it
/// (<see cref="Problems"/>, through the storage readiness check). Names compare without case, as configuration keys do.
/// </summary>
public sealed class FtpStorageProfiles : IAsyncDisposable
{
    /// <summary>The configuration key under the <c>FtpServer</c> section that holds the profiles.</summary>
    public const string SectionKey = "Storage:Profiles";

    private readonly Dictionary<string, Entry> _profiles = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _problems = [];

    /// <summary>Reads every profile under <paramref name="profiles"/> (null: none) with the kinds registered.</summary>
    public FtpStorageProfiles(IConfiguration? profiles, IEnumerable<IFtpStorageKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        Dictionary<string, IFtpStorageKind> byName = new(StringComparer.OrdinalIgnoreCase);
        foreach (IFtpStorageKind kind in kinds)
        {
            byName.TryAdd(kind.Name, kind);
        }

        foreach (IConfigurationSection section in profiles?.GetChildren() ?? [])
        {
            try
            {
                _profiles.Add(section.Key, Read(section, byName));
            }
            catch (FtpStorageProfileException ex)
            {
                _problems.Add(ex.Message);
            }
        }
    }

    /// <summary>No profiles: every user is on the default storage.</summary>
    public static FtpStorageProfiles Empty { get; } = new(null, []);

    /// <summary>The names of the profiles that were read without a problem, in configuration order.</summary>
    public IReadOnlyCollection<string> Names => _profiles.Keys;

    /// <summary>What is wrong with the profiles left out, one sentence each naming the profile and the key.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Whether <paramref name="name"/> is a profile read without a problem (without case).</summary>
    public bool Contains(string name) => _profiles.ContainsKey(name);

    /// <summary>Whether <paramref name="name"/> has the shape of a profile name: 1 to 64 letters, digits, '.', '_' or '-'.</summary>
    public static bool IsValidName(string name) =>
        name is { Length: >= 1 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>The profile called <paramref name="name"/>, or null.</summary>
    public IFtpStorageProfile? Find(string name) => _profiles.TryGetValue(name, out Entry? entry) ? entry.Profile : null;

    /// <summary>Whether the profile may be unreachable at start (<c>Optional: true</c>): a warning instead of a failed start.</summary>
    public bool IsOptional(string name) => _profiles.TryGetValue(name, out Entry? entry) && entry.Optional;

    /// <summary>
    /// The file system of <paramref name="user"/>: its profile's, or <paramref name="defaultStorage"/>'s when it names none.
    /// </summary>
    /// <exception cref="FtpFileSystemException">The user names a profile that is not configured (or was left out): <see cref="FtpFileSystemError.Unavailable"/>.</exception>
    public IFtpFileSystem CreateFileSystem(FtpUser user, IFtpFileSystemFactory defaultStorage)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(defaultStorage);
        if (user.StorageProfile is not { Length: > 0 } name)
        {
            return defaultStorage.Create(user);
        }

        IFtpStorageProfile profile = Find(name)
            ?? throw new FtpFileSystemException(FtpFileSystemError.Unavailable, "Storage profile not configured.");
        return profile.Create(user);
    }

    /// <summary>Disposes every profile (their SDK clients).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (Entry entry in _profiles.Values)
        {
            await entry.Profile.DisposeAsync();
        }

        _profiles.Clear();
    }

    private static Entry Read(IConfigurationSection section, Dictionary<string, IFtpStorageKind> kinds)
    {
        string name = section.Key;
        if (!IsValidName(name))
        {
            throw new FtpStorageProfileException(
                $"Storage profile '{name}': the name must be 1 to 64 letters, digits, '.', '_' or '-' (FtpServer:{SectionKey}:{name}).");
        }

        string? kindName = section["Kind"];
        if (string.IsNullOrWhiteSpace(kindName))
        {
            throw new FtpStorageProfileException(
                $"Storage profile '{name}': FtpServer:{SectionKey}:{name}:Kind is required ({KnownKinds(kinds)}).");
        }

        if (!kinds.TryGetValue(kindName.Trim(), out IFtpStorageKind? kind))
        {
            throw new FtpStorageProfileException(
                $"Storage profile '{name}': FtpServer:{SectionKey}:{name}:Kind '{kindName}' is not a storage kind this server has ({KnownKinds(kinds)}).");
        }

        bool optional = ProfileSettings.Bool(section, name, "Optional", false);
        return new Entry(kind.CreateProfile(name, section), optional);
    }

    private static string KnownKinds(Dictionary<string, IFtpStorageKind> kinds) =>
        "known: " + string.Join(", ", kinds.Keys.Order(StringComparer.Ordinal));

    private sealed record Entry(IFtpStorageProfile Profile, bool Optional);
}
