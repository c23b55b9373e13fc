using System.Globalization;
using Microsoft.Playwright;

namespace AspNetFtp.Sample.Tests.Infrastructure;

/// <summary>
/// Once for the test class: packs the libraries into a temporary folder feed, builds a temporary copy of
/// samples/ExistingIdentityApp from those packages (a private NuGet packages folder, so no AspNetFtp package of an
/// earlier run is taken from a cache), creates its SQLite database with the sample's own <c>dotnet ef</c>, creates
/// the FTP group with the app's own command, starts the app on free loopback ports and launches Debian's chromium.
/// Everything lives under one temporary folder, removed at the end; every command is bounded by a timeout.
/// </summary>
public sealed class SampleAppFixture : IAsyncLifetime
{
    public const string GroupName = "partners";

    /// <summary>The EF Core tools matching the sample's EF Core packages.</summary>
    private const string EfToolVersion = "10.0.12";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private DirectoryInfo? _scratch;
    private string _appDll = "";
    private string _appDirectory = "";
    private Dictionary<string, string?> _appEnvironment = [];
    private RunningApp? _app;
    private IPlaywright? _playwright;
    private readonly System.Text.StringBuilder _timeline = new();

    public string BaseUrl { get; private set; } = "";

    public int FtpPort { get; private set; }

