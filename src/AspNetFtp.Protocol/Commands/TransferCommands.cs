using System.Globalization;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Quotas;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Session;
using AspNetFtp.Protocol.Transfers;

namespace AspNetFtp.Protocol.Commands;

/// <summary>TYPE, MODE, STRU, ALLO, REST, RETR, STOR, APPE, STOU, ABOR (RFC 959 §4.1.2–4.1.3, RFC 3659 §5).</summary>
internal static class TransferCommands
{
    private const int MaxUniqueNameAttempts = 100;

    public static void Register(CommandTable table)
    {
        table.Add(new("TYPE", TypeAsync, "TYPE A|I: ASCII or binary transfers.") { Argument = ArgumentRule.Required });
        table.Add(new("MODE", ModeAsync, "MODE S: stream mode (the only one).") { Argument = ArgumentRule.Required });
        table.Add(new("STRU", StruAsync, "STRU F: file structure (the only one).") { Argument = ArgumentRule.Required });
        table.Add(new("ALLO", AlloAsync, "ALLO <bytes>: accepted; no allocation needed."));
        table.Add(new("REST", RestAsync, "REST <offset>: restart the next RETR or STOR at an offset.")
        {
            Argument = ArgumentRule.Required, Features = _ => ["REST STREAM"],
        });
        table.Add(new("RETR", RetrAsync, "RETR <path>: download a file.")
        {
            Argument = ArgumentRule.Required, Permission = FtpPermissions.Read, Path = PathRule.ExistingFile,
            MissingText = "No such file.", Restart = RestartRule.Consumed, NeedsDataChannel = true,
        });
        table.Add(new("STOR", StorAsync, "STOR <path>: upload a file.")
        {
            Argument = ArgumentRule.Required, Permission = FtpPermissions.Write, Path = PathRule.WritableFile,
            Restart = RestartRule.Consumed, RequiresWithRestart = FtpFileSystemCapabilities.ResumeUpload, NeedsDataChannel = true,
        });
        table.Add(new("APPE", AppeAsync, "APPE <path>: append to a file.")
        {
            Argument = ArgumentRule.Required, Permission = FtpPermissions.Append, Path = PathRule.WritableFile,
            Restart = RestartRule.Cleared, Requires = FtpFileSystemCapabilities.Append, NeedsDataChannel = true,
        });
        table.Add(new("STOU", StouAsync, "STOU [name]: upload under a unique name.")
        {
            // The table checks w at the named directory or file; the handler again at the name it chooses.
            Permission = FtpPermissions.Write, Path = PathRule.Resolve, Restart = RestartRule.Cleared, NeedsDataChannel = true,
        });
        table.Add(new("ABOR", AborAsync, "ABOR: abort the running transfer.")
        {
            NeedsLogin = false, Argument = ArgumentRule.None, AllowedDuringTransfer = true,
        });
    }

    private static async Task TypeAsync(FtpCommandContext context, CommandRequest request)
    {
        string[] parts = request.Argument.Trim().ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (parts)
        {
            case ["A"] or ["A", "N"]:
                context.State.TransferType = TransferType.Ascii;
                await context.ReplyAsync(200, "Type set to A.");
                break;
            case ["I"] or ["L", "8"] or ["L8"]:
                context.State.TransferType = TransferType.Image;
                await context.ReplyAsync(200, "Type set to I.");
                break;
            case ["E", ..] or ["A", "T" or "C"] or ["L", _]:
                await context.ReplyAsync(504, "Type not supported; use A or I.");
                break;
            default:
                await context.ReplyAsync(501, "Syntax: TYPE A|I.");
                break;
        }
    }

    private static async Task ModeAsync(FtpCommandContext context, CommandRequest request)
    {
        switch (request.Argument.Trim().ToUpperInvariant())
        {
            case "S":
                await context.ReplyAsync(200, "Mode set to S.");
                break;
            case "B" or "C" or "Z":
                await context.ReplyAsync(504, "Mode not supported; use S.");
                break;
            default:
                await context.ReplyAsync(501, "Syntax: MODE S.");
                break;
        }
    }

    private static async Task StruAsync(FtpCommandContext context, CommandRequest request)
    {
        switch (request.Argument.Trim().ToUpperInvariant())
        {
            case "F":
                await context.ReplyAsync(200, "Structure set to F.");
                break;
            case "R" or "P":
                await context.ReplyAsync(504, "Structure not supported; use F.");
                break;
            default:
                await context.ReplyAsync(501, "Syntax: STRU F.");
                break;
        }
    }

    private static Task AlloAsync(FtpCommandContext context, CommandRequest request) =>
        context.ReplyAsync(202, "No storage allocation necessary.").AsTask();

    private static async Task RestAsync(FtpCommandContext context, CommandRequest request)
    {
        if (!long.TryParse(request.Argument.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long offset))
        {
            await context.ReplyAsync(501, "REST needs a non-negative byte offset.");
            return;
        }

        context.State.RestartOffset = offset;
        await context.ReplyAsync(350, string.Create(CultureInfo.InvariantCulture, $"Restarting at {offset}. Send STOR or RETR to start the transfer."));
    }

