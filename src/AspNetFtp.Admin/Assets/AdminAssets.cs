using System.Collections.Frozen;
using System.Security.Cryptography;
using AspNetFtp.Admin.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AspNetFtp.Admin.Assets;

/// <summary>
/// The admin's own CSS and script, embedded in the assembly and served by <c>MapFtpAdmin</c> under
/// <c>{prefix}/assets/</c>: nothing from a CDN or a third party, and no dependency on the application's static files
/// or environment. Each URL carries a hash of the content, so a new version is never served from a stale cache.
/// </summary>
internal sealed class AdminAssets
{
    private readonly FrozenDictionary<string, Asset> _assets;

    public AdminAssets()
    {
        _assets = new Dictionary<string, Asset>(StringComparer.Ordinal)
        {
            ["admin.css"] = Load("admin.css", "text/css; charset=utf-8"),
            ["sessions.js"] = Load("sessions.js", "text/javascript; charset=utf-8"),
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The URL of <paramref name="name"/> under <paramref name="prefix"/>, with its content hash.</summary>
    public string Url(string prefix, string name) => $"{prefix}/assets/{name}?v={_assets[name].Hash}";

    /// <summary>One GET endpoint per asset (anonymous: the sign-in page uses the stylesheet).</summary>
    public void Map(IEndpointRouteBuilder endpoints, string prefix)
    {
        foreach ((string name, Asset asset) in _assets)
        {
            endpoints.MapGet($"{prefix}/assets/{name}", (HttpContext http) =>
                {
                    AdminResponseHeaders.Apply(http.Response);
                    // Content-addressed URLs: a year is safe, the hash changes with the content.
                    http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                    return Results.Bytes(asset.Content, asset.ContentType);
                })
                .AllowAnonymous()
                .ExcludeFromDescription();
        }
    }

    private static Asset Load(string name, string contentType)
    {
        using Stream stream = typeof(AdminAssets).Assembly.GetManifestResourceStream("AspNetFtp.Admin.Assets." + name)
            ?? throw new InvalidOperationException($"The admin asset {name} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        byte[] content = copy.ToArray();
        return new Asset(content, contentType, Convert.ToHexStringLower(SHA256.HashData(content))[..16]);
    }

    private sealed record Asset(byte[] Content, string ContentType, string Hash);
}
