using System.Globalization;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Listing;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Replies;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Commands;

/// <summary>MKD, RMD, DELE, RNFR, RNTO (RFC 959 §4.1.3), SIZE, MDTM (RFC 3659 §3–4), MFMT, HASH and the X-digest commands.</summary>
internal static class FileCommands
{
    private const string TimeFormat = "yyyyMMddHHmmss";

    public static void Register(CommandTable table)
    {
        foreach (string verb in new[] { "MKD", "XMKD" })
        {
            table.Add(new(verb, MkdAsync, $"{verb} <path>: make a directory.")
            {
                Argument = ArgumentRule.Required, Permission = FtpPermissions.MakeDirectory, Path = PathRule.Resolve,
            });
        }

        foreach (string verb in new[] { "RMD", "XRMD" })
        {
            table.Add(new(verb, RmdAsync, $"{verb} <path>: remove an empty directory.")
            {
                Argument = ArgumentRule.Required, Permission = FtpPermissions.Delete, Path = PathRule.Resolve,
            });
        }

        table.Add(new("DELE", DeleAsync, "DELE <path>: delete a file.")
        {
            Argument = ArgumentRule.Required, Permission = FtpPermissions.Delete, Path = PathRule.Resolve,
        });
        table.Add(new("RNFR", RnfrAsync, "RNFR <path>: rename from.")
        {
            Argument = ArgumentRule.Required, Permission = FtpPermissions.Rename, Path = PathRule.Resolve,
            Requires = FtpFileSystemCapabilities.Rename,
        });
        table.Add(new("RNTO", RntoAsync, "RNTO <path>: rename to.")
        {
            Argument = ArgumentRule.Required, Permission = FtpPermissions.Rename, PermissionCheckedByHandler = true,
            Requires = FtpFileSystemCapabilities.Rename,
        });
        table.Add(new("SIZE", SizeAsync, "SIZE <path>: size of a file in bytes.")
        {
            Argument = ArgumentRule.Required, Permission = FtpPermissions.List, Path = PathRule.ExistingFile, MissingText = "No such file.",
            Features = _ => ["SIZE"],
        });
        table.Add(new("MDTM", MdtmAsync, "MDTM [YYYYMMDDHHMMSS] <path>: modification time (UTC); with a time, set it.")
        {
            Argument = ArgumentRule.Required, Permission = FtpPermissions.List, PermissionCheckedByHandler = true, Features = _ => ["MDTM"],
        });
        table.Add(new("MFMT", MfmtAsync, "MFMT YYYYMMDDHHMMSS <path>: set the modification time (UTC).")
        {
            Argument = ArgumentRule.Required, Permission = FtpPermissions.ChangeTime, PermissionCheckedByHandler = true,
            Requires = FtpFileSystemCapabilities.SetModificationTime,
            Features = f => (f.Capabilities & FtpFileSystemCapabilities.SetModificationTime) != 0 ? ["MFMT"] : [],
        });
        table.Add(new("HASH", HashAsync, "HASH <path>: checksum of a file (see OPTS HASH).")
        {
            Argument = ArgumentRule.Required, Permission = FtpPermissions.Read, Path = PathRule.ExistingFile, MissingText = "No such file.",
            Features = f => ["HASH " + HashCommandSupport.FeatureList(f.State.HashAlgorithm)],
        });

        // The digest commands many clients send instead of HASH (ProFTPD's mod_digest names): 250 and the hexadecimal digest.
        foreach ((string verb, FtpChecksumAlgorithm algorithm) in new[]
        {
            ("XCRC", FtpChecksumAlgorithm.Crc32), ("XMD5", FtpChecksumAlgorithm.Md5),
            ("XSHA1", FtpChecksumAlgorithm.Sha1), ("XSHA256", FtpChecksumAlgorithm.Sha256),
        })
        {
            table.Add(new(verb, (context, request) => DigestAsync(context, request, algorithm), $"{verb} <path>: {HashCommandSupport.Name(algorithm)} of a whole file.")
            {
                Argument = ArgumentRule.Required, Permission = FtpPermissions.Read, Path = PathRule.ExistingFile, MissingText = "No such file.",
                Features = _ => [verb],
            });
        }
    }

