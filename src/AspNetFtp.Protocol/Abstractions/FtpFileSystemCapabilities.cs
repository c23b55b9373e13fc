namespace AspNetFtp.Protocol.Abstractions;

/// <summary>What a storage back end supports, declared as data so the engine can choose.</summary>
[Flags]
public enum FtpFileSystemCapabilities
{
    None = 0,
    /// <summary>STOR at an offset (REST before STOR).</summary>
    ResumeUpload = 1,
    Append = 2,
    SetModificationTime = 4,
    SetMode = 8,
    /// <summary><see cref="IFtpFileSystem.OpenReadAsync"/> returns <see cref="FileStream"/>s with asynchronous handles (sendfile).</summary>
    LocalFiles = 16,
    Rename = 32,
}
