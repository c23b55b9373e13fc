using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.Web;

/// <summary>
/// Checks <c>FtpServer:Metrics</c> and <c>FtpServer:Health</c> at start, naming the key: the path is absolute (starts
/// with '/'), is not the root (it sends browsers to the admin), lies outside the admin's prefix (whose pages require
/// sign-in) and carries no query or fragment.
/// </summary>
internal sealed class WebEndpointOptionsValidator : IValidateOptions<WebEndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, WebEndpointOptions options)
    {
        if (name is not (WebEndpointOptions.Metrics or WebEndpointOptions.Health) || !options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        string key = $"FtpServer:{name}:Path";
        string path = options.Path;
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            return ValidateOptionsResult.Fail($"{key} must start with '/' (got '{path}')");
        }

        if (path == "/" || path.IndexOfAny(['?', '#', ' ', '\t', '\r', '\n']) >= 0)
        {
            return ValidateOptionsResult.Fail($"{key} must be a path below '/' without a query, fragment or spaces (got '{path}')");
        }

        if (new PathString(path.TrimEnd('/')).StartsWithSegments(AdminWeb.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail($"{key} must lie outside the web admin's {AdminWeb.Prefix} (its pages require sign-in; got '{path}')");
        }

        return ValidateOptionsResult.Success;
    }
}
