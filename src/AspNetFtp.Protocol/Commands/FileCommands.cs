using System.Globalization;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Listing;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Replies;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Commands;

/// <summary>MKD, RMD, DELE, RNFR, RNTO (RFC 959 §4.1.3), SIZE, MDTM (RFC 3659 §3–4), MFMT, HASH.</summary>
internal static class FileCommands
{
    private const string TimeFormat = "yyyyMMddHHmmss";

    public static void Register(CommandTable table)
    {
        foreach (string verb in new[] { "MKD", "XMKD" })
        {
            table.Add(new(verb, MkdAsync, $"{verb} <path>: make a directory.", Argument: ArgumentRule.Required, Permission: FtpPermissions.MakeDirectory));
        }

        foreach (string verb in new[] { "RMD", "XRMD" })
        {
            table.Add(new(verb, RmdAsync, $"{verb} <path>: remove an empty directory.", Argument: ArgumentRule.Required, Permission: FtpPermissions.Delete));
        }

        table.Add(new("DELE", DeleAsync, "DELE <path>: delete a file.", Argument: ArgumentRule.Required, Permission: FtpPermissions.Delete));
        table.Add(new("RNFR", RnfrAsync, "RNFR <path>: rename from.", Argument: ArgumentRule.Required, Permission: FtpPermissions.Rename));
        table.Add(new("RNTO", RntoAsync, "RNTO <path>: rename to.", Argument: ArgumentRule.Required, Permission: FtpPermissions.Rename));
        table.Add(new("SIZE", SizeAsync, "SIZE <path>: size of a file in bytes.", Argument: ArgumentRule.Required, Permission: FtpPermissions.List));
        table.Add(new("MDTM", MdtmAsync, "MDTM [YYYYMMDDHHMMSS] <path>: modification time (UTC); with a time, set it.", Argument: ArgumentRule.Required, Permission: FtpPermissions.List));
        table.Add(new("MFMT", MfmtAsync, "MFMT YYYYMMDDHHMMSS <path>: set the modification time (UTC).", Argument: ArgumentRule.Required, Permission: FtpPermissions.ChangeTime));
        table.Add(new("HASH", HashAsync, "HASH <path>: checksum of a file (see OPTS HASH).", Argument: ArgumentRule.Required, Permission: FtpPermissions.Read));
    }

    private static async Task MkdAsync(FtpSession session, string argument)
    {
        if (await session.ResolvePathAsync(argument) is not { } path)
        {
            return;
        }

        await session.FileSystem!.CreateDirectoryAsync(path, session.SessionAborted);
        session.Publish(new DirectoryCreated(session.Now, path.Value));
        await session.ReplyAsync(257, $"{ReplyText.QuotePath(path.Value)} directory created.");
    }

    private static async Task RmdAsync(FtpSession session, string argument)
    {
        if (await session.ResolvePathAsync(argument) is not { } path)
        {
            return;
        }

        if (path.IsRoot)
        {
            await session.ReplyAsync(550, "Cannot remove the root directory.");
            return;
        }

        await session.FileSystem!.DeleteDirectoryAsync(path, session.SessionAborted);
        session.Publish(new DirectoryDeleted(session.Now, path.Value));
        await session.ReplyAsync(250, "Directory removed.");
    }

    private static async Task DeleAsync(FtpSession session, string argument)
    {
        if (await session.ResolvePathAsync(argument) is not { } path)
        {
            return;
        }

        await session.FileSystem!.DeleteFileAsync(path, session.SessionAborted);
        session.Publish(new FileDeleted(session.Now, path.Value));
        await session.ReplyAsync(250, "File removed.");
    }

    private static async Task RnfrAsync(FtpSession session, string argument)
    {
        if (await session.ResolvePathAsync(argument) is not { } path)
        {
            return;
        }

        if (path.IsRoot || await session.FileSystem!.GetInfoAsync(path.Parent, session.SessionAborted) is null
            || !await ExistsAsync(session, path))
        {
            await session.ReplyAsync(550, "No such file or directory.");
            return;
        }

        session.RenameFrom = path;
        await session.ReplyAsync(350, "Ready for RNTO.");
    }

