using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Listing;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Session;
using AspNetFtp.Protocol.Transfers;

namespace AspNetFtp.Protocol.Commands;

/// <summary>LIST, NLST (RFC 959 §4.1.3), MLSD and MLST (RFC 3659 §7). Directory entries stream as they are read.</summary>
internal static class ListingCommands
{
    public static void Register(CommandTable table)
    {
        table.Add(new("LIST", ListAsync, "LIST [-la] [path]: long listing.")
        {
            Permission = FtpPermissions.List, Path = PathRule.Existing, PathText = StripListOptions, NeedsDataChannel = true,
        });
        table.Add(new("NLST", NlstAsync, "NLST [path]: names only.")
        {
            Permission = FtpPermissions.List, Path = PathRule.Existing, PathText = StripListOptions, NeedsDataChannel = true,
        });
        table.Add(new("MLSD", MlsdAsync, "MLSD [path]: machine-readable directory listing.")
        {
            // RFC 3659 §7.2.1: MLSD of something that is not a directory is a parameter error.
            Permission = FtpPermissions.List, Path = PathRule.ExistingDirectory, WrongKindCode = 501, NeedsDataChannel = true,
        });
        table.Add(new("MLST", MlstAsync, "MLST [path]: machine-readable facts of one entry.")
        {
            Permission = FtpPermissions.List, Path = PathRule.Existing,
            Features = f => ["MLST " + MlsxFormatter.FeatureList(f.State.SelectedFacts)],
        });
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

    private static Task ListAsync(FtpCommandContext context, CommandRequest request) =>
        SendListing(context, request, (info, now) => UnixListFormatter.Format(info, now));

    private static Task NlstAsync(FtpCommandContext context, CommandRequest request) =>
        SendListing(context, request, (info, _) => info.Name);

    private static Task MlsdAsync(FtpCommandContext context, CommandRequest request)
    {
        MlstFacts facts = context.State.SelectedFacts;
        FtpPath directory = request.Path;
        FtpPermissionMap map = context.State.Permissions!; // taken now: the listing runs beside the command loop
        return SendListing(context, request, (info, _) => MlsxFormatter.Format(info, info.Name, facts, map.AtChild(directory, info.Name)));
    }

    private static Task SendListing(FtpCommandContext context, CommandRequest request, Func<FtpFileInfo, DateTime, string> format)
    {
        context.StartTransfer(new ListingTransfer(context, request.Verb, request.Path, request.Entry!, format));
        return Task.CompletedTask;
    }

    private static async Task MlstAsync(FtpCommandContext context, CommandRequest request)
    {
        string line = " " + MlsxFormatter.Format(request.Entry!, request.Path.Value, context.State.SelectedFacts, context.PermissionsAt(request.Path));
        await context.ReplyMultilineAsync(250, $"Listing {request.Path}", [line], "End.");
    }
}
