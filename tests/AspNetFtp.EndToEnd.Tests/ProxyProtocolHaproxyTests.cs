using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// The host behind a real HAProxy (TCP mode, <c>send-proxy-v2</c>), started with <c>--proxy-protocol-from 127.0.0.1</c>:
/// curl on 127.0.0.2 goes through the balancer on 127.0.0.1, so only the PROXY header tells the server who it is.
/// </summary>
public sealed class ProxyProtocolHaproxyTests(ITestOutputHelper output)
{
    private const string Client = "127.0.0.2";

    /// <summary>The ports this suite's HAProxy may listen on (the range set aside for the PROXY protocol tests).</summary>
    private const int FirstPort = 14100;
    private const int LastPort = 14199;

    private static Task<FtpTestServer> StartBehindProxyAsync(ITestOutputHelper output) =>
        FtpTestServer.StartAsync(output, s => s.ExtraArguments.AddRange(["--proxy-protocol-from", "127.0.0.1"]));

    [HaproxyFact]
    public async Task Curl_through_haproxy_uploads_and_lists_as_the_client_the_header_names()
    {
        await using FtpTestServer server = await StartBehindProxyAsync(output);
        int port = FreePort();
        await using HaproxyProcess haproxy = await HaproxyProcess.StartAsync(
            await WriteConfigurationAsync(port, server.Port, server.Scratch), port, TimeSpan.FromMinutes(5), output);
        string local = server.ScratchPath("up.bin");
        await File.WriteAllBytesAsync(local, FtpTestServer.RandomBytes(200_000, seed: 12));
        string url = server.Url(port: port);

        // The passive data connection comes straight from 127.0.0.2: it is accepted only if the session's client
        // is 127.0.0.2, the address the header named, and not 127.0.0.1, the balancer's.
        ProcessResult upload = await server.CurlAsync("--interface", Client, "-T", local, url + "up.bin");
        ProcessResult list = await server.CurlAsync("--interface", Client, "--list-only", url);

        Assert.True(upload.Succeeded, upload.Describe());
        Assert.Equal(await File.ReadAllBytesAsync(local), await File.ReadAllBytesAsync(server.HomePath("up.bin")));
        Assert.True(list.Succeeded, list.Describe());
        Assert.Contains("up.bin", list.StdOut, StringComparison.Ordinal);
    }

    [HaproxyFact]
    public async Task Curl_straight_to_the_listener_behind_haproxy_is_refused()
    {
        await using FtpTestServer server = await StartBehindProxyAsync(output);

        ProcessResult direct = await server.CurlAsync("--interface", Client, "--list-only", server.Url());

        Assert.False(direct.Succeeded, direct.Describe());
    }

    /// <summary>HAProxy in TCP mode on 127.0.0.1:<paramref name="port"/> in front of one FTP control port, sending a PROXY v2 header to it.</summary>
    private static async Task<string> WriteConfigurationAsync(int port, int backendPort, string directory)
    {
        string path = Path.Combine(directory, "haproxy.cfg");
        await File.WriteAllTextAsync(path, string.Create(CultureInfo.InvariantCulture, $"""
            global
                maxconn 100
            defaults
                mode tcp
                timeout connect 5s
                timeout client 60s
                timeout server 60s
            frontend ftp
                bind 127.0.0.1:{port}
                default_backend ftp
            backend ftp
                server ftp1 127.0.0.1:{backendPort} send-proxy-v2

            """));
        return path;
    }

    private static int FreePort()
    {
        for (int port = FirstPort; port <= LastPort; port++)
        {
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }

        throw new InvalidOperationException($"no free port between {FirstPort} and {LastPort} for haproxy");
    }
}
