using System.Globalization;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Commands;

/// <summary>AUTH, PBSZ, PROT, CCC (RFC 2228 and RFC 4217).</summary>
internal static class SecurityCommands
{
    public static void Register(CommandTable table)
    {
        table.Add(new("AUTH", AuthAsync, "AUTH TLS: secure the control connection.", NeedsLogin: false, Argument: ArgumentRule.Required, AllowedBeforeTls: true));
        table.Add(new("PBSZ", PbszAsync, "PBSZ 0: protection buffer size (always 0 with TLS).", NeedsLogin: false, Argument: ArgumentRule.Required));
        table.Add(new("PROT", ProtAsync, "PROT C|P: clear or private data connections.", NeedsLogin: false, Argument: ArgumentRule.Required));
        table.Add(new("CCC", CccAsync, "CCC: refused; the control connection stays encrypted.", NeedsLogin: false, Argument: ArgumentRule.None));
    }

    private static async Task AuthAsync(FtpSession session, string argument)
    {
        string mechanism = argument.Trim().ToUpperInvariant();
        if (mechanism is not ("TLS" or "TLS-C" or "SSL" or "TLS-P"))
        {
            await session.ReplyAsync(504, "AUTH mechanism not supported; use AUTH TLS.");
            return;
        }

        if (session.Context.Tls is null)
        {
            await session.ReplyAsync(502, "TLS is not configured on this server.");
            return;
        }

        if (session.IsTlsActive)
        {
            await session.ReplyAsync(503, "TLS is already active.");
            return;
        }

        await session.ReplyAsync(234, $"AUTH {mechanism} successful.");
        if (await session.UpgradeControlToTlsAsync() && mechanism is "SSL" or "TLS-P")
        {
            // The older AUTH SSL implied protected data connections.
            session.ProtectionBufferSizeSet = true;
            session.ProtectData = true;
        }
    }

    private static async Task PbszAsync(FtpSession session, string argument)
    {
        if (!session.IsTlsActive)
        {
            await session.ReplyAsync(503, "PBSZ needs a secured control connection (AUTH TLS).");
            return;
        }

        if (!long.TryParse(argument.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            await session.ReplyAsync(501, "PBSZ needs a number.");
            return;
        }

        session.ProtectionBufferSizeSet = true;
        await session.ReplyAsync(200, "PBSZ=0");
    }

    private static async Task ProtAsync(FtpSession session, string argument)
    {
        if (!session.IsTlsActive)
        {
            await session.ReplyAsync(503, "PROT needs a secured control connection (AUTH TLS).");
            return;
        }

        if (!session.ProtectionBufferSizeSet)
        {
            await session.ReplyAsync(503, "Send PBSZ before PROT.");
            return;
        }

        switch (argument.Trim().ToUpperInvariant())
        {
            case "C":
                session.ProtectData = false;
                await session.ReplyAsync(200, "Protection level set to Clear.");
                break;
            case "P":
                session.ProtectData = true;
                await session.ReplyAsync(200, "Protection level set to Private.");
                break;
            case "S" or "E":
                await session.ReplyAsync(536, "Protection level not supported; use C or P.");
                break;
            default:
                await session.ReplyAsync(504, "Unknown protection level; use C or P.");
                break;
        }
    }

    private static async Task CccAsync(FtpSession session, string argument)
    {
        if (!session.IsTlsActive)
        {
            await session.ReplyAsync(533, "The control connection is not protected.");
            return;
        }

        await session.ReplyAsync(534, "CCC refused: the control connection stays encrypted.");
    }
}
