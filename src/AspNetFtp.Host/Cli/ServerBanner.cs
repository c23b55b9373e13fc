using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using AspNetFtp.Host.Accounts;
using AspNetFtp.Host.Data;
using AspNetFtp.Protocol.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.Cli;

/// <summary>
/// What the server prints once it serves: version, settings, listeners, the web admin's URL (default command), and a
/// first administrator with the password that signs in over FTP and to the web admin.
/// </summary>
internal static class ServerBanner
{
    /// <param name="services">The serving host's services.</param>
    /// <param name="store">The account store in use.</param>
    /// <param name="firstAdministrator">The administrator this start created, or null.</param>
    /// <param name="adminUrl">The web admin's URL; null when this host serves no admin (<c>ftpserver</c>).</param>
    public static void Print(IServiceProvider services, AccountStoreKind store, FirstAdministratorCredential? firstAdministrator, string? adminUrl = null)
    {
        FtpServerOptions options = services.GetRequiredService<IOptions<FtpServerOptions>>().Value;
        FtpServer server = services.GetRequiredService<FtpServer>();
        string version = typeof(FtpServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        Console.Out.WriteLine($"AspNetFtp {version} on .NET {Environment.Version}");
        FtpDataChannelOptions channel = options.DataChannel;
        FtpTlsOptions tls = options.Tls;
        Console.Out.WriteLine($"  passive ports: {(string.IsNullOrWhiteSpace(channel.PassivePorts) ? "any free port" : channel.PassivePorts)}");
        Console.Out.WriteLine($"  masquerade address: {channel.MasqueradeAddress ?? "none (the control connection's address)"}");
        Console.Out.WriteLine($"  TLS: {(tls.IsConfigured ? $"on (control required: {tls.EffectiveControlRequired}, data required: {tls.EffectiveDataRequired})" : "off")}");
        Console.Out.WriteLine($"  idle timeout: {options.Timeouts.Idle.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; sendfile: {(options.UseSendfile ? "on" : "off")}");
        if (store == AccountStoreKind.Configuration)
        {
            int count = services.GetRequiredService<IOptions<ConfiguredAccountsOptions>>().Value.Users.Count;
            Console.Out.WriteLine($"  accounts: {count} from FtpServer:Users");
        }
        else
        {
            DatabaseOptions database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            Console.Out.WriteLine($"  accounts: ASP.NET Core Identity on {database.Provider}");
        }

        foreach (FtpListenerInfo listener in server.Listeners)
        {
            Console.Out.WriteLine($"Listening on {listener.EndPoint} ({(listener.Kind == FtpListenerKind.Ftp ? "FTP" : "FTPS implicit")})");
        }

        if (adminUrl is not null)
        {
            Console.Out.WriteLine($"Web admin: {adminUrl}");
        }

        if (firstAdministrator is not null && server.Listeners.Count > 0)
        {
            PrintFirstAdministrator(firstAdministrator, server.Listeners[0].EndPoint, adminUrl);
        }

        Console.Out.WriteLine("Press Ctrl+C to stop.");
        Console.Out.Flush();
    }

    private static void PrintFirstAdministrator(FirstAdministratorCredential credential, IPEndPoint first, string? adminUrl)
    {
        string host = first.Address.Equals(IPAddress.Any) || first.Address.Equals(IPAddress.IPv6Any) ? "127.0.0.1" : first.Address.ToString();
        if (first.Address.AddressFamily == AddressFamily.InterNetworkV6 && !first.Address.Equals(IPAddress.IPv6Any))
        {
            host = $"[{host}]";
        }

        if (credential.PasswordFile is { } file)
        {
            // Not a terminal (a log, the journal, a pipe): the password stays out of it.
            Console.Out.WriteLine($"First start: created the administrator '{FirstAdministrator.UserName}'; its password is in {file} (readable by its owner only; delete it once noted).");
            Console.Out.WriteLine("  Change it or create more accounts with the CLI verbs.");
            Console.Out.WriteLine($"  Try: curl --user {FirstAdministrator.UserName} ftp://{host}:{first.Port}/ (curl asks for the password)");
            if (adminUrl is not null)
            {
                Console.Out.WriteLine($"  Web admin: {adminUrl} (sign in as '{FirstAdministrator.UserName}' with that password)");
            }

            return;
        }

        Console.Out.WriteLine($"First start: created the administrator '{FirstAdministrator.UserName}' with the password {credential.Password}");
        Console.Out.WriteLine("  (shown only this once; change it or create more accounts with the CLI verbs).");
        Console.Out.WriteLine($"  Try: curl ftp://{FirstAdministrator.UserName}:{credential.Password}@{host}:{first.Port}/");
        if (adminUrl is not null)
        {
            Console.Out.WriteLine($"  Web admin: {adminUrl} (sign in as '{FirstAdministrator.UserName}' with the password above)");
        }
    }
}
