using System.Globalization;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Listing;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Commands;

/// <summary>SYST, NOOP, FEAT, OPTS, HELP, STAT, SITE, CLNT (RFC 959 §4.1.3, RFC 2389, RFC 3659 §7.8).</summary>
internal static class InfoCommands
{
    public static void Register(CommandTable table)
    {
        table.Add(new("SYST", SystAsync, "SYST: the system type.", NeedsLogin: false, Argument: ArgumentRule.None, AllowedBeforeTls: true));
        table.Add(new("NOOP", NoopAsync, "NOOP: do nothing.", NeedsLogin: false, AllowedBeforeTls: true, AllowedDuringTransfer: true));
        table.Add(new("FEAT", FeatAsync, "FEAT: list the extensions supported.", NeedsLogin: false, Argument: ArgumentRule.None, AllowedBeforeTls: true));
        table.Add(new("OPTS", OptsAsync, "OPTS UTF8 ON | MLST facts | HASH algorithm: set options.", NeedsLogin: false, Argument: ArgumentRule.Required, AllowedBeforeTls: true));
        table.Add(new("HELP", HelpAsync, "HELP [command]: this help.", NeedsLogin: false, AllowedBeforeTls: true));
        table.Add(new("STAT", StatAsync, "STAT [path]: session status, or a listing over the control connection.", NeedsLogin: false, AllowedDuringTransfer: true));
        table.Add(new("SITE", SiteAsync, "SITE HELP | CHMOD <mode> <path>: site-specific commands.", Argument: ArgumentRule.Required));
        table.Add(new("CLNT", ClntAsync, "CLNT <name>: the client names itself.", NeedsLogin: false, AllowedBeforeTls: true));
    }

    private static Task SystAsync(FtpSession session, string argument) =>
        session.ReplyAsync(215, "UNIX Type: L8").AsTask();

    private static Task NoopAsync(FtpSession session, string argument) =>
        session.ReplyAsync(200, "NOOP ok.").AsTask();

    private static Task ClntAsync(FtpSession session, string argument) =>
        session.ReplyAsync(200, "Noted.").AsTask();

    private static Task FeatAsync(FtpSession session, string argument)
    {
        var features = new List<string>();
        if (session.Context.Tls is not null)
        {
            features.Add(" AUTH TLS");
            features.Add(" AUTH SSL");
            features.Add(" PBSZ");
            features.Add(" PROT");
        }

        features.Add(" EPRT");
        features.Add(" EPSV");
        features.Add(" HASH " + HashCommandSupport.FeatureList(session.HashAlgorithm));
        features.Add(" MDTM");
        features.Add(" MFMT");
        features.Add(" MLST " + MlsxFormatter.FeatureList(session.SelectedFacts));
        features.Add(" REST STREAM");
        features.Add(" SIZE");
        features.Add(" TVFS");
        features.Add(" UTF8");
        return session.ReplyMultilineAsync(211, "Features:", features, "End").AsTask();
    }

    private static async Task OptsAsync(FtpSession session, string argument)
    {
        string[] parts = argument.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        string option = parts[0].ToUpperInvariant();
        string value = parts.Length > 1 ? parts[1].Trim() : string.Empty;
        switch (option)
        {
            case "UTF8" or "UTF-8":
                if (value.Length == 0 || value.Equals("ON", StringComparison.OrdinalIgnoreCase))
                {
                    await session.ReplyAsync(200, "Always in UTF8 mode.");
                }
                else
                {
                    await session.ReplyAsync(504, "UTF8 cannot be turned off.");
                }

                break;
            case "MLST":
                if (!session.IsLoggedIn && session.Options.EffectiveTlsControlRequired && !session.IsTlsActive)
                {
                    await session.ReplyAsync(530, "Please log in with USER and PASS first.");
                    return;
                }

                session.SelectedFacts = MlsxFormatter.ParseFacts(value);
                await session.ReplyAsync(200, "MLST OPTS " + MlsxFormatter.FactNames(session.SelectedFacts));
                break;
            case "HASH":
                if (value.Length == 0)
                {
                    await session.ReplyAsync(200, HashCommandSupport.Name(session.HashAlgorithm));
                }
                else if (HashCommandSupport.TryParse(value, out HashAlgorithmKind algorithm))
                {
                    session.HashAlgorithm = algorithm;
                    await session.ReplyAsync(200, HashCommandSupport.Name(algorithm));
                }
                else
                {
                    await session.ReplyAsync(501, "Unknown hash algorithm.");
                }

                break;
            default:
                await session.ReplyAsync(501, "Unknown option.");
                break;
        }
    }

