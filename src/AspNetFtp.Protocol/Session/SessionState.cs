using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Commands;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Protocol.Session;

/// <summary>
/// What commands of one session remember between them (RFC 959 §5.4 state diagrams, RFC 4217 protection
/// state): handlers read and change it through their context; login and REIN go through
/// <see cref="SignIn"/> and <see cref="Reset"/>.
/// </summary>
internal sealed class SessionState
{
    /// <summary>The name given by USER, waiting for PASS.</summary>
    public string? PendingUserName { get; set; }

    public int FailedLogins { get; set; }

    /// <summary>The login snapshot; null before login and after REIN.</summary>
    public FtpUser? User { get; private set; }

    /// <summary>The logged-in user's storage; null before login.</summary>
    public IFtpFileSystem? FileSystem { get; private set; }

    /// <summary>The user's letters per path (directory rules included); null before login.</summary>
    public FtpPermissionMap? Permissions { get; private set; }

    public bool IsLoggedIn => User is not null;

    /// <summary>Whether a login succeeded in this session (REIN does not undo it): a session without one scores with the defender.</summary>
    public bool EverLoggedIn { get; private set; }

    public FtpPath CurrentDirectory { get; set; } = FtpPath.Root;

    public TransferType TransferType { get; set; } = TransferType.Ascii;

    /// <summary>The REST offset; the command table hands it to the next command that consumes it and clears it.</summary>
    public long RestartOffset { get; set; }

    /// <summary>The RNFR path; every command but RNFR and RNTO clears it.</summary>
    public FtpPath? RenameFrom { get; set; }

    /// <summary>EPSV ALL was sent: PASV, PORT and EPRT are refused (RFC 2428 §4).</summary>
    public bool EpsvAll { get; set; }

    /// <summary>PBSZ was sent (RFC 4217 §9): PROT may follow.</summary>
    public bool ProtectionBufferSizeSet { get; set; }

    /// <summary>PROT P: data connections use TLS.</summary>
    public bool ProtectData { get; set; }

    public FtpChecksumAlgorithm HashAlgorithm { get; set; } = FtpChecksumAlgorithm.Sha256;

    public MlstFacts SelectedFacts { get; set; } = MlstFacts.Default;

    public void SignIn(FtpUser user, IFtpFileSystem fileSystem)
    {
        User = user;
        Permissions = new FtpPermissionMap(user);
        EverLoggedIn = true;
        FileSystem = fileSystem;
        CurrentDirectory = FtpPath.Root;
        PendingUserName = null;
        FailedLogins = 0;
    }

    /// <summary>REIN (RFC 959 §4.1.1): back to "no user"; the protection level stays with the control connection's TLS.</summary>
    public void Reset()
    {
        User = null;
        Permissions = null;
        FileSystem = null;
        PendingUserName = null;
        CurrentDirectory = FtpPath.Root;
        TransferType = TransferType.Ascii;
        RestartOffset = 0;
        RenameFrom = null;
        EpsvAll = false;
    }
}
