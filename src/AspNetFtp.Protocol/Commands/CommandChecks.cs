using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Commands;

/// <summary>
/// The work every row of the command table asks for, done once before its handler: login, TLS, argument
/// shape, permission letter, REST offset, storage capability, path (resolved and looked up, the 550 written
/// here) and the data channel. A handler runs only when all of them passed.
/// </summary>
internal static class CommandChecks
{
    public static async Task RunAsync(FtpCommandContext context, FtpCommand command, CommandRequest request)
    {
        try
        {
            if (await RefusalAsync(context, command, request) is (int code, string text))
            {
                if (code is (530 or 501) && !context.State.IsLoggedIn)
                {
                    // Commands before login, before TLS where it is required, or of the wrong shape: what scanners send.
                    context.Server.Defender.Score(context.RemoteEndPoint.Address, FtpScoreReason.CommandError);
                }

                await context.ReplyAsync(code, text);
                return;
            }

            await command.Handler(context, request);
        }
        catch (FtpFileSystemException ex)
        {
            await context.ReplyStorageErrorAsync(ex, command.Verb);
        }
        catch (Exception ex) when (!FtpSession.IsDisconnect(ex))
        {
            FtpLog.CommandFailed(context.Logger, ex, command.Verb);
            await context.ReplyAsync(451, "Requested action aborted: local error in processing.");
        }
    }

    /// <summary>The reply that refuses the command, or null when the handler may run; fills the request as it goes.</summary>
    private static async ValueTask<(int Code, string Text)?> RefusalAsync(FtpCommandContext context, FtpCommand command, CommandRequest request)
    {
        SessionState state = context.State;
        string verb = command.Verb;
        if (command.NeedsLogin && !state.IsLoggedIn)
        {
            return (530, "Please log in with USER and PASS first.");
        }

        if (!context.IsTlsActive && context.Options.Tls.EffectiveControlRequired && !command.AllowedBeforeTls)
        {
            return (530, "This server requires TLS: use AUTH TLS first.");
        }

        string argument = request.Argument;
        if (command.Argument == ArgumentRule.Required && string.IsNullOrWhiteSpace(argument))
        {
            return (501, $"Syntax error: {verb} needs an argument.");
        }

        if (command.Argument == ArgumentRule.None && argument.Length > 0)
        {
            return (501, $"Syntax error: {verb} takes no argument.");
        }

        if (command.Path != PathRule.None)
        {
            string text = command.PathText is { } transform ? transform(argument) : argument;
            if (!FtpPath.TryResolve(context.State.CurrentDirectory, text.Length == 0 ? command.DefaultPath : text, out FtpPath path, out FtpPathError error))
            {
                return (550, PathErrorText(error));
            }

            request.Path = path;
        }

        // The one permission check: the letter at the path the command acts on (its directory rules included),
        // before anything is looked up, so a refused client learns nothing about what is there.
        if (command.Permission != FtpPermissions.None && !command.PermissionCheckedByHandler
            && !context.HasPermission(command.Permission, command.Path != PathRule.None ? request.Path : context.State.CurrentDirectory))
        {
            return (550, "Permission denied.");
        }

        if (verb is not ("RNFR" or "RNTO"))
        {
            state.RenameFrom = null;
        }

        if (command.Restart != RestartRule.Kept)
        {
            request.RestartOffset = command.Restart == RestartRule.Consumed ? state.RestartOffset : 0;
            state.RestartOffset = 0;
        }

        FtpFileSystemCapabilities needed = command.Requires | (request.RestartOffset > 0 ? command.RequiresWithRestart : 0);
        if (needed != 0 && (context.FileSystem.Capabilities & needed) != needed)
        {
            return (502, (needed & ~command.Requires) != 0 && (context.FileSystem.Capabilities & command.Requires) == command.Requires
                ? $"REST before {verb} is not supported by this storage."
                : $"{verb} is not supported by this storage.");
        }

        if (command.Path != PathRule.None && await PathRefusalAsync(context, command, request) is { } refusal)
        {
            return refusal;
        }

        if (command.Restart == RestartRule.Consumed && command.Path != PathRule.None && request.RestartOffset > (request.Entry?.Length ?? 0))
        {
            return (554, "Restart offset is beyond the end of the file.");
        }

        return command.NeedsDataChannel ? context.CheckDataChannelReady() : null;
    }

    /// <summary>The 550 text for a path <see cref="FtpPath.TryResolve"/> refused.</summary>
    public static string PathErrorText(FtpPathError error) => error switch
    {
        FtpPathError.OutsideRoot => "Path is outside the home directory.",
        FtpPathError.InvalidCharacter => "File name contains forbidden characters.",
        FtpPathError.Reserved => "File name is reserved.",
        _ => "File name too long.",
    };

    private static async ValueTask<(int Code, string Text)?> PathRefusalAsync(FtpCommandContext context, FtpCommand command, CommandRequest request)
    {
        FtpPath path = request.Path;
        if (command.Path == PathRule.Resolve)
        {
            return null;
        }

        FtpFileInfo? entry = await context.FileSystem.GetInfoAsync(path, context.Aborted);
        request.Entry = entry;
        return (command.Path, entry) switch
        {
            (PathRule.WritableFile, { IsDirectory: true }) => (command.WrongKindCode, "Not a regular file."),
            (PathRule.WritableFile, _) => null,
            (_, null) => (550, command.MissingText),
            (PathRule.ExistingFile, { IsDirectory: true }) => (command.WrongKindCode, "Not a regular file."),
            (PathRule.ExistingDirectory, { IsDirectory: false }) => (command.WrongKindCode, "Not a directory."),
            _ => null,
        };
    }
}
