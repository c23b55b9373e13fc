using System.Globalization;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Commands;

/// <summary>TYPE, MODE, STRU, ALLO, REST, RETR, STOR, APPE, STOU, ABOR (RFC 959 §4.1.2–4.1.3, RFC 3659 §5).</summary>
internal static class TransferCommands
{
    private const int MaxUniqueNameAttempts = 100;

    public static void Register(CommandTable table)
    {
        table.Add(new("TYPE", TypeAsync, "TYPE A|I: ASCII or binary transfers.", Argument: ArgumentRule.Required));
        table.Add(new("MODE", ModeAsync, "MODE S: stream mode (the only one).", Argument: ArgumentRule.Required));
        table.Add(new("STRU", StruAsync, "STRU F: file structure (the only one).", Argument: ArgumentRule.Required));
        table.Add(new("ALLO", AlloAsync, "ALLO <bytes>: accepted; no allocation needed."));
        table.Add(new("REST", RestAsync, "REST <offset>: restart the next RETR or STOR at an offset.", Argument: ArgumentRule.Required));
        table.Add(new("RETR", RetrAsync, "RETR <path>: download a file.", Argument: ArgumentRule.Required, Permission: FtpPermissions.Read));
        table.Add(new("STOR", StorAsync, "STOR <path>: upload a file.", Argument: ArgumentRule.Required, Permission: FtpPermissions.Write));
        table.Add(new("APPE", AppeAsync, "APPE <path>: append to a file.", Argument: ArgumentRule.Required, Permission: FtpPermissions.Append));
        table.Add(new("STOU", StouAsync, "STOU [name]: upload under a unique name.", Permission: FtpPermissions.Write));
        table.Add(new("ABOR", AborAsync, "ABOR: abort the running transfer.", NeedsLogin: false, Argument: ArgumentRule.None, AllowedDuringTransfer: true));
    }

    private static async Task TypeAsync(FtpSession session, string argument)
    {
        string[] parts = argument.Trim().ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (parts)
        {
            case ["A"] or ["A", "N"]:
                session.TransferType = TransferType.Ascii;
                await session.ReplyAsync(200, "Type set to A.");
                break;
            case ["I"] or ["L", "8"] or ["L8"]:
                session.TransferType = TransferType.Image;
                await session.ReplyAsync(200, "Type set to I.");
                break;
            case ["E", ..] or ["A", "T" or "C"] or ["L", _]:
                await session.ReplyAsync(504, "Type not supported; use A or I.");
                break;
            default:
                await session.ReplyAsync(501, "Syntax: TYPE A|I.");
                break;
        }
    }

    private static async Task ModeAsync(FtpSession session, string argument)
    {
        switch (argument.Trim().ToUpperInvariant())
        {
            case "S":
                await session.ReplyAsync(200, "Mode set to S.");
                break;
            case "B" or "C" or "Z":
                await session.ReplyAsync(504, "Mode not supported; use S.");
                break;
            default:
                await session.ReplyAsync(501, "Syntax: MODE S.");
                break;
        }
    }

    private static async Task StruAsync(FtpSession session, string argument)
    {
        switch (argument.Trim().ToUpperInvariant())
        {
            case "F":
                await session.ReplyAsync(200, "Structure set to F.");
                break;
            case "R" or "P":
                await session.ReplyAsync(504, "Structure not supported; use F.");
                break;
            default:
                await session.ReplyAsync(501, "Syntax: STRU F.");
                break;
        }
    }

    private static Task AlloAsync(FtpSession session, string argument) =>
        session.ReplyAsync(202, "No storage allocation necessary.").AsTask();

    private static async Task RestAsync(FtpSession session, string argument)
    {
        if (!long.TryParse(argument.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long offset))
        {
            await session.ReplyAsync(501, "REST needs a non-negative byte offset.");
            return;
        }

        session.RestartOffset = offset;
        await session.ReplyAsync(350, string.Create(CultureInfo.InvariantCulture, $"Restarting at {offset}. Send STOR or RETR to start the transfer."));
    }

    private static async Task RetrAsync(FtpSession session, string argument)
    {
        long offset = session.RestartOffset;
        session.RestartOffset = 0;
        if (await session.ResolveExistingAsync(argument, "No such file.") is not (var path, var info))
        {
            return;
        }

        IFtpFileSystem fs = session.FileSystem!;
        if (info.IsDirectory)
        {
            await session.ReplyAsync(550, "Not a regular file.");
            return;
        }

        if (offset > info.Length)
        {
            await session.ReplyAsync(554, "Restart offset is beyond the end of the file.");
            return;
        }

        if (!await session.EnsureDataChannelReadyAsync())
        {
            return;
        }

        // Opened now, when the path is checked, and only this handle is sent (sendfile included): what the
        // client swaps before connecting to the data port changes nothing.
        bool ascii = session.TransferType == TransferType.Ascii;
        Stream? source = await fs.OpenReadAsync(path, offset, session.SessionAborted);
        FileStream? zeroCopy = session.Options.UseSendfile && !session.ProtectData && !ascii
            && (fs.Capabilities & FtpFileSystemCapabilities.LocalFiles) != 0 && source is FileStream { IsAsync: true } file ? file : null;
        TimeSpan stall = TimeSpan.FromSeconds(session.Options.DataTimeout);
        session.StartDataTransfer(
            "RETR",
            async (connection, progress, ct) =>
            {
                if (zeroCopy is not null && !connection.IsTls)
                {
                    await ZeroCopySender.SendAsync(connection.Socket, zeroCopy, offset, stall, progress, ct);
                }
                else
                {
                    await TransferPump.CopyAsync(source!, connection.Stream,
                        ascii ? LineEndingConversion.ToNetwork : LineEndingConversion.None, stall, progress, ct);
                }
            },
            async (complete, bytes) =>
            {
                if (source is not null)
                {
                    await source.DisposeAsync();
                    source = null;
                }

                FtpLog.Transfer(session.Logger, "sent", path.Value, bytes, complete ? "complete" : "incomplete");
                session.Publish(new FileSent(session.Now, path.Value, bytes, complete));
            });
    }

