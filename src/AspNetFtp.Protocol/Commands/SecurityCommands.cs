using System.Globalization;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Commands;

/// <summary>AUTH, PBSZ, PROT, CCC (RFC 2228 and RFC 4217).</summary>
internal static class SecurityCommands
{
    public static void Register(CommandTable table)
    {
        table.Add(new("AUTH", AuthAsync, "AUTH TLS: secure the control connection.")
        {
            NeedsLogin = false, Argument = ArgumentRule.Required, AllowedBeforeTls = true,
            Features = f => f.TlsConfigured ? ["AUTH TLS", "AUTH SSL"] : [],
        });
        table.Add(new("PBSZ", PbszAsync, "PBSZ 0: protection buffer size (always 0 with TLS).")
        {
            NeedsLogin = false, Argument = ArgumentRule.Required, Features = f => f.TlsConfigured ? ["PBSZ"] : [],
        });
        table.Add(new("PROT", ProtAsync, "PROT C|P: clear or private data connections.")
        {
            NeedsLogin = false, Argument = ArgumentRule.Required, Features = f => f.TlsConfigured ? ["PROT"] : [],
        });
        table.Add(new("CCC", CccAsync, "CCC: refused; the control connection stays encrypted.") { NeedsLogin = false, Argument = ArgumentRule.None });
    }

    private static async Task AuthAsync(FtpCommandContext context, CommandRequest request)
    {
        string mechanism = request.Argument.Trim().ToUpperInvariant();
        if (mechanism is not ("TLS" or "TLS-C" or "SSL" or "TLS-P"))
        {
            await context.ReplyAsync(504, "AUTH mechanism not supported; use AUTH TLS.");
            return;
        }

        if (context.Server.Tls is null)
        {
            await context.ReplyAsync(502, "TLS is not configured on this server.");
            return;
        }

        if (context.IsTlsActive)
        {
            await context.ReplyAsync(503, "TLS is already active.");
            return;
        }

        await context.ReplyAsync(234, $"AUTH {mechanism} successful.");
        if (await context.UpgradeToTlsAsync() && mechanism is "SSL" or "TLS-P")
        {
            // The older AUTH SSL implied protected data connections.
            context.State.ProtectionBufferSizeSet = true;
            context.State.ProtectData = true;
        }
    }

    private static async Task PbszAsync(FtpCommandContext context, CommandRequest request)
    {
        if (!context.IsTlsActive)
        {
            await context.ReplyAsync(503, "PBSZ needs a secured control connection (AUTH TLS).");
            return;
        }

        if (!long.TryParse(request.Argument.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            await context.ReplyAsync(501, "PBSZ needs a number.");
            return;
        }

        context.State.ProtectionBufferSizeSet = true;
        await context.ReplyAsync(200, "PBSZ=0");
    }

    private static async Task ProtAsync(FtpCommandContext context, CommandRequest request)
    {
        if (!context.IsTlsActive)
        {
            await context.ReplyAsync(503, "PROT needs a secured control connection (AUTH TLS).");
            return;
        }

        if (!context.State.ProtectionBufferSizeSet)
        {
            await context.ReplyAsync(503, "Send PBSZ before PROT.");
            return;
        }

        switch (request.Argument.Trim().ToUpperInvariant())
        {
            case "C":
                context.State.ProtectData = false;
                await context.ReplyAsync(200, "Protection level set to Clear.");
                break;
            case "P":
                context.State.ProtectData = true;
                await context.ReplyAsync(200, "Protection level set to Private.");
                break;
            case "S" or "E":
                await context.ReplyAsync(536, "Protection level not supported; use C or P.");
                break;
            default:
                await context.ReplyAsync(504, "Unknown protection level; use C or P.");
                break;
        }
    }

    private static async Task CccAsync(FtpCommandContext context, CommandRequest request)
    {
        if (!context.IsTlsActive)
        {
            await context.ReplyAsync(533, "The control connection is not protected.");
            return;
        }

        await context.ReplyAsync(534, "CCC refused: the control connection stays encrypted.");
    }
}
