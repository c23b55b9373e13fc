using System.CommandLine;
using System.Globalization;
using System.Net;

namespace AspNetFtp.Host.Cli;

/// <summary>
/// The flags of <c>ftpserver</c> and the configuration keys they set. A flag overrides the same key from
/// appsettings.json and the environment (<c>FtpServer__X</c>); a flag that is not given sets nothing.
/// </summary>
internal sealed class FtpServerFlags
{
    private const string Section = "FtpServer:";

    private readonly Argument<string?> _endpoint = new("host:port")
    {
        Description = "Address and port to listen on, such as 127.0.0.1:2121 or [::1]:2121 (default from FtpServer:Host and FtpServer:Port).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _passivePorts = new("--passive-ports") { Description = "Passive port ranges, such as 30000-30100 or 12345,30000-50000." };
    private readonly Option<string?> _masquerade = new("--masquerade-address") { Description = "IPv4 address announced in PASV replies (behind NAT)." };
    private readonly Option<string?> _certFile = new("--certfile") { Description = "PEM certificate for FTPS." };
    private readonly Option<string?> _keyFile = new("--keyfile") { Description = "PEM private key for FTPS." };
    private readonly Option<int?> _implicitPort = new("--implicit-port") { Description = "Also serve implicit FTPS on this port (0 picks a free one)." };
    private readonly Option<int?> _timeout = new("--timeout") { Description = "Idle timeout in seconds (default 300)." };
    private readonly Option<bool?> _sendfile = new("--sendfile") { Description = "Use zero-copy sendfile for plain downloads (true or false).", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _daemonize = new("--daemonize") { Description = "Detach and serve in the background (output to --logfile)." };
    private readonly Option<string?> _pidFile = new("--pidfile") { Description = "Write the server's process id here; refuse to start while it names a live process." };
    private readonly Option<string?> _logFile = new("--logfile") { Description = "Log file of --daemonize (default: <data directory>/aspnetftp.log)." };
    private readonly Option<string?> _proxyProtocolFrom = new("--proxy-protocol-from")
    {
        Description = "Read PROXY protocol headers (v1 and v2) from these load balancers only: addresses or CIDR ranges, comma-separated, such as 10.0.0.0/24,10.0.1.5.",
    };

    private readonly Option<string?> _fileAccessUser = new("--file-access-user") { Description = "Start as root, bind the ports, then run as this user." };

    /// <summary>Adds the argument and every flag to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(_endpoint);
        foreach (Option option in (Option[])[_passivePorts, _masquerade, _certFile, _keyFile, _implicitPort, _timeout, _sendfile,
                     _daemonize, _pidFile, _logFile, _fileAccessUser, _proxyProtocolFrom])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The configuration keys the given flags set, or the one-line problem of a host:port that is not one.</summary>
    public bool TryMap(ParseResult parse, out Dictionary<string, string?> keys, out string? error)
    {
        keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        error = null;
        if (parse.GetValue(_endpoint) is { } text)
        {
            if (!TryParseEndpoint(text, out string? host, out int port))
            {
                error = $"host:port '{text}' is not an address and port (such as 127.0.0.1:2121)";
                return false;
            }

            // A port alone keeps the configured host: a null key here would hide it (and mean 0.0.0.0).
            Set(keys, "Host", host);
            keys[Section + "Port"] = port.ToString(CultureInfo.InvariantCulture);
        }

        // Flags set the nested keys: a nested key wins over its old flat alias, so a flag overrides either form
        // in appsettings.json or the environment.
        Set(keys, "DataChannel:PassivePorts", parse.GetValue(_passivePorts));
        Set(keys, "DataChannel:MasqueradeAddress", parse.GetValue(_masquerade));
        Set(keys, "Tls:CertificateFile", parse.GetValue(_certFile));
        Set(keys, "Tls:KeyFile", parse.GetValue(_keyFile));
        Set(keys, "ImplicitTlsPort", parse.GetValue(_implicitPort)?.ToString(CultureInfo.InvariantCulture));
        Set(keys, "Timeouts:Idle", parse.GetValue(_timeout) is { } seconds
            ? TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture)
            : null);
        if (parse.GetResult(_sendfile) is not null)
        {
            // A bare --sendfile means true.
            keys[Section + "UseSendfile"] = (parse.GetValue(_sendfile) ?? true) ? "true" : "false";
        }

        if (parse.GetValue(_daemonize))
        {
            keys[Section + "Daemonize"] = "true";
        }

        Set(keys, "PidFile", parse.GetValue(_pidFile));
        Set(keys, "LogFile", parse.GetValue(_logFile));
        Set(keys, "FileAccessUser", parse.GetValue(_fileAccessUser));
        if (parse.GetValue(_proxyProtocolFrom) is { } proxies)
        {
            // Each entry is checked by the options validator at start, which names the entry's key and value.
            keys[Section + "ProxyProtocol:Enabled"] = "true";
            string[] entries = proxies.Split(',', StringSplitOptions.TrimEntries);
            for (int i = 0; i < entries.Length; i++)
            {
                keys[Section + "ProxyProtocol:TrustedProxies:" + i.ToString(CultureInfo.InvariantCulture)] = entries[i];
            }
        }

        return true;
    }

    /// <summary>
    /// <c>port</c>, <c>:port</c>, <c>address:port</c> or <c>[IPv6]:port</c>; the address is an IP address or
    /// localhost (null host: keep the configured one).
    /// </summary>
    internal static bool TryParseEndpoint(string text, out string? host, out int port)
    {
        host = null;
        port = 0;
        int colon = text.LastIndexOf(':');
        string hostPart = colon < 0 ? string.Empty : text[..colon];
        string portPart = colon < 0 ? text : text[(colon + 1)..];
        if (!int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
        {
            return false;
        }

        if (hostPart.Length == 0)
        {
            return true;
        }

        string bare = hostPart.StartsWith('[') && hostPart.EndsWith(']') ? hostPart[1..^1] : hostPart;
        if (!bare.Equals("localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(bare, out _))
        {
            return false;
        }

        host = bare;
        return true;
    }

    private static void Set(Dictionary<string, string?> keys, string key, string? value)
    {
        if (value is not null)
        {
            keys[Section + key] = value;
        }
    }
}
