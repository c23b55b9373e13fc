using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Replies;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Commands;

/// <summary>PWD, CWD, CDUP and their X variants (RFC 959 §4.1.1, §4.1.3; RFC 775).</summary>
internal static class NavigationCommands
{
    public static void Register(CommandTable table)
    {
        foreach (string verb in new[] { "PWD", "XPWD" })
        {
            table.Add(new(verb, PwdAsync, $"{verb}: print the current directory.", Argument: ArgumentRule.None));
        }

        foreach (string verb in new[] { "CWD", "XCWD" })
        {
            table.Add(new(verb, CwdAsync, $"{verb} <path>: change directory.", Permission: FtpPermissions.ChangeDirectory));
        }

        foreach (string verb in new[] { "CDUP", "XCUP" })
        {
            table.Add(new(verb, CdupAsync, $"{verb}: change to the parent directory.", Argument: ArgumentRule.None, Permission: FtpPermissions.ChangeDirectory));
        }
    }

    private static Task PwdAsync(FtpSession session, string argument) =>
        session.ReplyAsync(257, $"{ReplyText.QuotePath(session.CurrentDirectory.Value)} is the current directory.").AsTask();

    private static async Task CwdAsync(FtpSession session, string argument)
    {
        if (await session.ResolvePathAsync(argument.Length == 0 ? "/" : argument) is { } path)
        {
            await ChangeToAsync(session, path);
        }
    }

    /// <summary>At the root, CDUP stays at the root.</summary>
    private static Task CdupAsync(FtpSession session, string argument) =>
        ChangeToAsync(session, session.CurrentDirectory.Parent);

    private static async Task ChangeToAsync(FtpSession session, FtpPath path)
    {
        FtpFileInfo? info = await session.FileSystem!.GetInfoAsync(path, session.SessionAborted);
        if (info is null)
        {
            await session.ReplyAsync(550, "No such directory.");
            return;
        }

        if (!info.IsDirectory)
        {
            await session.ReplyAsync(550, "Not a directory.");
            return;
        }

        session.CurrentDirectory = path;
        await session.ReplyAsync(250, $"Directory changed to {path}.");
    }
}
