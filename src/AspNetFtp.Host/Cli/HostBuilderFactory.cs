using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Host.Cli;

/// <summary>
/// The Generic Host builder every verb starts from: appsettings.json beside the program, then the working
/// directory's appsettings.json, then environment variables, then the verb's flags. Settings are read once at
/// start: watching the working directory for a changed appsettings.json would put an inotify watch on every
/// directory below it (a service started in <c>/</c>, systemd's default, would crawl the whole file system first).
/// </summary>
internal static class HostBuilderFactory
{
    public static HostApplicationBuilder Create(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            Configuration = configuration,
        });
        AddProgramSettings(builder.Configuration, defaults: null);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        AddLogFilters(builder.Logging);
        return builder;
    }

    /// <summary>
    /// The web application of the default command, with the same layering; <paramref name="defaults"/> sit below every
    /// other source (appsettings.json, the environment), so any of them overrides them.
    /// </summary>
    public static WebApplicationBuilder CreateWeb(IReadOnlyDictionary<string, string?> defaults)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            // Read by the default configuration sources as they are added: no file watchers (see above).
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        AddProgramSettings(builder.Configuration, defaults);
        AddLogFilters(builder.Logging);
        return builder;
    }

    /// <summary>The appsettings.json beside the program under every other source, and <paramref name="defaults"/> under it.</summary>
    private static void AddProgramSettings(IConfigurationBuilder configuration, IReadOnlyDictionary<string, string?>? defaults)
    {
        configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
        });
        if (defaults is not null)
        {
            configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
        }
    }

    private static void AddLogFilters(ILoggingBuilder logging)
    {
        // EF Core logs every failed command (including the expected probe of a missing migrations table) as an
        // error; the account store reports database failures itself, once, in its own words.
        logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical);
    }
}
