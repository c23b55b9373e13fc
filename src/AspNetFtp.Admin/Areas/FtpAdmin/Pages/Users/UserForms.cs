using AspNetFtp.Admin.Users;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Users;

/// <summary>Puts Identity's refusals next to the form's fields (a field the form lacks gets them at the form's top).</summary>
internal static class UserForms
{
    /// <summary>
    /// Adds each field's errors to its model state as one message (the validation tag shows a field's first message only);
    /// returns the errors that belong to no field of the form, joined, or null.
    /// </summary>
    public static string? Show(ModelStateDictionary modelState, AdminUserResult result, IReadOnlyDictionary<string, string> fields)
    {
        var rest = new List<string>();
        foreach (IGrouping<string, AdminFieldError> field in result.FieldErrors.GroupBy(e => e.Field, StringComparer.Ordinal))
        {
            string message = string.Join(" ", field.Select(e => e.Message));
            if (fields.TryGetValue(field.Key, out string? key))
            {
                modelState.AddModelError(key, message);
            }
            else
            {
                rest.Add(message);
            }
        }

        return rest.Count > 0 ? string.Join(" ", rest) : null;
    }
}
