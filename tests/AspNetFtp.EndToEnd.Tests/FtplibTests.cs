using System.Security.Cryptography;
using System.Text.Json;
using AspNetFtp.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests;

/// <summary>
/// Python's ftplib as the client. Each script prints one JSON object on its last line with
/// the replies and facts it saw (or "error"); the assertions are made here.
/// </summary>
public sealed class FtplibTests(ITestOutputHelper output)
{
    private const string Prelude = """
        import ftplib, hashlib, io, json, socket, ssl, sys, traceback
        host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
        out = {}
        def finish():
            print(json.dumps(out))
            sys.stdout.flush()
        def unverified_context():
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            return ctx

        """;

    [Fact]
    public async Task Ftplib_logs_in_stores_retrieves_and_lists_with_MLSD_facts()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        Directory.CreateDirectory(server.HomePath("folder"));

        var json = await RunAsync(server, """
            try:
                ftp = ftplib.FTP(timeout=15)
                ftp.encoding = 'utf-8'
                out['welcome'] = ftp.connect(host, port)
                out['login'] = ftp.login(user, password)
                data = bytes(range(256)) * 1000
                out['stor'] = ftp.storbinary('STOR data.bin', io.BytesIO(data))
                buf = io.BytesIO()
                out['retr'] = ftp.retrbinary('RETR data.bin', buf.write)
                out['same'] = buf.getvalue() == data
                out['mlsd'] = {name: facts for name, facts in ftp.mlsd('/', facts=['type', 'size', 'modify', 'perm'])}
                out['quit'] = ftp.quit()
            except Exception:
                out['error'] = traceback.format_exc()
            finish()
            """);

