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

    private static Task<FtpTestServer> StartBehindProxyAsync(ITestOutputHelper output) =>
        FtpTestServer.StartAsync(output, s => s.ExtraArguments.AddRange(["--proxy-protocol-from", "127.0.0.1"]));

    [HaproxyFact]
    public async Task Curl_through_haproxy_uploads_and_lists_as_the_client_the_header_names()
    {
        await using FtpTestServer server = await StartBehindProxyAsync(output);
        await using HaproxyProcess haproxy = await HaproxyProcess.StartAsync(server.Port, server.Scratch, output);
        string local = server.ScratchPath("up.bin");
        await File.WriteAllBytesAsync(local, FtpTestServer.RandomBytes(200_000, seed: 12));
        string url = server.Url(port: haproxy.Port);

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
}
