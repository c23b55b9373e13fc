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
        table.Add(new("PASV", PasvAsync, "PASV: open a passive data port (IPv4).", Argument: ArgumentRule.None));
        table.Add(new("EPSV", EpsvAsync, "EPSV [1|2|ALL]: open an extended passive data port."));
        table.Add(new("PORT", PortAsync, "PORT h1,h2,h3,h4,p1,p2: connect to the client for data.", Argument: ArgumentRule.Required));
        table.Add(new("EPRT", EprtAsync, "EPRT |proto|address|port|: extended active data connection.", Argument: ArgumentRule.Required));
    }

    private static async Task PasvAsync(FtpSession session, string argument)
    {
        if (session.EpsvAll)
        {
            await session.ReplyAsync(501, "PASV not allowed after EPSV ALL.");
            return;
        }

        IPAddress local = session.LocalEndPoint.Address;
        if (local.AddressFamily != AddressFamily.InterNetwork)
        {
            await session.ReplyAsync(501, "PASV is for IPv4; use EPSV on IPv6.");
            return;
        }

        if (await OpenListenerAsync(session, local) is not { } listener)
        {
            return;
        }

        byte[] address = session.Context.PassiveAddresses.Choose(session.RemoteEndPoint.Address, local).GetAddressBytes();
        int port = listener.Port;
        await session.ReplyAsync(227, string.Create(CultureInfo.InvariantCulture,
            $"Entering Passive Mode ({address[0]},{address[1]},{address[2]},{address[3]},{port >> 8},{port & 0xFF})."));
    }

    private static async Task EpsvAsync(FtpSession session, string argument)
    {
        string arg = argument.Trim();
        if (arg.Equals("ALL", StringComparison.OrdinalIgnoreCase))
        {
            session.EpsvAll = true;
            await session.ReplyAsync(200, "EPSV ALL ok.");
            return;
        }

        IPAddress local = session.LocalEndPoint.Address;
        int family = local.AddressFamily == AddressFamily.InterNetworkV6 ? 2 : 1;
        if (arg.Length > 0 && arg != family.ToString(CultureInfo.InvariantCulture))
        {
            await session.ReplyAsync(522, $"Network protocol not supported, use ({family}).");
            return;
        }

        if (await OpenListenerAsync(session, local) is { } listener)
        {
            await session.ReplyAsync(229, string.Create(CultureInfo.InvariantCulture, $"Entering Extended Passive Mode (|||{listener.Port}|)."));
        }
    }

    private static async Task<PassiveListener?> OpenListenerAsync(FtpSession session, IPAddress local)
    {
        // One passive listener per session: a new PASV closes the previous one.
        session.ClearDataSetup();
        PassiveListener? listener = PassiveListener.TryCreate(session.Context.PassivePorts, local);
        if (listener is null)
        {
            await session.ReplyAsync(425, "No passive port available; try again later.");
            return null;
        }

        session.SetPassive(listener);
        return listener;
    }

    private static async Task PortAsync(FtpSession session, string argument)
    {
        if (session.EpsvAll)
        {
            await session.ReplyAsync(501, "PORT not allowed after EPSV ALL.");
            return;
        }

        string[] parts = argument.Trim().Split(',');
        var bytes = new byte[6];
        if (parts.Length != 6 || !parts.Select((p, i) => byte.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i])).All(ok => ok))
        {
            await session.ReplyAsync(501, "Syntax: PORT h1,h2,h3,h4,p1,p2.");
            return;
        }

        var target = new IPEndPoint(new IPAddress(bytes.AsSpan(0, 4)), (bytes[4] << 8) | bytes[5]);
        await SetActiveAsync(session, target, "PORT");
    }

    private static async Task EprtAsync(FtpSession session, string argument)
    {
        if (session.EpsvAll)
        {
            await session.ReplyAsync(501, "EPRT not allowed after EPSV ALL.");
            return;
        }

        string arg = argument.Trim();
        if (arg.Length < 7)
        {
            await session.ReplyAsync(501, "Syntax: EPRT |protocol|address|port|.");
            return;
        }

        string[] fields = arg.Split(arg[0]);
        if (fields.Length != 5 || fields[0].Length != 0 || fields[4].Length != 0)
        {
            await session.ReplyAsync(501, "Syntax: EPRT |protocol|address|port|.");
            return;
        }

        AddressFamily? family = fields[1] switch
        {
            "1" => AddressFamily.InterNetwork,
            "2" => AddressFamily.InterNetworkV6,
            _ => null,
        };
        if (family is null)
        {
            await session.ReplyAsync(522, "Network protocol not supported, use (1,2).");
            return;
        }

        if (!IPAddress.TryParse(fields[2], out IPAddress? address) || address.AddressFamily != family
            || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            await session.ReplyAsync(501, "Syntax: EPRT |protocol|address|port|.");
            return;
        }

        await SetActiveAsync(session, new IPEndPoint(address, port), "EPRT");
    }

    private static async Task SetActiveAsync(FtpSession session, IPEndPoint target, string verb)
    {
        if (!session.Options.AllowForeignDataAddress && !AddressComparer.Same(target.Address, session.RemoteEndPoint.Address))
        {
            await session.ReplyAsync(501, "Rejected: data connection to a foreign address (FTP bounce).");
            return;
        }

        if (!session.Options.AllowPrivilegedDataPorts && target.Port < 1024)
        {
            await session.ReplyAsync(501, "Rejected: data connection to a privileged port.");
            return;
        }

        IPAddress local = session.LocalEndPoint.Address;
        if (AddressComparer.Normalize(target.Address).AddressFamily != local.AddressFamily)
        {
            await session.ReplyAsync(522, $"Network protocol not supported, use ({(local.AddressFamily == AddressFamily.InterNetworkV6 ? 2 : 1)}).");
            return;
        }

        session.SetActive(new IPEndPoint(AddressComparer.Normalize(target.Address), target.Port));
        await session.ReplyAsync(200, $"{verb} command successful.");
    }
}
