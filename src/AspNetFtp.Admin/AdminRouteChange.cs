using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.Primitives;

namespace AspNetFtp.Admin;

/// <summary>
/// Tells MVC to rebuild its page routes once <c>MapFtpAdmin</c> has set the mount point: an app may have listed its
/// endpoints before (<c>app.MapRazorPages().WithStaticAssets()</c> called first does), when <see cref="AdminRoutes"/>
/// still saw no prefix and left the admin's pages without routes (404 at <c>/admin</c>).
/// </summary>
internal sealed class AdminRouteChange : IActionDescriptorChangeProvider
{
    private CancellationTokenSource _source = new();

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _source).Token);

    /// <summary>The routes changed: the page routes are built again, now with the mount point.</summary>
    public void Signal()
    {
        using CancellationTokenSource previous = Interlocked.Exchange(ref _source, new CancellationTokenSource());
        previous.Cancel();
    }
}
