using Microsoft.Extensions.Configuration;

namespace AspNetFtp.Protocol.Abstractions;

/// <summary>
/// A kind of storage that named profiles (<c>FtpServer:Storage:Profiles:&lt;name&gt;</c>, whose <c>Kind</c> key names it)
/// can use: <c>Local</c> is built in; a storage package registers its own (<c>S3</c>, <c>AzureBlob</c>).
/// </summary>
public interface IFtpStorageKind
{
    /// <summary>The value of a profile's <c>Kind</c> key that selects this kind, compared without case.</summary>
    string Name { get; }

    /// <summary>
    /// Reads one profile's settings and makes its storage, reaching nothing yet (the readiness check does that).
    /// </summary>
    /// <param name="profileName">The profile's name, for messages.</param>
    /// <param name="settings">The profile's configuration section.</param>
    /// <exception cref="FtpStorageProfileException">A setting is missing or wrong; the message names the key.</exception>
    IFtpStorageProfile CreateProfile(string profileName, IConfigurationSection settings);
}
