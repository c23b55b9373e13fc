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
            table.Add(new(verb, PwdAsync, $"{verb}: print the current directory.") { Argument = ArgumentRule.None });
        }

        foreach (string verb in new[] { "CWD", "XCWD" })
        {
            table.Add(new(verb, CwdAsync, $"{verb} <path>: change directory.")
            {
                Permission = FtpPermissions.ChangeDirectory, Path = PathRule.ExistingDirectory, DefaultPath = "/",
                MissingText = "No such directory.",
                // RFC 3659 §6: one virtual tree with "/" as its separator, whatever the storage.
                Features = verb == "CWD" ? _ => ["TVFS"] : null,
            });
        }

        foreach (string verb in new[] { "CDUP", "XCUP" })
        {
            table.Add(new(verb, CdupAsync, $"{verb}: change to the parent directory.")
            {
                Argument = ArgumentRule.None, Permission = FtpPermissions.ChangeDirectory, PermissionCheckedByHandler = true,
            });
        }
    }

    private static Task PwdAsync(FtpCommandContext context, CommandRequest request) =>
        context.ReplyAsync(257, $"{ReplyText.QuotePath(context.State.CurrentDirectory.Value)} is the current directory.").AsTask();

    /// <summary>At the root, CDUP stays at the root (where ".." would be refused as outside the home).</summary>
    private static async Task CdupAsync(FtpCommandContext context, CommandRequest request)
    {
        FtpPath parent = context.State.CurrentDirectory.Parent;
        if (!context.HasPermission(FtpPermissions.ChangeDirectory, parent))
        {
            await context.ReplyAsync(550, "Permission denied.");
            return;
        }

        FtpFileInfo? info = await context.FileSystem.GetInfoAsync(parent, context.Aborted);
        if (info is not { IsDirectory: true })
        {
            await context.ReplyAsync(550, info is null ? "No such directory." : "Not a directory.");
            return;
        }

        request.Path = parent;
        await CwdAsync(context, request);
    }

    private static async Task CwdAsync(FtpCommandContext context, CommandRequest request)
    {
        context.State.CurrentDirectory = request.Path;
        await context.ReplyAsync(250, $"Directory changed to {request.Path}.");
    }
}
