namespace AspNetFtp.Host.Web;

/// <summary>
/// One anonymous endpoint of the default command's web side, bound from <c>FtpServer:Metrics</c> or
/// <c>FtpServer:Health</c> (named options: <see cref="Metrics"/>, <see cref="Health"/>).
/// </summary>
internal sealed class WebEndpointOptions
{
    /// <summary>The options name and section of <c>/metrics</c> (Prometheus text format).</summary>
    public const string Metrics = "Metrics";

    /// <summary>The options name and section of <c>/healthz</c> (the health checks).</summary>
    public const string Health = "Health";

    /// <summary>Whether the endpoint is served. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where it is served: an absolute path, outside the admin's prefix. Defaults <c>/metrics</c>, <c>/healthz</c>.</summary>
    public string Path { get; set; } = "";

    /// <summary>The default path of the endpoint named <paramref name="name"/>.</summary>
    public static string DefaultPath(string name) => name == Metrics ? "/metrics" : "/healthz";
}
