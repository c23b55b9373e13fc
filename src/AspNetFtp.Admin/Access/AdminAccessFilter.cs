using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Admin.Access;

/// <summary>
/// Runs before every handler of the admin's pages: sets the response headers that keep the pages out of frames and
/// caches and confine their scripts to the library's own, then lets only current administrators through (pages marked
/// <see cref="AllowAnonymousAttribute"/>, the sign-in page, excepted). It reads the Identity cookie itself, so the
/// application's default authentication scheme does not matter.
/// </summary>
internal sealed class AdminAccessFilter : IAsyncPageFilter
{
    /// <summary>The handler name of the live data fetched by script: answered with a status code, never a redirect.</summary>
    public const string DataHandler = "Data";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        HttpContext http = context.HttpContext;
        AdminResponseHeaders.Apply(http.Response);
        if (context.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            await next();
            return;
        }

        AuthenticateResult cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        IAdminAccounts accounts = http.RequestServices.GetRequiredService<IAdminAccounts>();
        AdminAccess access = cookie.Succeeded ? await accounts.CheckAsync(cookie.Principal!) : AdminAccess.NotSignedIn;
        if (access == AdminAccess.Allowed)
        {
            http.User = cookie.Principal!;
            await next();
            return;
        }

        bool data = string.Equals(context.HandlerMethod?.Name, DataHandler, StringComparison.Ordinal);
        if (data)
        {
            context.Result = new StatusCodeResult(access == AdminAccess.NotSignedIn ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
            return;
        }

        string? returnUrl = HttpMethods.IsGet(http.Request.Method) ? http.Request.PathBase + http.Request.Path + http.Request.QueryString : null;
        context.Result = new RedirectToPageResult("/Login", new
        {
            area = FtpAdminArea.Name,
            returnUrl,
            denied = access == AdminAccess.NotAdministrator ? true : (bool?)null,
        });
    }
}
