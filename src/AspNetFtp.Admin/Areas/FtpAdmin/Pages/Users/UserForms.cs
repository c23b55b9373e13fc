using AspNetFtp.Admin.Users;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Users;

/// <summary>Puts Identity's refusals next to the form's fields (a field the form lacks gets them at the form's top).</summary>
internal static class UserForms
{
    /// <summary>Adds each error to its field's model state; returns the errors that belong to none, joined, or null.</summary>
    public static string? Show(ModelStateDictionary modelState, AdminUserResult result, IReadOnlyDictionary<string, string> fields)
    {
        var rest = new List<string>();
        foreach (AdminFieldError error in result.FieldErrors)
        {
            if (fields.TryGetValue(error.Field, out string? key))
            {
                modelState.AddModelError(key, error.Message);
            }
            else
            {
                rest.Add(error.Message);
            }
        }

        return rest.Count > 0 ? string.Join(" ", rest) : null;
    }
}
