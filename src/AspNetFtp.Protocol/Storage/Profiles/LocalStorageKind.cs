using AspNetFtp.Protocol.Abstractions;
using Microsoft.Extensions.Configuration;

namespace AspNetFtp.Protocol.Storage.Profiles;

/// <summary>
/// The built-in <c>Local</c> kind: a directory on this machine (<c>Root</c>, which may hold <c>{username}</c>; relative to
/// the working directory) holding the users' files instead of their home directories, with the jail and upload modes
/// of the default local storage.
/// </summary>
internal sealed class LocalStorageKind(FtpUploadMode uploadMode) : IFtpStorageKind
{
    public string Name => "Local";

    public IFtpStorageProfile CreateProfile(string profileName, IConfigurationSection settings)
    {
        string root = ProfileSettings.Required(settings, profileName, "Root");
        return new LocalStorageProfile(profileName, Path.GetFullPath(root), uploadMode);
    }

    private sealed class LocalStorageProfile(string name, string root, FtpUploadMode uploadMode) : IFtpStorageProfile
    {
        private readonly LocalFileSystemFactory _local = new(uploadMode);

        public FtpFileSystemCapabilities Capabilities => _local.Capabilities;

        public IFtpFileSystem Create(FtpUser user)
        {
            ArgumentNullException.ThrowIfNull(user);
            string home = UserNameTemplate.Expand(root, user.Name);
            return _local.Create(user with { HomeDirectory = home });
        }

        public Task<FtpReadiness> CheckAsync(CancellationToken cancellationToken)
        {
            // The directory that must exist: the root itself, or where the per-user directories are made.
            string fixedPart = UserNameTemplate.IsPerUser(root)
                ? root[..root.IndexOf(UserNameTemplate.Placeholder, StringComparison.OrdinalIgnoreCase)]
                : root;
            string directory = fixedPart.EndsWith('/') || !UserNameTemplate.IsPerUser(root)
                ? fixedPart
                : Path.GetDirectoryName(fixedPart) ?? fixedPart;
            return Task.FromResult(Directory.Exists(directory)
                ? FtpReadiness.Ready
                : FtpReadiness.Broken($"Storage profile '{name}': the directory {directory} does not exist ({ProfileSettings.KeyOf(name, "Root")})."));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
