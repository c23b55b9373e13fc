using AspNetFtp.Protocol.Abstractions;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Commands;

/// <summary>PASV, EPSV, PORT, EPRT (RFC 959 §4.1.2, RFC 2428), with FTP bounce refused.</summary>
internal static class DataConnectionCommands
{
    public static void Register(CommandTable table)
    {
        table.Add(new("PASV", PasvAsync, "PASV: open a passive data port (IPv4).") { Argument = ArgumentRule.None });
        table.Add(new("EPSV", EpsvAsync, "EPSV [1|2|ALL]: open an extended passive data port.") { Features = _ => ["EPSV"] });
        table.Add(new("PORT", PortAsync, "PORT h1,h2,h3,h4,p1,p2: connect to the client for data.") { Argument = ArgumentRule.Required });
        table.Add(new("EPRT", EprtAsync, "EPRT |proto|address|port|: extended active data connection.") { Argument = ArgumentRule.Required, Features = _ => ["EPRT"] });
    }

    private static async Task PasvAsync(FtpCommandContext context, CommandRequest request)
    {
        if (context.State.EpsvAll)
        {
            await context.ReplyAsync(501, "PASV not allowed after EPSV ALL.");
            return;
        }

        IPAddress local = context.LocalEndPoint.Address;
        if (local.AddressFamily != AddressFamily.InterNetwork)
        {
            await context.ReplyAsync(501, "PASV is for IPv4; use EPSV on IPv6.");
            return;
        }

        if (await OpenListenerAsync(context, local) is not { } listener)
        {
            return;
        }

        byte[] address = context.Server.PassiveAddresses.Choose(context.RemoteEndPoint.Address, local).GetAddressBytes();
        int port = listener.Port;
        await context.ReplyAsync(227, string.Create(CultureInfo.InvariantCulture,
            $"Entering Passive Mode ({address[0]},{address[1]},{address[2]},{address[3]},{port >> 8},{port & 0xFF})."));
    }

    private static async Task EpsvAsync(FtpCommandContext context, CommandRequest request)
    {
        string arg = request.Argument.Trim();
        if (arg.Equals("ALL", StringComparison.OrdinalIgnoreCase))
        {
            context.State.EpsvAll = true;
            await context.ReplyAsync(200, "EPSV ALL ok.");
            return;
        }

        IPAddress local = context.LocalEndPoint.Address;
        int family = local.AddressFamily == AddressFamily.InterNetworkV6 ? 2 : 1;
        if (arg.Length > 0 && arg != family.ToString(CultureInfo.InvariantCulture))
        {
            await context.ReplyAsync(522, $"Network protocol not supported, use ({family}).");
            return;
        }

        if (await OpenListenerAsync(context, local) is { } listener)
        {
            await context.ReplyAsync(229, string.Create(CultureInfo.InvariantCulture, $"Entering Extended Passive Mode (|||{listener.Port}|)."));
        }
    }

    private static async Task<PassiveListener?> OpenListenerAsync(FtpCommandContext context, IPAddress local)
    {
        // One passive listener per session: a new PASV closes the previous one.
        context.ClearDataSetup();
        PassiveListener? listener = PassiveListener.TryCreate(context.Server.PassivePorts, local);
        if (listener is null)
        {
            await context.ReplyAsync(425, "No passive port available; try again later.");
            return null;
        }

        context.SetPassive(listener);
        return listener;
    }

    private static async Task PortAsync(FtpCommandContext context, CommandRequest request)
    {
        if (context.State.EpsvAll)
        {
            await context.ReplyAsync(501, "PORT not allowed after EPSV ALL.");
            return;
        }

        if (!ActiveAddressParser.TryParsePort(request.Argument, out IPEndPoint? target))
        {
            await context.ReplyAsync(501, "Syntax: PORT h1,h2,h3,h4,p1,p2.");
            return;
        }

        await SetActiveAsync(context, target, "PORT");
    }

    private static async Task EprtAsync(FtpCommandContext context, CommandRequest request)
    {
        if (context.State.EpsvAll)
        {
            await context.ReplyAsync(501, "EPRT not allowed after EPSV ALL.");
            return;
        }

        switch (ActiveAddressParser.TryParseEprt(request.Argument, out IPEndPoint? target))
        {
            case EprtParseResult.UnsupportedProtocol:
                await context.ReplyAsync(522, "Network protocol not supported, use (1,2).");
                return;
            case EprtParseResult.Syntax:
                await context.ReplyAsync(501, "Syntax: EPRT |protocol|address|port|.");
                return;
        }

        await SetActiveAsync(context, target!, "EPRT");
    }

    private static async Task SetActiveAsync(FtpCommandContext context, IPEndPoint target, string verb)
    {
        if (!context.Options.DataChannel.AllowForeignAddress && !AddressComparer.Same(target.Address, context.RemoteEndPoint.Address))
        {
            context.Server.Defender.Score(context.RemoteEndPoint.Address, FtpScoreReason.CommandError);
            await context.ReplyAsync(501, "Rejected: data connection to a foreign address (FTP bounce).");
            return;
        }

        if (!context.Options.DataChannel.AllowPrivilegedPorts && target.Port < 1024)
        {
            context.Server.Defender.Score(context.RemoteEndPoint.Address, FtpScoreReason.CommandError);
            await context.ReplyAsync(501, "Rejected: data connection to a privileged port.");
            return;
        }

        IPAddress local = context.LocalEndPoint.Address;
        if (AddressComparer.Normalize(target.Address).AddressFamily != local.AddressFamily)
        {
            await context.ReplyAsync(522, $"Network protocol not supported, use ({(local.AddressFamily == AddressFamily.InterNetworkV6 ? 2 : 1)}).");
            return;
        }

        context.SetActive(new IPEndPoint(AddressComparer.Normalize(target.Address), target.Port));
        await context.ReplyAsync(200, $"{verb} command successful.");
    }
}