    /// <summary>The app's SQLite database file.</summary>
    public string DatabasePath { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Each set-up step and how long it took.</summary>
    public string Timeline
    {
        get
        {
            lock (_timeline)
            {
                return _timeline.ToString();
            }
        }
    }

    /// <summary>What the app wrote so far, for failure messages.</summary>
    public string AppOutput => _app?.Output ?? "";

    public async Task InitializeAsync()
    {
        _scratch = Directory.CreateTempSubdirectory("aspnetftp-sample-");
        string root = _scratch.FullName;
        string feed = Directory.CreateDirectory(Path.Combine(root, "feed")).FullName;
        var packing = System.Diagnostics.Stopwatch.StartNew();
        string version = await SamplePackages.PackAsync(feed);
        _timeline.AppendLine(CultureInfo.InvariantCulture, $"Packing the libraries: {packing.Elapsed.TotalSeconds:F1} s");

        string project = CopySample(Path.Combine(root, "src"));
        string projectDirectory = Path.GetDirectoryName(project)!;
        var buildEnvironment = new Dictionary<string, string?>
        {
            ["ASPNETFTP_PACKAGES"] = feed,
            ["NUGET_PACKAGES"] = Path.Combine(root, "nuget-packages"),
        };
        await RunAsync("dotnet", ["build", project, "-c", "Release", "-nologo", "-v:q", "-p:AspNetFtpVersion=" + version], BuildTimeout, buildEnvironment, projectDirectory, "Building the sample from the packages");

        _appDirectory = Path.Combine(projectDirectory, "bin", "Release", "net10.0");
        _appDll = Path.Combine(_appDirectory, "ExistingIdentityApp.dll");
        string run = Directory.CreateDirectory(Path.Combine(root, "run")).FullName;
        int[] ports = FreePorts.Take(6);
        int httpPort = ports[0];
        FtpPort = ports[1];
        BaseUrl = "http://127.0.0.1:" + httpPort.ToString(CultureInfo.InvariantCulture);
        DatabasePath = Path.Combine(run, "app.db");
        _appEnvironment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = null,
            ["ConnectionStrings__DefaultConnection"] = $"DataSource={DatabasePath};Cache=Shared",
            ["FtpServer__Host"] = "127.0.0.1",
            ["FtpServer__Defender__Enabled"] = "false",
            ["FtpServer__Port"] = FtpPort.ToString(CultureInfo.InvariantCulture),
            ["FtpServer__DataChannel__PassivePorts"] = string.Join(',', ports.Skip(2)),
            ["FtpServer__RootDirectory"] = Path.Combine(run, "ftp"),
            // Data protection keys and anything else the app keeps per user stay in the run folder.
            ["HOME"] = Directory.CreateDirectory(Path.Combine(run, "home")).FullName,
            // Every SQL command at Information would bury the lines that tell why a test failed.
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning",
        };

        // The README's `dotnet ef database update`, with dotnet-ef installed into the scratch folder (a tool path, not
        // a local tool manifest: the SDK's resolver cache of local tools would keep pointing at an earlier run's folder).
        var efEnvironment = new Dictionary<string, string?>(buildEnvironment)
        {
            ["ConnectionStrings__DefaultConnection"] = _appEnvironment["ConnectionStrings__DefaultConnection"],
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        string tools = Path.Combine(root, "tools");
        await RunAsync("dotnet", ["tool", "install", "dotnet-ef", "--version", EfToolVersion, "--tool-path", tools], ToolTimeout, buildEnvironment, root, "Installing dotnet-ef");
        await RunAsync(Path.Combine(tools, "dotnet-ef"), ["database", "update", "--no-build", "--configuration", "Release"], ToolTimeout, efEnvironment, projectDirectory, "Creating the database (dotnet ef database update)");

        await RunAppCommandAsync("createftpusergroup", GroupName, "--permission", "elradfmw");

        _app = await RunningApp.StartAsync("dotnet", [_appDll, "--urls", BaseUrl], _appEnvironment, _appDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Timeout = 60_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>One of the app's own FTP account commands (<c>dotnet ExistingIdentityApp.dll VERB ...</c>) against its database.</summary>
    internal async Task<CommandResult> RunAppCommandAsync(params string[] arguments) =>
        await RunAsync("dotnet", [_appDll, .. arguments], CommandTimeout, _appEnvironment, _appDirectory, "The app's command " + arguments[0]);

    /// <summary>Runs SQL on the app's database with Debian's sqlite3 (what an app's own role tooling would do).</summary>
    internal async Task RunSqlAsync(string sql) =>
        await RunAsync("sqlite3", [DatabasePath, sql], CommandTimeout, new Dictionary<string, string?>(), _appDirectory, "sqlite3");

    /// <summary>A fresh browser context (its own cookies) with a bounded wait for every action.</summary>
    public async Task<IPage> NewPageAsync()
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            if (Browser is not null)
            {
                await Browser.CloseAsync();
            }

            _playwright.Dispose();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        try
        {
            _scratch?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary folder is left to the OS.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private async Task<CommandResult> RunAsync(string fileName, string[] arguments, TimeSpan timeout, IReadOnlyDictionary<string, string?> environment, string workingDirectory, string step)
    {
        CommandResult result = await ChildProcess.RunAsync(fileName, arguments, timeout, environment, workingDirectory);
        lock (_timeline)
        {
            _timeline.AppendLine(CultureInfo.InvariantCulture, $"{step}: {result.Elapsed.TotalSeconds:F1} s");
        }

        return result.Succeeded ? result : throw new InvalidOperationException($"{step} failed.\n{result.Describe()}");
    }

    /// <summary>
    /// samples/ExistingIdentityApp and the samples folder's Directory.*.props into <paramref name="target"/>,
    /// without build output or a local database; returns the project file's path.
    /// </summary>
    private static string CopySample(string target)
    {
        string samples = Path.Combine(RepoRoot.Location, "samples");
        Directory.CreateDirectory(target);
        foreach (string props in Directory.GetFiles(samples, "Directory.*.props"))
        {
            File.Copy(props, Path.Combine(target, Path.GetFileName(props)));
        }

        string source = Path.Combine(samples, "ExistingIdentityApp");
        string destination = Path.Combine(target, "ExistingIdentityApp");
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            string first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj" or "data" || Path.GetFileName(file).StartsWith("app.db", StringComparison.Ordinal))
            {
                continue;
            }

            string to = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return Path.Combine(destination, "ExistingIdentityApp.csproj");
    }
}
