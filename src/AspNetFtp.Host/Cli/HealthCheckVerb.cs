using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace AspNetFtp.Host.Cli;

/// <summary>
/// <c>healthcheck [--ftp host:port | --url URL] [--timeout seconds]</c>: exits 0 when a running server answers (the FTP
/// greeting 220, or a 2xx from <c>/healthz</c>), 1 with one line naming the address and the reason otherwise. For
/// container health checks: the runtime images have no curl, and this needs nothing but the host itself.
/// </summary>
internal static class HealthCheckVerb
{
    public const string DefaultFtpAddress = "127.0.0.1:2121";

    public static Command Create()
    {
        var ftp = new Option<string?>("--ftp") { Description = $"Connect to this FTP control address (host:port) and expect the 220 greeting. The default when --url is not given: {DefaultFtpAddress}." };
        var url = new Option<string?>("--url") { Description = "Request this URL (the monitoring endpoint, e.g. http://127.0.0.1:5080/healthz) and expect a 2xx status." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the answer before reporting unhealthy.", DefaultValueFactory = _ => 5 };
        var command = new Command("healthcheck", "Exit 0 when the server answers (FTP 220, or HTTP 2xx from --url), 1 with the reason otherwise.");
        command.Options.Add(ftp);
        command.Options.Add(url);
        command.Options.Add(timeout);
        command.SetAction(async (parse, cancellationToken) =>
        {
            double seconds = parse.GetValue(timeout);
            if (seconds is <= 0 or > 3600 || double.IsNaN(seconds))
            {
                Console.Error.WriteLine("error: --timeout must be between 0 and 3600 seconds");
                return ExitCodes.BadSetting;
            }

            string? urlText = parse.GetValue(url);
            string? ftpText = parse.GetValue(ftp);
            if (urlText is not null && ftpText is not null)
            {
                Console.Error.WriteLine("error: give --ftp or --url, not both");
                return ExitCodes.BadSetting;
            }

            TimeSpan limit = TimeSpan.FromSeconds(seconds);
            return urlText is not null
                ? await CheckUrlAsync(urlText, limit, cancellationToken)
                : await CheckFtpAsync(ftpText ?? DefaultFtpAddress, limit, cancellationToken);
        });
        return command;
    }

    private static async Task<int> CheckFtpAsync(string address, TimeSpan limit, CancellationToken cancellationToken)
    {
        if (!TrySplitAddress(address, out string host, out int port))
        {
            Console.Error.WriteLine($"error: --ftp '{address}' is not host:port");
            return ExitCodes.BadSetting;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, deadline.Token);
            NetworkStream stream = client.GetStream();
            string greeting = await ReadReplyLineAsync(stream, deadline.Token);
            if (!greeting.StartsWith("220", StringComparison.Ordinal))
            {
                return Unhealthy(address, $"the greeting was '{greeting}', not 220");
            }

            await stream.WriteAsync("QUIT\r\n"u8.ToArray(), deadline.Token);
            Console.Out.WriteLine($"healthy: {address} answered 220");
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unhealthy(address, $"no 220 greeting within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return Unhealthy(address, ex.Message);
        }
    }

    private static async Task<int> CheckUrlAsync(string url, TimeSpan limit, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Console.Error.WriteLine($"error: --url '{url}' is not an absolute http or https URL");
            return ExitCodes.BadSetting;
        }

        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            using HttpResponseMessage response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            int status = (int)response.StatusCode;
            if (status is < 200 or > 299)
            {
                return Unhealthy(url, $"HTTP {status.ToString(CultureInfo.InvariantCulture)}");
            }

            Console.Out.WriteLine($"healthy: {url} answered HTTP {status.ToString(CultureInfo.InvariantCulture)}");
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unhealthy(url, $"no answer within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException ex)
        {
            return Unhealthy(url, ex.Message);
        }
    }

    private static int Unhealthy(string address, string reason)
    {
        Console.Error.WriteLine($"unhealthy: {address}: {reason}");
        return ExitCodes.Failure;
    }

    /// <summary>The first reply line (multi-line replies are read to their last line), without CR LF; at most 1 KiB per line.</summary>
    private static async Task<string> ReadReplyLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (true)
        {
            int read = await stream.ReadAsync(one, cancellationToken);
            if (read == 0)
            {
                throw new IOException(line.Length == 0 ? "the connection was closed before a greeting" : $"the connection was closed after '{line}'");
            }

            if (one[0] == (byte)'\n')
            {
                string text = line.ToString().TrimEnd('\r');
                // "220-..." continues; "220 ..." (or any code followed by a space) ends the reply.
                if (text.Length >= 4 && text[3] == '-')
                {
                    line.Clear();
                    continue;
                }

                return text;
            }

            if (line.Length < 1024)
            {
                line.Append((char)one[0]);
            }
        }
    }

    private static bool TrySplitAddress(string address, out string host, out int port)
    {
        host = "";
        port = 0;
        int colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            return false;
        }

        host = address[..colon].Trim('[', ']');
        return host.Length > 0;
    }
}
