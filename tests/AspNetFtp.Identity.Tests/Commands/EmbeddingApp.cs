using System.Net;
using System.Net.Sockets;
using AspNetFtp.Identity.Commands;
using AspNetFtp.Identity.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Identity.Tests.Commands;

/// <summary>
/// An ASP.NET Core app built in-process the way an app's Program.cs builds it (its own SQLite database in a
/// scratch directory, its FTP listener configured on a port that was free), never started.
/// </summary>
internal sealed class EmbeddingApp : IAsyncDisposable
{
    private EmbeddingApp(WebApplication app, string directory, int ftpPort)
    {
        App = app;
        Directory = directory;
        FtpPort = ftpPort;
    }

    public WebApplication App { get; }

    public string Directory { get; }

    /// <summary>The port the app's FTP listener would bind if the app ran.</summary>
    public int FtpPort { get; }

    /// <summary>
    /// Builds the app: <paramref name="configure"/> registers its database, Identity and FTP server; the database is created.
    /// <paramref name="settings"/> add configuration (storage profiles and the like).
    /// </summary>
    public static async Task<EmbeddingApp> BuildAsync<TContext>(Action<WebApplicationBuilder, string> configure, IReadOnlyDictionary<string, string?>? settings = null)
        where TContext : DbContext
    {
        string directory = Scratch.NewDirectory("embedding-app");
        int ftpPort = FreeLoopbackPort();
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = directory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FtpServer:Host"] = "127.0.0.1",
            ["FtpServer:Port"] = ftpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FtpServer:RootDirectory"] = Path.Combine(directory, "ftp"),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        configure(builder, $"Data Source={Path.Combine(directory, "app.db")}");
        WebApplication app = builder.Build();
        await using (AsyncServiceScope scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TContext>().Database.EnsureCreatedAsync();
        }

        return new EmbeddingApp(app, directory, ftpPort);
    }

    /// <summary>Runs <c>RunFtpCommandAsync</c> with captured output: the exit code (null when args name no FTP verb), stdout and stderr.</summary>
    public async Task<(int? ExitCode, string StdOut, string StdErr)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int? exitCode = await FtpAccountCommandHostExtensions.RunFtpCommandAsync(App, args, output, error, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Whether the FTP port can be bound, that is, no FTP listener holds it.</summary>
    public bool FtpPortIsFree()
    {
        var probe = new TcpListener(IPAddress.Loopback, FtpPort);
        try
        {
            probe.Start();
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        finally
        {
            probe.Stop();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Scratch.TryDelete(Directory);
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
