using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Protocol.Tests.DependencyInjection;

/// <summary>
/// Issue 8: an existing web app's configuration (root keys such as <c>PORT</c> set by hosting platforms, a content
/// root that is not the current directory) never leaks into the FTP settings.
/// </summary>
public sealed class EmbeddedConfigurationTests
{
    private static FtpServerOptions OptionsOf(IConfiguration configuration, string? contentRoot = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (contentRoot is not null)
        {
            services.AddSingleton<IHostEnvironment>(new FakeHostEnvironment { ContentRootPath = contentRoot });
        }

        services.AddFtpServer(configuration);
        using ServiceProvider sp = services.BuildServiceProvider();
        return sp.GetRequiredService<IOptions<FtpServerOptions>>().Value;
    }

    private static IConfiguration Configuration(Dictionary<string, string?> keys) =>
        new ConfigurationBuilder().AddInMemoryCollection(keys).Build();

    [Fact]
    public void Root_PORT_and_HOST_keys_without_an_FtpServer_section_leave_the_listener_at_its_defaults()
    {
        FtpServerOptions options = OptionsOf(Configuration(new()
        {
            ["PORT"] = "2121",
            ["HOST"] = "1.2.3.4",
            ["Banner"] = "not ours",
            ["Timeout"] = "7",
        }));

        Assert.Equal(21, options.Port);
        Assert.Equal("0.0.0.0", options.Host);
        Assert.Equal("AspNetFtp ready.", options.Banner);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Timeouts.Idle);
    }

    [Fact]
    public void Root_keys_beside_an_FtpServer_section_are_ignored_and_the_section_is_read()
    {
        FtpServerOptions options = OptionsOf(Configuration(new() { ["PORT"] = "8080", ["FtpServer:Banner"] = "hello" }));

        Assert.Equal(21, options.Port);
        Assert.Equal("hello", options.Banner);
    }

    [Fact]
    public void The_FtpServer_section_given_directly_is_read_as_the_section()
    {
        IConfiguration root = Configuration(new() { ["PORT"] = "8080", ["FtpServer:Port"] = "2121" });

        Assert.Equal(2121, OptionsOf(root.GetSection("FtpServer")).Port);
    }

    [Fact]
    public void A_relative_certificate_and_key_resolve_against_the_content_root_not_the_current_directory()
    {
        using var contentRoot = new TempDirectory();
        Assert.NotEqual(Path.GetFullPath(Directory.GetCurrentDirectory()), contentRoot.Path);

        FtpServerOptions options = OptionsOf(Configuration(new()
        {
            ["FtpServer:Tls:CertificateFile"] = "tls/cert.pem",
            ["FtpServer:Tls:KeyFile"] = "tls/key.pem",
            ["FtpServer:Tls:PfxFile"] = "/etc/ftp/server.pfx",
        }), contentRoot.Path);

        Assert.Equal(Path.Combine(contentRoot.Path, "tls", "cert.pem"), options.Tls.CertificateFile);
        Assert.Equal(Path.Combine(contentRoot.Path, "tls", "key.pem"), options.Tls.KeyFile);
        Assert.Equal("/etc/ftp/server.pfx", options.Tls.PfxFile);
    }

    [Fact]
    public void A_zero_account_recheck_is_refused_naming_the_setting()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => OptionsOf(Configuration(new() { ["FtpServer:Timeouts:AccountRecheck"] = "00:00:00" })));

        Assert.Equal("FtpServer:Timeouts:AccountRecheck: 00:00:00 must be between 00:00:00.010 and 01:00:00", Assert.Single(ex.Failures));
    }

    private sealed class FakeHostEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "test";

        public string ContentRootPath { get; set; } = string.Empty;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