    private static async Task RetrAsync(FtpCommandContext context, CommandRequest request)
    {
        // Opened now, when the path is checked, and only this handle is sent (sendfile included): what the
        // client swaps before connecting to the data port changes nothing.
        Stream source = await context.FileSystem.OpenReadAsync(request.Path, request.RestartOffset, context.Aborted);
        context.StartTransfer(new DownloadTransfer(context, request.Path.Value, source, request.RestartOffset,
            context.State.TransferType == TransferType.Ascii));
    }

    private static async Task StorAsync(FtpCommandContext context, CommandRequest request)
    {
        long offset = request.RestartOffset;
        FtpWriteMode mode = offset > 0 ? FtpWriteMode.Resume : FtpWriteMode.Create;
        if (await CheckQuotaAsync(context, request.Entry, kept: offset) is { } basis)
        {
            StartReceive(context, "STOR", request.Path, ct => context.FileSystem.OpenWriteAsync(request.Path, mode, offset, ct), openingReply: null, basis);
        }
    }

    private static async Task AppeAsync(FtpCommandContext context, CommandRequest request)
    {
        if (await CheckQuotaAsync(context, request.Entry, kept: request.Entry?.Length ?? 0) is { } basis)
        {
            StartReceive(context, "APPE", request.Path, ct => context.FileSystem.OpenWriteAsync(request.Path, FtpWriteMode.Append, 0, ct), openingReply: null, basis);
        }
    }

    private static async Task StouAsync(FtpCommandContext context, CommandRequest request)
    {
        string argument = request.Argument;
        FtpPath requested = request.Path;
        IFtpFileSystem fs = context.FileSystem;
        FtpFileInfo? info = await fs.GetInfoAsync(requested, context.Aborted);
        FtpPath directory = argument.Length == 0 || info is { IsDirectory: true } ? requested : requested.Parent;
        string baseName = argument.Length == 0 || info is { IsDirectory: true } ? "stou" : requested.Name;
        for (int attempt = 0; attempt < MaxUniqueNameAttempts; attempt++)
        {
            string name = attempt == 0 && argument.Length > 0 && info is null
                ? baseName
                : string.Create(CultureInfo.InvariantCulture,
                    $"{baseName[..Math.Min(baseName.Length, FtpPath.MaxNameLength - 7)]}.{Random.Shared.Next(0x100000, 0xFFFFFF):x6}");
            FtpPath candidate = directory.Combine(name);
            if (await fs.GetInfoAsync(candidate, context.Aborted) is not null)
            {
                continue;
            }

            if (!context.HasPermission(FtpPermissions.Write, candidate))
            {
                context.ClearDataSetup();
                await context.ReplyAsync(550, "Permission denied.");
                return;
            }

            // RFC 1123 §4.1.2.9: the 150 reply names the file. CreateNew fails rather than overwrite a racing upload.
            if (await CheckQuotaAsync(context, before: null, kept: 0) is { } basis)
            {
                StartReceive(context, "STOU", candidate, ct => fs.OpenWriteAsync(candidate, FtpWriteMode.CreateNew, 0, ct), openingReply: $"FILE: {name}", basis);
            }

            return;
        }

        context.ClearDataSetup();
        await context.ReplyAsync(450, "No unique name available; try again.");
    }

    /// <summary>
    /// The user's quota before an upload to <paramref name="before"/> (null: a new file) keeping <paramref name="kept"/>
    /// of its bytes: 552 with the reason, before any data connection, when nothing more fits (RFC 959: exceeded
    /// storage allocation); else what the upload starts from, with its reservation of the user's quota.
    /// </summary>
    private static async ValueTask<UploadBasis?> CheckQuotaAsync(FtpCommandContext context, FtpFileInfo? before, long kept)
    {
        if (context.Quota is not { } quota)
        {
            return new UploadBasis(before, Quota: null);
        }

        (string? refusal, QuotaReservation? reservation) = await quota.CheckUploadAsync(before is { IsDirectory: false } ? before.Length : null, kept, context.Aborted);
        if (refusal is null)
        {
            // Held from here; the transfer ends it whatever happens (its FinishAsync always runs).
            return new UploadBasis(before, reservation);
        }

        context.ClearDataSetup();
        await context.ReplyAsync(552, refusal);
        return null;
    }

    private static void StartReceive(FtpCommandContext context, string verb, FtpPath path, Func<CancellationToken, ValueTask<IFtpUpload>> open, string? openingReply, UploadBasis basis) =>
        context.StartTransfer(new UploadTransfer(context, verb, path, open, context.State.TransferType == TransferType.Ascii, basis)
        {
            OpeningReply = openingReply,
        });

    private static Task AborAsync(FtpCommandContext context, CommandRequest request) => context.AbortTransferAsync();
}
