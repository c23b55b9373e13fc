using System.Security.Cryptography;
using Xunit.Abstractions;

namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One test's world: a scratch directory, a home directory jailing user alice, the host
/// process serving it, and helpers that run clients against it and log everything to the
/// test output (shown when the test fails).
/// </summary>
internal sealed class FtpTestServer : IAsyncDisposable
{
    public const string UserName = "alice";
    public const string Password = "Sesame-0pen";

    private readonly ITestOutputHelper _log;

    private FtpTestServer(ITestOutputHelper log, string scratch, string home, FtpServerProcess process, FtpServerSettings settings)
    {
        _log = log;
        Scratch = scratch;
        Home = home;
        Process = process;
        Settings = settings;
    }

    /// <summary>A directory outside the jail for the test's local files.</summary>
    public string Scratch { get; }

    /// <summary>alice's home directory: virtual "/" on the server.</summary>
    public string Home { get; }

    public FtpServerProcess Process { get; }

    public FtpServerSettings Settings { get; }

    public string Host => "127.0.0.1";

    public int Port => Process.Port;

    public int ImplicitPort => Process.ImplicitPort;

    public static async Task<FtpTestServer> StartAsync(ITestOutputHelper log, Action<FtpServerSettings>? configure = null)
    {
        var scratch = TestRun.NewDirectory("test");
        var home = Directory.CreateDirectory(Path.Combine(scratch, "home")).FullName;
        var settings = new FtpServerSettings();
        settings.Users.Add(new FtpTestUser(UserName, Password, home));
        configure?.Invoke(settings);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var process = await FtpServerProcess.StartAsync(settings);
        log.WriteLine($"server: {process.CommandLine} -> port {process.Port}, listening after {stopwatch.Elapsed.TotalSeconds:0.00} s");
        return new FtpTestServer(log, scratch, home, process, settings);
    }

    /// <summary>ftp://127.0.0.1:port/path (path without a leading slash is relative to home).</summary>
    public string Url(string path = "", string scheme = "ftp", int? port = null) =>
        $"{scheme}://{Host}:{port ?? Port}/{path.TrimStart('/')}";

    public string UserOption => $"{UserName}:{Password}";

    public void Log(string message) => _log.WriteLine(message);

    public async Task<ProcessResult> CurlAsync(params string[] arguments)
    {
        var result = await ClientRunner.CurlAsync(["--user", UserOption, .. arguments]);
        _log.WriteLine(result.Describe());
        return result;
    }

    /// <summary>Runs lftp commands after <c>open -u alice,pw ftp://127.0.0.1:port</c>.</summary>
    public async Task<ProcessResult> LftpAsync(string commands, string? settings = null)
    {
        var script = $"{settings}{(settings is null ? "" : "; ")}open -u {UserName},{Password} {Url()}; {commands}";
        var result = await ClientRunner.LftpAsync(script);
        _log.WriteLine(result.Describe());
        return result;
    }

    /// <summary>Runs a python3 script with argv: host port user password then <paramref name="arguments"/>.</summary>
    public async Task<ProcessResult> PythonAsync(string script, params string[] arguments)
    {
        var result = await ClientRunner.PythonAsync(script, [Host, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), UserName, Password, .. arguments]);
        _log.WriteLine(result.Describe());
        return result;
    }

    public async Task<RawFtpClient> ConnectRawAsync(System.Net.IPAddress? localAddress = null, bool login = false, int? port = null)
    {
        var client = await RawFtpClient.ConnectAsync(Host, port ?? Port, localAddress, _log);
        if (login)
        {
            await client.LoginAsync(UserName, Password);
        }

        return client;
    }

    /// <summary>Writes a file under home (path relative to home) and returns its bytes.</summary>
    public byte[] CreateHomeFile(string relativePath, int length, int seed = 1)
    {
        var bytes = RandomBytes(length, seed);
        var path = HomePath(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return bytes;
    }

    public string HomePath(string relativePath) => Path.Combine(Home, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public string ScratchPath(string relativePath) => Path.Combine(Scratch, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    /// <summary>Every file under <paramref name="root"/> by its relative path (with '/'), to its SHA-256; empty when the folder is missing.</summary>
    public static SortedDictionary<string, string> Hashes(string root)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return hashes;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            hashes[Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/')] = Sha256(file);
        }

        return hashes;
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        _log.WriteLine("--- server output ---");
        _log.WriteLine(Process.Output);
        try
        {
            Directory.Delete(Scratch, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
