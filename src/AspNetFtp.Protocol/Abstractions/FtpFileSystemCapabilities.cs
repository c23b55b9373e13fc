namespace AspNetFtp.Protocol.Abstractions;

/// <summary>What a storage back end supports, declared as data so the engine can choose.</summary>
[Flags]
public enum FtpFileSystemCapabilities
{
    /// <summary>Only what every storage must do: read, write, list, delete, create and remove directories.</summary>
    None = 0,
    /// <summary>STOR at an offset (REST before STOR).</summary>
    ResumeUpload = 1,
    /// <summary>APPE: writes that add to the end of an existing file.</summary>
    Append = 2,

    /// <summary>MFMT and two-argument MDTM: <see cref="IFtpFileSystem.SetLastWriteTimeAsync"/>.</summary>
    SetModificationTime = 4,

    /// <summary>SITE CHMOD: <see cref="IFtpFileSystem.SetModeAsync"/>.</summary>
    SetMode = 8,
    /// <summary><see cref="IFtpFileSystem.OpenReadAsync"/> returns <see cref="FileStream"/>s with asynchronous handles (sendfile).</summary>
    LocalFiles = 16,
    /// <summary>RNFR/RNTO: <see cref="IFtpFileSystem.RenameAsync"/>.</summary>
    Rename = 32,
}