    private static async Task<bool> ExistsAsync(FtpSession session, FtpPath path)
    {
        if (await session.FileSystem!.GetInfoAsync(path, session.SessionAborted) is not null)
        {
            return true;
        }

        // A dangling link still exists for rename and delete purposes.
        await foreach (FtpFileInfo entry in session.FileSystem.ListAsync(path.Parent, session.SessionAborted))
        {
            if (entry.Name == path.Name)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task RntoAsync(FtpSession session, string argument)
    {
        if (session.RenameFrom is not { } from)
        {
            await session.ReplyAsync(503, "Bad sequence of commands: send RNFR first.");
            return;
        }

        session.RenameFrom = null;
        if (await session.ResolvePathAsync(argument) is not { } to)
        {
            return;
        }

        await session.FileSystem!.RenameAsync(from, to, session.SessionAborted);
        session.Publish(new FileRenamed(session.Now, from.Value, to.Value));
        await session.ReplyAsync(250, "Rename successful.");
    }

    private static async Task SizeAsync(FtpSession session, string argument)
    {
        if (await session.ResolveExistingAsync(argument, "No such file.") is not (_, var info))
        {
            return;
        }

        if (info.IsDirectory)
        {
            await session.ReplyAsync(550, "Not a regular file.");
        }
        else
        {
            // The stored size, in TYPE A too, so clients can resume (RFC 3659 §4 allows this choice).
            await session.ReplyAsync(213, info.Length.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static async Task MdtmAsync(FtpSession session, string argument)
    {
        // Two-argument form (rclone, FileZilla): MDTM YYYYMMDDHHMMSS path sets the time.
        if (SplitTimeAndPath(argument) is ({ } time, { } target)
            && (!FtpPath.TryResolve(session.CurrentDirectory, argument, out FtpPath whole, out _)
                || await session.FileSystem!.GetInfoAsync(whole, session.SessionAborted) is null))
        {
            if (!session.HasPermission(FtpPermissions.ChangeTime))
            {
                await session.ReplyAsync(550, "Permission denied.");
                return;
            }

            await SetTimeAsync(session, time, target);
            return;
        }

        if (await session.ResolveExistingAsync(argument, "No such file.") is (_, var info))
        {
            await session.ReplyAsync(213, MlsxFormatter.FormatTime(info.LastWriteTimeUtc));
        }
    }

    private static async Task MfmtAsync(FtpSession session, string argument)
    {
        if (SplitTimeAndPath(argument) is not ({ } time, { } target))
        {
            await session.ReplyAsync(501, "Syntax: MFMT YYYYMMDDHHMMSS path.");
            return;
        }

        await SetTimeAsync(session, time, target);
    }

    private static async Task SetTimeAsync(FtpSession session, DateTime time, string target)
    {
        if (await session.ResolvePathAsync(target) is not { } path)
        {
            return;
        }

        if ((session.FileSystem!.Capabilities & FtpFileSystemCapabilities.SetModificationTime) == 0)
        {
            await session.ReplyAsync(502, "Setting times is not supported by this storage.");
            return;
        }

        await session.FileSystem.SetLastWriteTimeAsync(path, time, session.SessionAborted);
        await session.ReplyAsync(213, $"Modify={MlsxFormatter.FormatTime(time)}; {path}");
    }

    /// <summary>Splits <c>YYYYMMDDHHMMSS[.sss] path</c>; null when the first word is not such a time.</summary>
    internal static (DateTime? Time, string? Path) SplitTimeAndPath(string argument)
    {
        int space = argument.IndexOf(' ', StringComparison.Ordinal);
        if (space < 14 || space == argument.Length - 1)
        {
            return (null, null);
        }

        string stamp = argument[..space];
        int dot = stamp.IndexOf('.', StringComparison.Ordinal);
        string whole = dot < 0 ? stamp : stamp[..dot];
        if (whole.Length != 14 || !DateTime.TryParseExact(whole, TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time))
        {
            return (null, null);
        }

        if (dot >= 0)
        {
            string fraction = stamp[(dot + 1)..];
            if (fraction.Length is 0 or > 3 || !fraction.All(char.IsAsciiDigit))
            {
                return (null, null);
            }

            time = time.AddMilliseconds(int.Parse(fraction.PadRight(3, '0'), CultureInfo.InvariantCulture));
        }

        return (DateTime.SpecifyKind(time, DateTimeKind.Utc), argument[(space + 1)..]);
    }

    private static async Task HashAsync(FtpSession session, string argument)
    {
        if (await session.ResolveExistingAsync(argument, "No such file.") is not (var path, var info))
        {
            return;
        }

        if (info.IsDirectory)
        {
            await session.ReplyAsync(550, "Not a regular file.");
            return;
        }

        HashAlgorithmKind algorithm = session.HashAlgorithm;
        string digest;
        await using (Stream stream = await session.FileSystem!.OpenReadAsync(path, 0, session.SessionAborted))
        {
            digest = await HashCommandSupport.ComputeAsync(stream, algorithm, session.SessionAborted);
        }

        await session.ReplyAsync(213, string.Create(CultureInfo.InvariantCulture,
            $"{HashCommandSupport.Name(algorithm)} 0-{info.Length} {digest} {path}"));
    }
}
