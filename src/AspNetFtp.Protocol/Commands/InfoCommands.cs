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
        table.Add(new("SYST", SystAsync, "SYST: the system type.") { NeedsLogin = false, Argument = ArgumentRule.None, AllowedBeforeTls = true });
        table.Add(new("NOOP", NoopAsync, "NOOP: do nothing.") { NeedsLogin = false, AllowedBeforeTls = true, AllowedDuringTransfer = true });
        table.Add(new("FEAT", FeatAsync, "FEAT: list the extensions supported.") { NeedsLogin = false, Argument = ArgumentRule.None, AllowedBeforeTls = true });
        table.Add(new("OPTS", OptsAsync, "OPTS UTF8 ON | MLST facts | HASH algorithm: set options.")
        {
            NeedsLogin = false, Argument = ArgumentRule.Required, AllowedBeforeTls = true, Features = _ => ["UTF8"],
        });
        table.Add(new("HELP", HelpAsync, "HELP [command]: this help.") { NeedsLogin = false, AllowedBeforeTls = true });
        table.Add(new("STAT", StatAsync, "STAT [path]: session status, or a listing over the control connection.")
        {
            NeedsLogin = false, AllowedDuringTransfer = true,
        });
        table.Add(new("SITE", SiteAsync, "SITE HELP | CHMOD <mode> <path>: site-specific commands.") { Argument = ArgumentRule.Required });
        table.Add(new("CLNT", ClntAsync, "CLNT <name>: the client names itself.") { NeedsLogin = false, AllowedBeforeTls = true });
    }

    private static Task SystAsync(FtpCommandContext context, CommandRequest request) =>
        context.ReplyAsync(215, "UNIX Type: L8").AsTask();

    private static Task NoopAsync(FtpCommandContext context, CommandRequest request) =>
        context.ReplyAsync(200, "NOOP ok.").AsTask();

    private static Task ClntAsync(FtpCommandContext context, CommandRequest request) =>
        context.ReplyAsync(200, "Noted.").AsTask();

    /// <summary>RFC 2389 §3: one line per feature, from the command table and the storage's capabilities.</summary>
    private static Task FeatAsync(FtpCommandContext context, CommandRequest request)
    {
        FtpFileSystemCapabilities capabilities = context.State.FileSystem?.Capabilities ?? context.Server.FileSystems.Capabilities;
        var features = context.Server.Commands.Features(new FeatureContext(context.Server.Tls is not null, capabilities, context.State));
        return context.ReplyMultilineAsync(211, "Features:", features.Select(f => " " + f), "End").AsTask();
    }

    private static async Task OptsAsync(FtpCommandContext context, CommandRequest request)
    {
        string[] parts = request.Argument.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        string option = parts[0].ToUpperInvariant();
        string value = parts.Length > 1 ? parts[1].Trim() : string.Empty;
        switch (option)
        {
            case "UTF8" or "UTF-8":
                if (value.Length == 0 || value.Equals("ON", StringComparison.OrdinalIgnoreCase))
                {
                    await context.ReplyAsync(200, "Always in UTF8 mode.");
                }
                else
                {
                    await context.ReplyAsync(504, "UTF8 cannot be turned off.");
                }

                break;
            case "MLST":
                if (!context.State.IsLoggedIn && context.Options.Tls.EffectiveControlRequired && !context.IsTlsActive)
                {
                    await context.ReplyAsync(530, "Please log in with USER and PASS first.");
                    return;
                }

                context.State.SelectedFacts = MlsxFormatter.ParseFacts(value);
                await context.ReplyAsync(200, "MLST OPTS " + MlsxFormatter.FactNames(context.State.SelectedFacts));
                break;
            case "HASH":
                if (value.Length == 0)
                {
                    await context.ReplyAsync(200, HashCommandSupport.Name(context.State.HashAlgorithm));
                }
                else if (HashCommandSupport.TryParse(value, out FtpChecksumAlgorithm algorithm))
                {
                    context.State.HashAlgorithm = algorithm;
                    await context.ReplyAsync(200, HashCommandSupport.Name(algorithm));
                }
                else
                {
                    await context.ReplyAsync(501, "Unknown hash algorithm.");
                }

                break;
            default:
                await context.ReplyAsync(501, "Unknown option.");
                break;
        }
    }

    private static async Task HelpAsync(FtpCommandContext context, CommandRequest request)
    {
        string verb = request.Argument.Trim().ToUpperInvariant();
        if (verb.Length == 0)
        {
            IEnumerable<string> rows = context.Server.Commands.All
                .Select(c => c.Verb)
                .Chunk(8)
                .Select(chunk => " " + string.Join(' ', chunk.Select(v => v.PadRight(5))));
            await context.ReplyMultilineAsync(214, "The following commands are recognized:", rows, "Help OK.");
            return;
        }

        if (context.Server.Commands.TryGet(verb, out FtpCommand? command))
        {
            await context.ReplyAsync(214, "Syntax: " + command.Help);
        }
        else
        {
            await context.ReplyAsync(501, "Unknown command.");
        }
    }

    private static async Task StatAsync(FtpCommandContext context, CommandRequest request)
    {
        string argument = request.Argument;
        if (argument.Length == 0)
        {
            await context.ReplyMultilineAsync(211, "AspNetFtp status:", StatusLines(context), "End of status.");
            return;
        }

        if (!context.State.IsLoggedIn)
        {
            await context.ReplyAsync(530, "Please log in with USER and PASS first.");
            return;
        }

        if (context.TransferActive)
        {
            await context.ReplyAsync(450, "A transfer is in progress; try STAT again later.");
            return;
        }

        if (await context.ResolvePathAsync(ListingCommands.StripListOptions(argument), FtpPermissions.List) is not { } path)
        {
            return;
        }

        if (await context.FileSystem.GetInfoAsync(path, context.Aborted) is not { } info)
        {
            await context.ReplyAsync(550, "No such file or directory.");
            return;
        }

        IFtpFileSystem fs = context.FileSystem;
        DateTime now = context.Now.UtcDateTime;
        var lines = new List<string>();
        if (info.IsDirectory)
        {
            await foreach (FtpFileInfo entry in fs.ListAsync(path, context.Aborted))
            {
                lines.Add(UnixListFormatter.Format(entry, now));
            }
        }
        else
        {
            lines.Add(UnixListFormatter.Format(info, now));
        }

        await context.ReplyMultilineAsync(213, $"Status of {path}:", lines, "End of status.");
    }

    private static IEnumerable<string> StatusLines(FtpCommandContext context)
    {
        yield return $" Connected from {context.RemoteEndPoint}";
        yield return context.State.IsLoggedIn ? $" Logged in as {context.User!.Name}" : " Not logged in";
        yield return $" TYPE: {(context.State.TransferType == TransferType.Ascii ? "ASCII" : "BINARY")}; STRUcture: File; MODE: Stream";
        yield return context.IsTlsActive
            ? $" Control connection: TLS; data connections: {(context.State.ProtectData ? "private" : "clear")}"
            : " Control connection: plain";
        if (context.CurrentTransfer is { } transfer)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $" Transfer in progress: {transfer.Description}, {transfer.Bytes} bytes so far");
        }
        else
        {
            yield return context.HasDataSetup ? " Data connection: ready" : " Data connection: none";
        }
    }

    private static async Task SiteAsync(FtpCommandContext context, CommandRequest request)
    {
        string[] parts = request.Argument.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        string sub = parts[0].ToUpperInvariant();
        string rest = parts.Length > 1 ? parts[1] : string.Empty;
        switch (sub)
        {
            case "HELP":
                await context.ReplyMultilineAsync(214, "SITE commands:", [" CHMOD <mode> <path>", " HELP"], "Help OK.");
                break;
            case "CHMOD":
                await ChmodAsync(context, rest);
                break;
            default:
                await context.ReplyAsync(500, "Unknown SITE command.");
                break;
        }
    }

    private const int PermissionBits = 0x1FF; // 0777

    private static async Task ChmodAsync(FtpCommandContext context, string argument)
    {
        string[] parts = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !TryParseOctalMode(parts[0], out int mode))
        {
            await context.ReplyAsync(501, "Syntax: SITE CHMOD <octal mode> <path>.");
            return;
        }

        // Permission bits only: setuid, setgid and sticky are a parameter the server does not accept.
        if ((mode & ~PermissionBits) != 0)
        {
            await context.ReplyAsync(501, "Only permission bits (0777) can be set.");
            return;
        }

        if (await context.ResolvePathAsync(parts[1], FtpPermissions.ChangeMode) is not { } path)
        {
            return;
        }

        if (path.IsRoot)
        {
            await context.ReplyAsync(550, "The mode of the home directory cannot be changed.");
            return;
        }

        if ((context.FileSystem.Capabilities & FtpFileSystemCapabilities.SetMode) == 0)
        {
            await context.ReplyAsync(502, "Modes are not supported by this storage.");
            return;
        }

        await context.FileSystem.SetModeAsync(path, (UnixFileMode)mode, context.Aborted);
        await context.ReplyAsync(200, "SITE CHMOD successful.");
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
