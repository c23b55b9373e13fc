using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>Gives every user a <see cref="FaultyFileSystem"/> throwing the exception <paramref name="fault"/> makes from the user's home.</summary>
internal sealed class FaultyFileSystemFactory(Func<string, Exception> fault) : IFtpFileSystemFactory
{
    public FtpFileSystemCapabilities Capabilities => FaultyFileSystem.Declared;

    public IFtpFileSystem Create(FtpUser user) => new FaultyFileSystem(() => fault(user.HomeDirectory));
}
