using Microsoft.AspNetCore.Http;

namespace AspNetFtp.Admin.Access;

/// <summary>The headers of every admin page and asset.</summary>
internal static class AdminResponseHeaders
{
    /// <summary>
    /// Only the library's own script and style, no frames (the Disconnect button cannot be clicked through another
    /// site's page), forms posted only to this site, no caching of pages that show who is connected.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response)
    {
        IHeaderDictionary headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        // What antiforgery itself sets on a page carrying a token: the same on every page.
        headers.CacheControl = "no-cache, no-store";
    }
}
