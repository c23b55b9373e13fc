using AspNetFtp.Host.Cli;
using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Tests.Host;

/// <summary>The host's stop outlasts the configured grace period (the Generic Host's own default would cut it at 30 s).</summary>
public sealed class ShutdownTimeoutTests
{
    private static TimeSpan ShutdownTimeoutFor(string? gracePeriod)
    {
        var settings = new Dictionary<string, string?>
        {
            ["FtpServer:Accounts"] = "Identity",
            ["FtpServer:DataDirectory"] = Scratch.NewDirectory("shutdown"),
        };
        if (gracePeriod is not null)
        {
            settings["FtpServer:ShutdownGracePeriod"] = gracePeriod;
        }

        HostApplicationBuilder builder = HostBuilderFactory.Create(settings);
        FtpServerHost.AddServices(builder, AccountStoreKind.Identity);
        using IHost host = builder.Build();
        return host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
    }

    [Fact]
    public void A_grace_period_longer_than_the_hosts_default_timeout_is_not_cut_short() =>
        Assert.Equal(TimeSpan.FromSeconds(60) + ShutdownTimeout.BeyondGracePeriod, ShutdownTimeoutFor("60"));

    [Fact]
    public void The_default_grace_period_of_30_seconds_gets_its_full_time() =>
        Assert.Equal(TimeSpan.FromSeconds(30) + ShutdownTimeout.BeyondGracePeriod, ShutdownTimeoutFor(null));
}
