using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Protocol.Commands;

/// <summary>
/// One row of the command table: everything checked before the handler runs (login, TLS, argument shape,
/// permission letter, storage capability, path, REST offset, data channel), its FEAT lines and its help text.
/// </summary>
internal sealed record FtpCommand(string Verb, CommandHandler Handler, string Help)
{
    public bool NeedsLogin { get; init; } = true;

    public ArgumentRule Argument { get; init; } = ArgumentRule.Optional;

    public FtpPermissions Permission { get; init; } = FtpPermissions.None;

    /// <summary>
    /// The handler finds its path itself (RNTO after RNFR, MDTM's two forms, MFMT, STOU, CDUP, STAT, SITE CHMOD) and
    /// checks <see cref="Permission"/> there through <c>ResolvePathAsync(text, permission)</c>; the table does not.
    /// </summary>
    public bool PermissionCheckedByHandler { get; init; }

    public bool AllowedBeforeTls { get; init; }

    /// <summary>Runs at once while a transfer goes on (ABOR, STAT, NOOP); other verbs wait for the transfer to end.</summary>
    public bool AllowedDuringTransfer { get; init; }

    public PathRule Path { get; init; } = PathRule.None;

    /// <summary>The path used when the argument is empty (LIST: the current directory; CWD: the root).</summary>
    public string DefaultPath { get; init; } = ".";

    /// <summary>Turns the argument into the path text (LIST and NLST drop <c>ls</c> flags); the argument itself otherwise.</summary>
    public Func<string, string>? PathText { get; init; }

    /// <summary>The 550 text when <see cref="PathRule"/> looks an entry up and nothing is there.</summary>
    public string MissingText { get; init; } = "No such file or directory.";

    /// <summary>The code when the entry is of the wrong kind (a directory for a file rule, a file for a directory rule).</summary>
    public int WrongKindCode { get; init; } = 550;

    public RestartRule Restart { get; init; } = RestartRule.Kept;

    /// <summary>The storage must declare these, or the verb gets 502 from the table.</summary>
    public FtpFileSystemCapabilities Requires { get; init; }

    /// <summary>Needed as well when a non-zero REST offset is consumed (REST + STOR needs resumable uploads).</summary>
    public FtpFileSystemCapabilities RequiresWithRestart { get; init; }

    /// <summary>A transfer verb: PORT/EPRT/PASV/EPSV must have come first (425), and PROT P when required (521).</summary>
    public bool NeedsDataChannel { get; init; }

    /// <summary>The FEAT lines this verb contributes, given the server's TLS and the storage's capabilities.</summary>
    public Func<FeatureContext, IEnumerable<string>>? Features { get; init; }
}