    private static async Task MkdAsync(FtpCommandContext context, CommandRequest request)
    {
        FtpPath path = request.Path;
        await context.FileSystem.CreateDirectoryAsync(path, context.Aborted);
        context.Publish(new DirectoryCreated(context.Now, path.Value));
        await context.ReplyAsync(257, $"{ReplyText.QuotePath(path.Value)} directory created.");
    }

    private static async Task RmdAsync(FtpCommandContext context, CommandRequest request)
    {
        FtpPath path = request.Path;
        if (path.IsRoot)
        {
            await context.ReplyAsync(550, "Cannot remove the root directory.");
            return;
        }

        await context.FileSystem.DeleteDirectoryAsync(path, context.Aborted);
        context.Publish(new DirectoryDeleted(context.Now, path.Value));
        await context.ReplyAsync(250, "Directory removed.");
    }

    private static async Task DeleAsync(FtpCommandContext context, CommandRequest request)
    {
        FtpPath path = request.Path;
        long? released = await CountedLengthAsync(context, path);
        await context.FileSystem.DeleteFileAsync(path, context.Aborted);
        if (released is long length)
        {
            await context.Quota!.ReleaseFileAsync(length, context.Aborted);
        }

        context.Publish(new FileDeleted(context.Now, path.Value));
        await context.ReplyAsync(250, "File removed.");
    }

    /// <summary>
    /// The length of the regular file at <paramref name="path"/> as the quota usage counts it (links and directories
    /// are not counted), or null: nothing counted there, or the session does not track the usage.
    /// </summary>
    private static async ValueTask<long?> CountedLengthAsync(FtpCommandContext context, FtpPath path) =>
        context.Quota is not null && await context.FileSystem.GetInfoAsync(path, context.Aborted) is { IsDirectory: false, IsSymbolicLink: false } entry
            ? entry.Length
            : null;

    private static async Task RnfrAsync(FtpCommandContext context, CommandRequest request)
    {
        FtpPath path = request.Path;
        if (context.State.Permissions!.HasRulesBelow(path))
        {
            await context.ReplyAsync(550, "Permission denied: directory rules apply below this path.");
            return;
        }

        if (path.IsRoot || await context.FileSystem.GetInfoAsync(path.Parent, context.Aborted) is null
            || !await ExistsAsync(context, path))
        {
            await context.ReplyAsync(550, "No such file or directory.");
            return;
        }

        context.State.RenameFrom = path;
        await context.ReplyAsync(350, "Ready for RNTO.");
    }

