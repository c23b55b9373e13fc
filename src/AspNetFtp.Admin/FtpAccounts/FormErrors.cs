using AspNetFtp.Identity.Accounts;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AspNetFtp.Admin.FtpAccounts;

/// <summary>Puts an account manager's refusal next to the form field its parameter came from.</summary>
internal static class FormErrors
{
    /// <summary>
    /// Adds <paramref name="result"/>'s error under the field that <paramref name="fields"/> maps its
    /// <see cref="FtpAccountResult{T}.Field"/> to, or to the whole form (key "") when none does.
    /// </summary>
    public static void Add<T>(ModelStateDictionary state, FtpAccountResult<T> result, IReadOnlyDictionary<string, string> fields) =>
        state.AddModelError(result.Field is { } f && fields.TryGetValue(f, out string? key) ? key : string.Empty, result.Error ?? "The change was refused.");
}
