using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Data.Common;
using AspNetFtp.Host.Accounts;
using AspNetFtp.Host.Data;
using AspNetFtp.Host.ProcessManagement;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.Cli;

/// <summary>
/// <c>ftpserver [host:port]</c>: serves FTP until stopped. Settings come from appsettings.json, then
/// environment variables (<c>FtpServer__X</c>), then these flags, each overriding the one before.
/// </summary>
internal static class FtpServerVerb
{
    public static Command Create()
    {
        var endpoint = new Argument<string?>("host:port")
        {
            Description = "Address and port to listen on, such as 127.0.0.1:2121 or [::1]:2121 (default from FtpServer:Host and FtpServer:Port).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var passivePorts = new Option<string?>("--passive-ports") { Description = "Passive port ranges, such as 30000-30100 or 12345,30000-50000." };
        var masquerade = new Option<string?>("--masquerade-address") { Description = "IPv4 address announced in PASV replies (behind NAT)." };
        var certFile = new Option<string?>("--certfile") { Description = "PEM certificate for FTPS." };
        var keyFile = new Option<string?>("--keyfile") { Description = "PEM private key for FTPS." };
        var implicitPort = new Option<int?>("--implicit-port") { Description = "Also serve implicit FTPS on this port (0 picks a free one)." };
        var timeout = new Option<int?>("--timeout") { Description = "Idle timeout in seconds (default 300)." };
        var sendfile = new Option<bool?>("--sendfile") { Description = "Use zero-copy sendfile for plain downloads (true or false).", Arity = ArgumentArity.ZeroOrOne };
        var daemonize = new Option<bool>("--daemonize") { Description = "Detach and serve in the background (output to --logfile)." };
        var pidFile = new Option<string?>("--pidfile") { Description = "Write the server's process id here; refuse to start while it names a live process." };
        var logFile = new Option<string?>("--logfile") { Description = "Log file of --daemonize (default: <data directory>/aspnetftp.log)." };
        var fileAccessUser = new Option<string?>("--file-access-user") { Description = "Start as root, bind the ports, then run as this user." };

        var command = new Command("ftpserver", "Run the FTP/FTPS server.")
        {
            endpoint, passivePorts, masquerade, certFile, keyFile, implicitPort, timeout, sendfile,
            daemonize, pidFile, logFile, fileAccessUser,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (parse.GetValue(endpoint) is { } text)
            {
                if (!TryParseEndpoint(text, out string? host, out int port))
                {
                    Console.Error.WriteLine($"error: host:port '{text}' is not an address and port (such as 127.0.0.1:2121)");
                    return ExitCodes.BadSetting;
                }

                overrides["FtpServer:Host"] = host;
                overrides["FtpServer:Port"] = port.ToString(CultureInfo.InvariantCulture);
            }

            // Flags set the nested keys: a nested key wins over its old flat alias, so a flag overrides either
            // form in appsettings.json or the environment.
            Set(overrides, "DataChannel:PassivePorts", parse.GetValue(passivePorts));
            Set(overrides, "DataChannel:MasqueradeAddress", parse.GetValue(masquerade));
            Set(overrides, "Tls:CertificateFile", parse.GetValue(certFile));
            Set(overrides, "Tls:KeyFile", parse.GetValue(keyFile));
            Set(overrides, "ImplicitTlsPort", parse.GetValue(implicitPort)?.ToString(CultureInfo.InvariantCulture));
            Set(overrides, "Timeouts:Idle", parse.GetValue(timeout) is { } seconds
                ? TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture)
                : null);
            if (parse.GetResult(sendfile) is not null)
            {
                overrides["FtpServer:UseSendfile"] = (parse.GetValue(sendfile) ?? true) ? "true" : "false";
            }

            if (parse.GetValue(daemonize))
            {
                overrides["FtpServer:Daemonize"] = "true";
            }

            Set(overrides, "PidFile", parse.GetValue(pidFile));
            Set(overrides, "LogFile", parse.GetValue(logFile));
            Set(overrides, "FileAccessUser", parse.GetValue(fileAccessUser));

            return await RunAsync(overrides, cancellationToken);
        });
        return command;
    }

    private static void Set(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides["FtpServer:" + key] = value;
        }
    }

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

    private static async Task<int> RunAsync(Dictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        HostApplicationBuilder builder = HostBuilderFactory.Create(overrides);
        ProcessSettings process = ProcessSettings.From(builder.Configuration);
        if (process.Daemonize && !Daemonizer.IsDaemonChild)
        {
            return await Daemonizer.StartDetachedAsync(process.LogFile ?? Path.Combine(AccountStoreSetup.DataDirectory(builder.Configuration), "aspnetftp.log"), cancellationToken);
        }

        UnixAccount? runAs = null;
        try
        {
            runAs = process.FileAccessUser is { Length: > 0 } user ? PrivilegeDrop.Check(user) : null;
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadSetting;
        }

        PidFile? pid;
        try
        {
            pid = process.PidFile is { Length: > 0 } path ? PidFile.Acquire(path) : null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        using (pid)
        {
            return await ServeAsync(builder, runAs, cancellationToken);
        }
    }

    private static async Task<int> ServeAsync(HostApplicationBuilder builder, UnixAccount? runAs, CancellationToken cancellationToken)
    {
        AccountStoreKind store;
        try
        {
            store = AccountStoreSetup.ChooseStore(builder.Configuration);
            // Type=notify readiness and journald-friendly logs under systemd; service control on Windows. Both do nothing elsewhere.
            builder.Services.AddSystemd();
            builder.Services.AddWindowsService();
            builder.Services.AddFtpServerWithAccounts(builder.Configuration, store);
        }
        catch (Exception ex) when (ex is FtpConfigurationException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadSetting;
        }

        // A failed start is reported below in one line; the host's own report of it (a stack trace) is dropped.
        // A filter for a category replaces the configured level for it, so that level is looked up and kept.
        bool started = false;
        const string hostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
        LogLevel hostLevel = ConfiguredLevel(builder.Configuration, hostCategory);
        builder.Logging.AddFilter(hostCategory, level => level >= hostLevel && (started || level < LogLevel.Error));
        using IHost host = builder.Build();
        FirstAdministratorCredential? firstAdministrator = null;
        try
        {
            // Validate before the host starts, so a bad setting is reported once, plainly, without the host's stack trace.
            _ = host.Services.GetRequiredService<IOptions<FtpServerOptions>>().Value;
            if (store == AccountStoreKind.Configuration)
            {
                _ = host.Services.GetRequiredService<IOptions<ConfiguredAccountsOptions>>().Value;
            }

            // Once the ports are bound and before the first accept: become the service user, then (as that user)
            // create and migrate the database and the first administrator, so root never opens a file in a
            // directory that user owns; then give FTP users' files the inherited umask again.
            FtpServer server = host.Services.GetRequiredService<FtpServer>();
            server.ListenersBound = async token =>
            {
                if (runAs is not null)
                {
                    HandOver(runAs, host.Services, builder.Configuration, store);
                    PrivilegeDrop.Become(runAs);
                }
                else if (store == AccountStoreKind.Identity && OperatingSystem.IsLinux())
                {
                    TightenDatabaseFiles(AccountStoreSetup.DataDirectory(builder.Configuration));
                }

                firstAdministrator = await PrepareAccountsAsync(host.Services, builder.Configuration, store, token);
                FileCreationMask.RestoreInherited();
            };

            await host.StartAsync(cancellationToken);
            started = true;
        }
        catch (AccountDatabaseException ex)
        {
            Console.Error.WriteLine($"error: the account database failed: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (InvalidOperationException ex) when (ex.TargetSite?.DeclaringType == typeof(ConfigurationBinder))
        {
            // A value that does not convert ("maybe" for a boolean): the binder's message names the setting and the value.
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadSetting;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (OptionsValidationException ex)
        {
            foreach (string failure in ex.Failures)
            {
                Console.Error.WriteLine($"error: {failure}");
            }

            return ExitCodes.BadSetting;
        }
        catch (FtpConfigurationException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadSetting;
        }
        catch (SocketException ex)
        {
            Console.Error.WriteLine($"error: cannot listen on the configured address and port: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (DbException ex)
        {
            Console.Error.WriteLine($"error: the account database is unavailable: {ex.Message}");
            return ExitCodes.Failure;
        }

        ServerBanner.Print(host.Services, store, firstAdministrator);
        Daemonizer.SignalReady();
        await host.WaitForShutdownAsync(CancellationToken.None);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The level <c>Logging:LogLevel</c> gives a category: its own entry, else the longest configured prefix of its
    /// dotted name, else <c>Default</c>, else Information (the rule Microsoft.Extensions.Logging applies).
    /// </summary>
    private static LogLevel ConfiguredLevel(IConfiguration configuration, string category)
    {
        IConfigurationSection levels = configuration.GetSection("Logging:LogLevel");
        for (string name = category; name.Length > 0; name = name.LastIndexOf('.') is var dot and > 0 ? name[..dot] : string.Empty)
        {
            if (Enum.TryParse(levels[name], ignoreCase: true, out LogLevel level))
            {
                return level;
            }
        }

        return Enum.TryParse(levels["Default"], ignoreCase: true, out LogLevel fallback) ? fallback : LogLevel.Information;
    }

    /// <summary>What the dropped-to user must still write: the data directory, the SQLite files in it, the FTP root.</summary>
    private static void HandOver(UnixAccount runAs, IServiceProvider services, IConfiguration configuration, AccountStoreKind store)
    {
        if (store != AccountStoreKind.Identity)
        {
            return;
        }

        string root = services.GetRequiredService<IOptions<Identity.Accounts.FtpAccountsOptions>>().Value.RootDirectory;
        PrivilegeDrop.HandOver(runAs, AccountStoreSetup.DataDirectory(configuration), DatabaseRegistration.SqliteFileNames, root);
    }

    /// <summary>An embedded database an older version left readable by others becomes owner only (best effort: ours only).</summary>
    private static void TightenDatabaseFiles(string dataDirectory)
    {
        try
        {
            using DirectoryHandle data = DirectoryHandle.OpenConfigured(dataDirectory, create: false);
            foreach (string name in DatabaseRegistration.SqliteFileNames)
            {
                if (data.StatEntry(name) is { } file && file.UserId == LibC.geteuid())
                {
                    OwnerOnlyFiles.Secure(data, name, handTo: null);
                }
            }
        }
        catch (IOException)
        {
            // Not ours to change, or not a plain file: without a privilege drop there is no one to protect against.
        }
    }

    /// <summary>Migrates the account database and creates the first administrator, as configured; null unless one was created.</summary>
    /// <exception cref="AccountDatabaseException">The database failed.</exception>
    private static async Task<FirstAdministratorCredential?> PrepareAccountsAsync(IServiceProvider services, IConfiguration configuration, AccountStoreKind store, CancellationToken cancellationToken)
    {
        if (store != AccountStoreKind.Identity)
        {
            return null;
        }

        DatabaseOptions database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        bool embedded = database.Provider == DatabaseProvider.Sqlite;
        try
        {
            if (database.MigrateOnStart ?? embedded)
            {
                await AccountStoreSetup.MigrateAsync(services, cancellationToken);
            }

            if ((database.CreateFirstAdministrator ?? embedded) && await FirstAdministrator.EnsureAsync(services, cancellationToken) is { } password)
            {
                return FirstAdministrator.Record(password, AccountStoreSetup.DataDirectory(configuration));
            }

            return null;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OptionsValidationException))
        {
            throw new AccountDatabaseException(ex.GetBaseException().Message, ex);
        }
    }
}
