using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace AspNetFtp.Admin;

/// <summary>
/// Moves the admin's pages from their area's default URLs (<c>FtpAdmin/Sessions</c>) to the mount point
/// (<c>/admin/sessions</c>, lower case); unmapped (no <c>MapFtpAdmin</c>), they get no route at all.
/// </summary>
internal sealed class AdminRoutes(FtpAdminPath path) : IPageRouteModelConvention
{
    public void Apply(PageRouteModel model)
    {
        if (!string.Equals(model.AreaName, FtpAdminArea.Name, StringComparison.Ordinal))
        {
            return;
        }

        if (path.Prefix is not { } prefix)
        {
            model.Selectors.Clear();
            return;
        }

        string area = FtpAdminArea.Name;
        foreach (SelectorModel selector in model.Selectors)
        {
            if (selector.AttributeRouteModel?.Template is not { } template)
            {
                continue;
            }

            string rest = template.Length > area.Length && template.StartsWith(area + "/", StringComparison.OrdinalIgnoreCase)
                ? "/" + template[(area.Length + 1)..].ToLowerInvariant()
                : string.Empty;
            selector.AttributeRouteModel.Template = prefix.TrimStart('/') + rest;
        }
    }
}