        Assert.StartsWith("220", Str(json, "welcome"), StringComparison.Ordinal);
        Assert.StartsWith("230", Str(json, "login"), StringComparison.Ordinal);
        Assert.StartsWith("226", Str(json, "stor"), StringComparison.Ordinal);
        Assert.StartsWith("226", Str(json, "retr"), StringComparison.Ordinal);
        Assert.True(json.GetProperty("same").GetBoolean());
        var file = json.GetProperty("mlsd").GetProperty("data.bin");
        Assert.Equal("file", file.GetProperty("type").GetString(), ignoreCase: true);
        Assert.Equal("256000", file.GetProperty("size").GetString());
        Assert.Matches(@"^\d{14}(\.\d+)?$", file.GetProperty("modify").GetString());
        Assert.Contains('r', file.GetProperty("perm").GetString()!);
        Assert.Contains('w', file.GetProperty("perm").GetString()!);
        var folder = json.GetProperty("mlsd").GetProperty("folder");
        Assert.Equal("dir", folder.GetProperty("type").GetString(), ignoreCase: true);
        Assert.Contains('l', folder.GetProperty("perm").GetString()!);
        Assert.Contains('e', folder.GetProperty("perm").GetString()!);
        Assert.StartsWith("221", Str(json, "quit"), StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 1000).SelectMany(_ => Enumerable.Range(0, 256).Select(b => (byte)b)), await File.ReadAllBytesAsync(server.HomePath("data.bin")));
    }

    [Fact]
    public async Task Ftplib_retrbinary_with_rest_receives_the_tail_from_the_offset()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        var bytes = server.CreateHomeFile("big.bin", 1_000_000, seed: 21);
        const int offset = 123_457;

        var json = await RunAsync(server, """
            try:
                ftp = ftplib.FTP(timeout=15)
                ftp.connect(host, port)
                ftp.login(user, password)
                buf = io.BytesIO()
                out['retr'] = ftp.retrbinary('RETR big.bin', buf.write, rest=int(sys.argv[5]))
                out['length'] = len(buf.getvalue())
                out['sha256'] = hashlib.sha256(buf.getvalue()).hexdigest()
                out['quit'] = ftp.quit()
            except Exception:
                out['error'] = traceback.format_exc()
            finish()
            """, offset.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.StartsWith("226", Str(json, "retr"), StringComparison.Ordinal);
        Assert.Equal(bytes.Length - offset, json.GetProperty("length").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes.AsSpan(offset))), Str(json, "sha256"));
    }

    [Fact]
    public async Task Ftplib_abort_during_a_large_RETR_gets_426_then_226_and_the_session_stays_usable()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        await using (var big = File.Create(server.HomePath("huge.bin")))
        {
            big.SetLength(256L * 1024 * 1024);
        }

        var json = await RunAsync(server, """
            try:
                ftp = ftplib.FTP(timeout=15)
                ftp.connect(host, port)
                ftp.login(user, password)
                ftp.voidcmd('TYPE I')
                conn = ftp.transfercmd('RETR huge.bin')
                received = 0
                while received < 256 * 1024:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    received += len(chunk)
                out['received'] = received
                out['abort'] = ftp.abort()
                conn.close()
                out['after_abort'] = ftp.getmultiline()
                out['noop'] = ftp.voidcmd('NOOP')
                out['quit'] = ftp.quit()
            except Exception:
                out['error'] = traceback.format_exc()
            finish()
            """);

        Assert.True(json.GetProperty("received").GetInt32() > 0);
        Assert.StartsWith("426", Str(json, "abort"), StringComparison.Ordinal);
        Assert.StartsWith("226", Str(json, "after_abort"), StringComparison.Ordinal);
        Assert.StartsWith("200", Str(json, "noop"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ftplib_FTP_TLS_with_auth_and_prot_p_transfers_a_file()
    {
        await using var server = await FtpTestServer.StartAsync(output, s => s.UseTls = true);
        var bytes = server.CreateHomeFile("down.bin", 250_000, seed: 31);

        var json = await RunAsync(server, """
            try:
                ftp = ftplib.FTP_TLS(context=unverified_context(), timeout=15)
                ftp.connect(host, port)
                out['auth'] = ftp.auth()
                out['login'] = ftp.login(user, password)
                out['prot'] = ftp.prot_p()
                up = bytes(range(256)) * 2000
                out['stor'] = ftp.storbinary('STOR up.bin', io.BytesIO(up))
                buf = io.BytesIO()
                out['retr'] = ftp.retrbinary('RETR down.bin', buf.write)
                out['sha256'] = hashlib.sha256(buf.getvalue()).hexdigest()
                out['nlst'] = sorted(ftp.nlst())
                out['cipher'] = ftp.sock.cipher()[0]
                out['quit'] = ftp.quit()
            except Exception:
                out['error'] = traceback.format_exc()
            finish()
            """);

        Assert.StartsWith("234", Str(json, "auth"), StringComparison.Ordinal);
        Assert.StartsWith("230", Str(json, "login"), StringComparison.Ordinal);
        Assert.StartsWith("200", Str(json, "prot"), StringComparison.Ordinal);
        Assert.StartsWith("226", Str(json, "stor"), StringComparison.Ordinal);
        Assert.StartsWith("226", Str(json, "retr"), StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), Str(json, "sha256"));
        Assert.Equal(["down.bin", "up.bin"], json.GetProperty("nlst").EnumerateArray().Select(e => e.GetString()!.Split('/')[^1]));
        Assert.Equal(Enumerable.Range(0, 2000).SelectMany(_ => Enumerable.Range(0, 256).Select(b => (byte)b)), await File.ReadAllBytesAsync(server.HomePath("up.bin")));
    }

    [Fact]
    public async Task Ftplib_MLST_reports_the_facts_of_one_file()
    {
        await using var server = await FtpTestServer.StartAsync(output);
        server.CreateHomeFile("one.bin", 4242);

        var json = await RunAsync(server, """
            try:
                ftp = ftplib.FTP(timeout=15)
                ftp.connect(host, port)
                ftp.login(user, password)
                out['feat'] = ftp.sendcmd('FEAT')
                out['mlst'] = ftp.sendcmd('MLST one.bin')
                ftp.voidcmd('TYPE I')
                out['size'] = ftp.size('one.bin')
                out['mdtm'] = ftp.sendcmd('MDTM one.bin')
                out['quit'] = ftp.quit()
            except Exception:
                out['error'] = traceback.format_exc()
            finish()
            """);

        var feat = Str(json, "feat");
        Assert.StartsWith("211", feat, StringComparison.Ordinal);
        Assert.Contains("MLST", feat, StringComparison.Ordinal);
        Assert.Contains("UTF8", feat, StringComparison.Ordinal);
        Assert.Contains("REST STREAM", feat, StringComparison.Ordinal);
        var mlst = Str(json, "mlst");
        Assert.StartsWith("250", mlst, StringComparison.Ordinal);
        Assert.Contains("size=4242;", mlst, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("type=file;", mlst, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(4242, json.GetProperty("size").GetInt32());
        Assert.Matches(@"^213 \d{14}", Str(json, "mdtm"));
    }

    private static string Str(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) ? value.GetString() ?? "" : $"<no '{name}' in {json}>";

    private static async Task<JsonElement> RunAsync(FtpTestServer server, string body, params string[] arguments)
    {
        var result = await server.PythonAsync(Prelude + body, arguments);
        var last = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        Assert.False(last is null || result.TimedOut, result.Describe());
        var json = JsonDocument.Parse(last!).RootElement.Clone();
        Assert.False(json.TryGetProperty("error", out var error), "ftplib raised:\n" + error + "\n" + result.Describe());
        return json;
    }
}