    private static Task StorAsync(FtpSession session, string argument)
    {
        long offset = session.RestartOffset;
        session.RestartOffset = 0;
        return ReceiveAsync(session, argument, offset > 0 ? FtpWriteMode.Resume : FtpWriteMode.Create, offset);
    }

    private static Task AppeAsync(FtpSession session, string argument)
    {
        session.RestartOffset = 0;
        return ReceiveAsync(session, argument, FtpWriteMode.Append, 0);
    }

    private static async Task ReceiveAsync(FtpSession session, string argument, FtpWriteMode mode, long offset)
    {
        if (await session.ResolvePathAsync(argument) is not { } path)
        {
            return;
        }

        IFtpFileSystem fs = session.FileSystem!;
        FtpFileSystemCapabilities needed = mode switch
        {
            FtpWriteMode.Resume => FtpFileSystemCapabilities.ResumeUpload,
            FtpWriteMode.Append => FtpFileSystemCapabilities.Append,
            _ => FtpFileSystemCapabilities.None,
        };
        if ((fs.Capabilities & needed) != needed)
        {
            await session.ReplyAsync(502, mode == FtpWriteMode.Append ? "APPE is not supported by this storage." : "REST before STOR is not supported by this storage.");
            return;
        }

        FtpFileInfo? existing = await fs.GetInfoAsync(path, session.SessionAborted);
        if (existing is { IsDirectory: true })
        {
            await session.ReplyAsync(550, "Not a regular file.");
            return;
        }

        if (mode == FtpWriteMode.Resume && offset > (existing?.Length ?? 0))
        {
            await session.ReplyAsync(554, "Restart offset is beyond the end of the file.");
            return;
        }

        if (!await session.EnsureDataChannelReadyAsync())
        {
            return;
        }

        // The target is opened only once the data connection is up, so a failed connection truncates nothing.
        StartReceive(session, path, ct => fs.OpenWriteAsync(path, mode, offset, ct), openingReply: null);
    }

    private static async Task StouAsync(FtpSession session, string argument)
    {
        session.RestartOffset = 0;
        if (await session.ResolvePathAsync(argument.Length == 0 ? "." : argument) is not { } requested)
        {
            return;
        }

        IFtpFileSystem fs = session.FileSystem!;
        FtpFileInfo? info = await fs.GetInfoAsync(requested, session.SessionAborted);
        FtpPath directory = argument.Length == 0 || info is { IsDirectory: true } ? requested : requested.Parent;
        string baseName = argument.Length == 0 || info is { IsDirectory: true } ? "stou" : requested.Name;
        if (!await session.EnsureDataChannelReadyAsync())
        {
            return;
        }

        for (int attempt = 0; attempt < MaxUniqueNameAttempts; attempt++)
        {
            string name = attempt == 0 && argument.Length > 0 && info is null
                ? baseName
                : string.Create(CultureInfo.InvariantCulture,
                    $"{baseName[..Math.Min(baseName.Length, FtpPath.MaxNameLength - 7)]}.{Random.Shared.Next(0x100000, 0xFFFFFF):x6}");
            FtpPath candidate = directory.Combine(name);
            if (await fs.GetInfoAsync(candidate, session.SessionAborted) is not null)
            {
                continue;
            }

            // RFC 1123 §4.1.2.9: the 150 reply names the file. CreateNew fails rather than overwrite a racing upload.
            StartReceive(session, candidate, ct => fs.OpenWriteAsync(candidate, FtpWriteMode.CreateNew, 0, ct), openingReply: $"FILE: {name}");
            return;
        }

        session.ClearDataSetup();
        await session.ReplyAsync(450, "No unique name available; try again.");
    }

    private static void StartReceive(FtpSession session, FtpPath path, Func<CancellationToken, ValueTask<Stream>> openTarget, string? openingReply)
    {
        bool ascii = session.TransferType == TransferType.Ascii;
        TimeSpan stall = TimeSpan.FromSeconds(session.Options.DataTimeout);
        Stream? target = null;
        session.StartDataTransfer(
            "STOR",
            async (connection, progress, ct) =>
            {
                target = await openTarget(ct);
                await TransferPump.CopyAsync(connection.Stream, target,
                    ascii ? LineEndingConversion.FromNetwork : LineEndingConversion.None, stall, progress, ct);
            },
            async (complete, bytes) =>
            {
                if (target is not null)
                {
                    await target.DisposeAsync();
                    target = null;
                }

                FtpLog.Transfer(session.Logger, "received", path.Value, bytes, complete ? "complete" : "incomplete");
                session.Publish(new FileReceived(session.Now, path.Value, bytes, complete));
            },
            openingReply,
            upload: true);
    }

    private static Task AborAsync(FtpSession session, string argument) => session.AbortTransferAsync();
}
