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
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        // EF Core logs every failed command (including the expected probe of a missing migrations table) as an
        // error; the account store reports database failures itself, once, in its own words.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical);

        return builder;
    }
}
