using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace AspNetFtp.Admin.Access;

/// <summary>Puts <see cref="AdminAccessFilter"/> on every page of the admin's area, and on no page of the application.</summary>
internal sealed class AdminAccessConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        if (string.Equals(model.AreaName, FtpAdminArea.Name, StringComparison.Ordinal))
        {
            model.Filters.Add(new AdminAccessFilter());
        }
    }
}