    private static async Task<bool> ExistsAsync(FtpCommandContext context, FtpPath path)
    {
        if (await context.FileSystem.GetInfoAsync(path, context.Aborted) is not null)
        {
            return true;
        }

        // A dangling link still exists for rename and delete purposes.
        await foreach (FtpFileInfo entry in context.FileSystem.ListAsync(path.Parent, context.Aborted))
        {
            if (entry.Name == path.Name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>RNTO checks RNFR first (503), so its path is resolved here rather than by the table.</summary>
    private static async Task RntoAsync(FtpCommandContext context, CommandRequest request)
    {
        if (context.State.RenameFrom is not { } from)
        {
            await context.ReplyAsync(503, "Bad sequence of commands: send RNFR first.");
            return;
        }

        context.State.RenameFrom = null;
        if (await context.ResolvePathAsync(request.Argument, FtpPermissions.Rename) is not { } to)
        {
            return;
        }

        if (context.State.Permissions!.HasRulesBelow(to))
        {
            await context.ReplyAsync(550, "Permission denied: directory rules apply below this path.");
            return;
        }

        // A file the rename replaces leaves the quota usage; the moved one stays counted.
        long? replaced = to.Equals(from) ? null : await CountedLengthAsync(context, to);
        await context.FileSystem.RenameAsync(from, to, context.Aborted);
        if (replaced is long length)
        {
            await context.Quota!.ReleaseFileAsync(length, context.Aborted);
        }

        context.Publish(new FileRenamed(context.Now, from.Value, to.Value));
        await context.ReplyAsync(250, "Rename successful.");
    }

    /// <summary>The stored size, in TYPE A too, so clients can resume (RFC 3659 §4 allows this choice).</summary>
    private static Task SizeAsync(FtpCommandContext context, CommandRequest request) =>
        context.ReplyAsync(213, request.Entry!.Length.ToString(CultureInfo.InvariantCulture)).AsTask();

    /// <summary>RFC 3659 §3; the two-argument form (rclone, FileZilla) sets the time, so its path is conditional and checked here.</summary>
    private static async Task MdtmAsync(FtpCommandContext context, CommandRequest request)
    {
        string argument = request.Argument;
        if (SplitTimeAndPath(argument) is ({ } time, { } target)
            && (!FtpPath.TryResolve(context.State.CurrentDirectory, argument, out FtpPath whole, out _)
                || await context.FileSystem.GetInfoAsync(whole, context.Aborted) is null))
        {
            if ((context.FileSystem.Capabilities & FtpFileSystemCapabilities.SetModificationTime) == 0)
            {
                await context.ReplyAsync(502, "MDTM with a time is not supported by this storage.");
                return;
            }

            await SetTimeAsync(context, time, target);
            return;
        }

        if (await context.ResolvePathAsync(argument, FtpPermissions.List) is not { } path)
        {
            return;
        }

        if (await context.FileSystem.GetInfoAsync(path, context.Aborted) is not { } info)
        {
            await context.ReplyAsync(550, "No such file.");
            return;
        }

        await context.ReplyAsync(213, MlsxFormatter.FormatTime(info.LastWriteTimeUtc));
    }

    private static async Task MfmtAsync(FtpCommandContext context, CommandRequest request)
    {
        if (SplitTimeAndPath(request.Argument) is not ({ } time, { } target))
        {
            await context.ReplyAsync(501, "Syntax: MFMT YYYYMMDDHHMMSS path.");
            return;
        }

        await SetTimeAsync(context, time, target);
    }

    private static async Task SetTimeAsync(FtpCommandContext context, DateTime time, string target)
    {
        if (await context.ResolvePathAsync(target, FtpPermissions.ChangeTime) is not { } path)
        {
            return;
        }

        await context.FileSystem.SetLastWriteTimeAsync(path, time, context.Aborted);
        await context.ReplyAsync(213, $"Modify={MlsxFormatter.FormatTime(time)}; {path}");
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

    private static async Task HashAsync(FtpCommandContext context, CommandRequest request)
    {
        FtpChecksumAlgorithm algorithm = context.State.HashAlgorithm;
        string digest = await ChecksumOfAsync(context, request.Path, algorithm);
        await context.ReplyAsync(213, string.Create(CultureInfo.InvariantCulture,
            $"{HashCommandSupport.Name(algorithm)} 0-{request.Entry!.Length} {digest} {request.Path}"));
    }

    private static async Task DigestAsync(FtpCommandContext context, CommandRequest request, FtpChecksumAlgorithm algorithm) =>
        await context.ReplyAsync(250, await ChecksumOfAsync(context, request.Path, algorithm));

    /// <summary>The store's own checksum of the whole file when it keeps one in that algorithm, else computed from its bytes.</summary>
    private static async Task<string> ChecksumOfAsync(FtpCommandContext context, FtpPath path, FtpChecksumAlgorithm algorithm)
    {
        if (context.FileSystem is IFtpStoredChecksums stored
            && await stored.GetStoredChecksumAsync(path, algorithm, context.Aborted) is { } known)
        {
            return known;
        }

        await using Stream stream = await context.FileSystem.OpenReadAsync(path, 0, context.Aborted);
        return await HashCommandSupport.ComputeAsync(stream, algorithm, context.Aborted);
    }
}