    private static async Task HelpAsync(FtpSession session, string argument)
    {
        string verb = argument.Trim().ToUpperInvariant();
        if (verb.Length == 0)
        {
            IEnumerable<string> rows = session.Context.Commands.All
                .Select(c => c.Verb)
                .Chunk(8)
                .Select(chunk => " " + string.Join(' ', chunk.Select(v => v.PadRight(5))));
            await session.ReplyMultilineAsync(214, "The following commands are recognized:", rows, "Help OK.");
            return;
        }

        if (session.Context.Commands.TryGet(verb, out FtpCommand? command))
        {
            await session.ReplyAsync(214, "Syntax: " + command.Help);
        }
        else
        {
            await session.ReplyAsync(501, "Unknown command.");
        }
    }

    private static async Task StatAsync(FtpSession session, string argument)
    {
        if (argument.Length == 0)
        {
            await session.ReplyMultilineAsync(211, "AspNetFtp status:", StatusLines(session), "End of status.");
            return;
        }

        if (!session.IsLoggedIn)
        {
            await session.ReplyAsync(530, "Please log in with USER and PASS first.");
            return;
        }

        if (session.TransferActive)
        {
            await session.ReplyAsync(450, "A transfer is in progress; try STAT again later.");
            return;
        }

        if (!session.HasPermission(FtpPermissions.List))
        {
            await session.ReplyAsync(550, "Permission denied.");
            return;
        }

        if (await session.ResolveExistingAsync(ListingCommands.StripListOptions(argument)) is not (var path, var info))
        {
            return;
        }

        IFtpFileSystem fs = session.FileSystem!;
        DateTime now = session.Now.UtcDateTime;
        var lines = new List<string>();
        if (info.IsDirectory)
        {
            await foreach (FtpFileInfo entry in fs.ListAsync(path, session.SessionAborted))
            {
                lines.Add(UnixListFormatter.Format(entry, now));
            }
        }
        else
        {
            lines.Add(UnixListFormatter.Format(info, now));
        }

        await session.ReplyMultilineAsync(213, $"Status of {path}:", lines, "End of status.");
    }

    private static IEnumerable<string> StatusLines(FtpSession session)
    {
        yield return $" Connected from {session.RemoteEndPoint}";
        yield return session.IsLoggedIn ? $" Logged in as {session.User!.Name}" : " Not logged in";
        yield return $" TYPE: {(session.TransferType == TransferType.Ascii ? "ASCII" : "BINARY")}; STRUcture: File; MODE: Stream";
        yield return session.IsTlsActive
            ? $" Control connection: TLS; data connections: {(session.ProtectData ? "private" : "clear")}"
            : " Control connection: plain";
        if (session.CurrentTransfer is { } transfer)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $" Transfer in progress: {transfer.Description}, {transfer.Bytes} bytes so far");
        }
        else
        {
            yield return session.HasDataSetup ? " Data connection: ready" : " Data connection: none";
        }
    }

    private static async Task SiteAsync(FtpSession session, string argument)
    {
        string[] parts = argument.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        string sub = parts[0].ToUpperInvariant();
        string rest = parts.Length > 1 ? parts[1] : string.Empty;
        switch (sub)
        {
            case "HELP":
                await session.ReplyMultilineAsync(214, "SITE commands:", [" CHMOD <mode> <path>", " HELP"], "Help OK.");
                break;
            case "CHMOD":
                await ChmodAsync(session, rest);
                break;
            default:
                await session.ReplyAsync(500, "Unknown SITE command.");
                break;
        }
    }

    private const int PermissionBits = 0x1FF; // 0777

    private static async Task ChmodAsync(FtpSession session, string argument)
    {
        if (!session.HasPermission(FtpPermissions.ChangeMode))
        {
            await session.ReplyAsync(550, "Permission denied.");
            return;
        }

        string[] parts = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !TryParseOctalMode(parts[0], out int mode))
        {
            await session.ReplyAsync(501, "Syntax: SITE CHMOD <octal mode> <path>.");
            return;
        }

        // Permission bits only: setuid, setgid and sticky are a parameter the server does not accept.
        if ((mode & ~PermissionBits) != 0)
        {
            await session.ReplyAsync(501, "Only permission bits (0777) can be set.");
            return;
        }

        if (await session.ResolvePathAsync(parts[1]) is not { } path)
        {
            return;
        }

        if (path.IsRoot)
        {
            await session.ReplyAsync(550, "The mode of the home directory cannot be changed.");
            return;
        }

        if ((session.FileSystem!.Capabilities & FtpFileSystemCapabilities.SetMode) == 0)
        {
            await session.ReplyAsync(502, "Modes are not supported by this storage.");
            return;
        }

        await session.FileSystem.SetModeAsync(path, (UnixFileMode)mode, session.SessionAborted);
        await session.ReplyAsync(200, "SITE CHMOD successful.");
    }

    internal static bool TryParseOctalMode(string text, out int mode)
    {
        mode = 0;
        if (text.Length is 0 or > 4)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is < '0' or > '7')
            {
                return false;
            }

            mode = (mode * 8) + (c - '0');
        }

        return true;
    }

}
