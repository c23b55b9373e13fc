using System.Globalization;

namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>How to start the host: command-line flags and configuration by environment.</summary>
internal sealed class FtpServerSettings
{
    public List<FtpTestUser> Users { get; } = [];

    /// <summary>Adds <c>--certfile</c>/<c>--keyfile</c> with the run's self-signed certificate.</summary>
    public bool UseTls { get; set; }

    /// <summary>Adds <c>--implicit-port 0</c>; requires <see cref="UseTls"/>.</summary>
    public bool ImplicitTls { get; set; }

    /// <summary>e.g. "30000-30100"; null lets the server pick ephemeral ports.</summary>
    public string? PassivePorts { get; set; }

    public string? MasqueradeAddress { get; set; }

    public int? IdleTimeoutSeconds { get; set; }

    public bool? Sendfile { get; set; }

    /// <summary>Extra <c>FtpServer__X</c> (or any) environment variables; override the defaults.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Where the host runs (its content root: the appsettings.json there is read); the host's bin directory when null.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Raw extra command-line arguments appended last.</summary>
    public List<string> ExtraArguments { get; } = [];

    /// <summary>Users as <c>FtpServer__Users__N__*</c> (passwords hashed by the host), then <see cref="Environment"/>.</summary>
    public async Task<Dictionary<string, string>> BuildEnvironmentAsync()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["FtpServer__LoginFailureDelay"] = "0",
            // Tests fail logins from 127.0.0.1 on purpose; the defender's own tests switch it on.
            ["FtpServer__Defender__Enabled"] = "false",

            // Per-command session logs: shown with the test output when a test fails.
            ["Logging__LogLevel__AspNetFtp.Session"] = "Debug",
        };
        for (var i = 0; i < Users.Count; i++)
        {
            var user = Users[i];
            var prefix = $"FtpServer__Users__{i}__";
            environment[prefix + "Name"] = user.Name;
            environment[prefix + "PasswordHash"] = await PasswordHashes.GetAsync(user.Password);
            environment[prefix + "HomeDirectory"] = user.HomeDirectory;
            environment[prefix + "Permissions"] = user.Permissions;
            if (user.RequireTls)
            {
                environment[prefix + "RequireTls"] = "true";
            }

            if (user.StorageProfile is not null)
            {
                environment[prefix + "StorageProfile"] = user.StorageProfile;
            }
        }

        foreach (var (key, value) in Environment)
        {
            environment[key] = value;
        }

        return environment;
    }

    public IReadOnlyList<string> BuildArguments()
    {
        var args = new List<string> { "ftpserver", "127.0.0.1:0" };
        if (UseTls)
        {
            args.AddRange(["--certfile", TestCertificate.CertFile, "--keyfile", TestCertificate.KeyFile]);
        }

        if (ImplicitTls)
        {
            args.AddRange(["--implicit-port", "0"]);
        }

        if (PassivePorts is not null)
        {
            args.AddRange(["--passive-ports", PassivePorts]);
        }

        if (MasqueradeAddress is not null)
        {
            args.AddRange(["--masquerade-address", MasqueradeAddress]);
        }

        if (IdleTimeoutSeconds is { } timeout)
        {
            args.AddRange(["--timeout", timeout.ToString(CultureInfo.InvariantCulture)]);
        }

        if (Sendfile is { } sendfile)
        {
            args.AddRange(["--sendfile", sendfile ? "true" : "false"]);
        }

        args.AddRange(ExtraArguments);
        return args;
    }
}
