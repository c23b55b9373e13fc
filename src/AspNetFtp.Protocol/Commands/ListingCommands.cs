using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Listing;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Commands;

/// <summary>LIST, NLST (RFC 959 §4.1.3), MLSD and MLST (RFC 3659 §7). Directory entries stream as they are read.</summary>
internal static class ListingCommands
{
    public static void Register(CommandTable table)
    {
        table.Add(new("LIST", ListAsync, "LIST [-la] [path]: long listing.", Permission: FtpPermissions.List));
        table.Add(new("NLST", NlstAsync, "NLST [path]: names only.", Permission: FtpPermissions.List));
        table.Add(new("MLSD", MlsdAsync, "MLSD [path]: machine-readable directory listing.", Permission: FtpPermissions.List));
        table.Add(new("MLST", MlstAsync, "MLST [path]: machine-readable facts of one entry.", Permission: FtpPermissions.List));
    }

    /// <summary>Drops <c>ls</c>-style flags (<c>-a</c>, <c>-la</c>, <c>-R</c>) that clients put before the path.</summary>
    internal static string StripListOptions(string argument)
    {
        string rest = argument.TrimStart();
        while (rest.StartsWith('-'))
        {
            int space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                return string.Empty;
            }

            rest = rest[(space + 1)..].TrimStart();
        }

        return rest;
    }

    private static Task ListAsync(FtpSession session, string argument) =>
        SendListingAsync(session, StripListOptions(argument), "LIST", requireDirectory: false,
            (info, now) => UnixListFormatter.Format(info, now));

    private static Task NlstAsync(FtpSession session, string argument) =>
        SendListingAsync(session, StripListOptions(argument), "NLST", requireDirectory: false,
            (info, _) => info.Name);

    private static Task MlsdAsync(FtpSession session, string argument) =>
        SendListingAsync(session, argument, "MLSD", requireDirectory: true,
            (info, _) => MlsxFormatter.Format(info, info.Name, session.SelectedFacts, session.User!.Permissions));

    private static async Task SendListingAsync(
        FtpSession session,
        string pathText,
        string verb,
        bool requireDirectory,
        Func<FtpFileInfo, DateTime, string> format)
    {
        if (await session.ResolveExistingAsync(pathText) is not (var path, var info))
        {
            return;
        }

        IFtpFileSystem fs = session.FileSystem!;
        if (requireDirectory && !info.IsDirectory)
        {
            await session.ReplyAsync(501, "Not a directory.");
            return;
        }

        if (!await session.EnsureDataChannelReadyAsync())
        {
            return;
        }

        session.StartDataTransfer(verb, async (connection, progress, ct) =>
        {
            DateTime now = session.Now.UtcDateTime;
            await using var writer = new ListingWriter(connection.Stream, progress);
            if (info.IsDirectory)
            {
                await foreach (FtpFileInfo entry in fs.ListAsync(path, ct))
                {
                    await writer.WriteLineAsync(format(entry, now), ct);
                }
            }
            else
            {
                await writer.WriteLineAsync(format(info with { Name = path.Name }, now), ct);
            }

            await writer.FlushAsync(ct);
        });
    }

    private static async Task MlstAsync(FtpSession session, string argument)
    {
        if (await session.ResolveExistingAsync(argument) is not (var path, var info))
        {
            return;
        }

        string line = " " + MlsxFormatter.Format(info, path.Value, session.SelectedFacts, session.User!.Permissions);
        await session.ReplyMultilineAsync(250, $"Listing {path}", [line], "End.");
    }

}
