using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AspNetFtp.Protocol.Tests.Fuzzing;

/// <summary>
/// Random and mutated command sequences over real sockets against a running server: garbage arguments, over-long
/// lines, random bytes, CR/LF splits, commands before login, TLS garbage after AUTH. FTP_NETFUZZ_COUNT sets the
/// number of sequences (2,000 by default); the seed is FTP_FUZZ_SEED when it is a number, else printed.
/// </summary>
public sealed class NetworkFuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Verbs =
    [
        "USER", "PASS", "ACCT", "CWD", "CDUP", "PWD", "LIST", "NLST", "MLSD", "MLST", "RETR", "STOR", "APPE", "STOU", "DELE", "RMD",
        "MKD", "RNFR", "RNTO", "SIZE", "MDTM", "MFMT", "REST", "TYPE", "MODE", "STRU", "PORT", "EPRT", "PASV", "EPSV", "ABOR", "NOOP",
        "SYST", "STAT", "HELP", "FEAT", "OPTS", "AUTH", "PBSZ", "PROT", "CCC", "SITE", "HASH", "XCRC", "QUIT", "REIN", "ALLO", "XPWD",
    ];

    private readonly TestTlsFiles _tls = new();

    public void Dispose() => _tls.Dispose();

    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("FTP_NETFUZZ_COUNT"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 2000;

    [Fact]
    public async Task Random_and_mutated_command_sequences_leave_a_server_that_answers_NOOP_and_holds_no_session()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("FTP_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : Random.Shared.Next();
        output.WriteLine($"network fuzz seed {seed} (set FTP_FUZZ_SEED={seed} to replay)");
        var random = new Random(seed);
        int count = Count;
        await using TestFtpServer server = await TestFtpServer.StartAsync(configure: o =>
        {
            // TLS is offered (AUTH TLS then garbage) but not required, so plain sequences also reach logged-in commands.
            _tls.Apply(o);
            o.Tls.ControlRequired = false;
            o.Tls.DataRequired = false;
            o.Limits.MaxConnectionsPerIp = 1000;

            // A command queued behind a transfer that waits for its data connection (EPSV, LIST, then anything) is
            // read only when that wait ends (Timeouts.Data, 60 s by default); 2 s keeps such sequences short.
            o.Timeouts.Data = TimeSpan.FromSeconds(2);
        });
        (long gcBefore, long wsBefore) = Memory();
        int sequences = 0;
        int failures = 0;
        var sent = new List<string>();
        try
        {
            for (; sequences < count; sequences++)
            {
                sent.Clear();
                await SendSequenceAsync(server, random, sequences, sent);
            }

            await using (RawFtpClient client = await server.LoginAsync())
            {
                Assert.Equal(200, (await client.CommandAsync("NOOP")).Code);
                Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
            }

            // Every session has ended: the registry empties within a bounded wait (memory is measured after it).
            Stopwatch wait = Stopwatch.StartNew();
            while (server.Server.SessionCount > 0 && wait.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20);
            }

            Assert.Equal(0, server.Server.SessionCount);
            Assert.Empty(server.Server.Sessions.List());
        }
        catch
        {
            failures = 1;
            output.WriteLine($"failed at sequence {sequences} with seed {seed}; it sent:");
            sent.ForEach(output.WriteLine);
            throw;
        }
        finally
        {
            // The test's recording sink keeps every event of every session; it is emptied so the figure is the server's.
            int events = server.Events.Events.Count;
            server.Events.Clear();
            (long gcAfter, long wsAfter) = Memory();
            string note = $"seed {seed}; GC heap {gcBefore / 1024} KiB -> {gcAfter / 1024} KiB; working set {wsBefore / 1024 / 1024} MiB -> {wsAfter / 1024 / 1024} MiB; {events} events recorded then dropped";
            output.WriteLine(note);
            FuzzRun.Record("network (command sequences)", sequences, failures, note);
        }
    }

    private static (long Gc, long WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static async Task SendSequenceAsync(TestFtpServer server, Random random, int index, List<string> sent)
    {
        using Socket socket = await RawFtpClient.ConnectSocketAsync(server.EndPoint);
        using var reader = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Task drain = DrainAsync(socket, reader.Token);
        int steps = random.Next(1, 12);
        bool login = random.Next(3) == 0;
        if (login)
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes("USER alice\r\nPASS secret\r\n"));
        }

        for (int i = 0; i < steps && !drain.IsCompleted; i++)
        {
            byte[] bytes = Step(random);
            sent.Add(PathFuzzTests.Escape(Encoding.Latin1.GetString(bytes)));
            try
            {
                // Split at a random point so CR, LF and UTF-8 sequences arrive in separate segments.
                int cut = random.Next(bytes.Length + 1);
                await socket.SendAsync(bytes.AsMemory(0, cut));
                await socket.SendAsync(bytes.AsMemory(cut));
            }
            catch (SocketException)
            {
                break; // The server closed the connection (too many errors, QUIT, a failed TLS handshake).
            }
        }

        if (index % 2 == 0)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                // Already closed by the server.
            }

            await drain; // The server must close its side after our FIN; the 30 s token bounds the wait.
            Assert.False(reader.IsCancellationRequested, $"sequence {index}: the server kept the connection open after the client's FIN");
        }
    }

    private static async Task DrainAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Reset or closed: the sequence is over.
        }
    }

    private static byte[] Step(Random random)
    {
        string verb = Verbs[random.Next(Verbs.Length)];
        switch (random.Next(8))
        {
            case 0:
                return Encoding.UTF8.GetBytes($"{verb} {Garbage(random, random.Next(0, 40))}\r\n");
            case 1:
                return Encoding.UTF8.GetBytes($"{verb} {new string('A', random.Next(500, 20_000))}\r\n");
            case 2:
                return RandomBytes(random, random.Next(1, 300));
            case 3:
                return Encoding.UTF8.GetBytes($"{verb} {Garbage(random, 8)}\n{verb}\r{verb.ToLowerInvariant()}\r\n");
            case 4:
                return [.. Encoding.ASCII.GetBytes("AUTH TLS\r\n"), .. RandomBytes(random, random.Next(1, 600))];
            case 5:
                return [0xFF, 0xF4, 0xFF, 0xF2, .. Encoding.ASCII.GetBytes("ABOR\r\n")];
            case 6:
                string[] mutations = ["PORT 127,0,0,1,0,0", "PORT 127,0,0,1,300,1", "EPRT |1|127.0.0.1|0|", "EPRT |2|::1|65536|", "CWD ../../..", "RETR ..\\..\\etc\\passwd", "MKD %2e%2e", "REST -1", "REST 99999999999999999999", "TYPE Z", "OPTS MLST ;;;", "SITE CHMOD 9999 x", "PASV", "EPSV ALL", "PROT P", "PBSZ -1"];
                return Encoding.UTF8.GetBytes(mutations[random.Next(mutations.Length)] + "\r\n");
            default:
                return Encoding.UTF8.GetBytes($"{verb}\r\n");
        }
    }

    private static string Garbage(Random random, int length)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(1, 0x3000);
        }

        return new string(chars);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
