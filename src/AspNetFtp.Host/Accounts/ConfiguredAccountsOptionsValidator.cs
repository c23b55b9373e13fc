using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Storage.Profiles;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Host.Accounts;

/// <summary>Checks <c>FtpServer:Users</c> at start, naming the entry and field of each problem.</summary>
/// <param name="profiles">The configured storage profiles an account may name; none when null.</param>
public sealed class ConfiguredAccountsOptionsValidator(FtpStorageProfiles? profiles = null) : IValidateOptions<ConfiguredAccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, ConfiguredAccountsOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < options.Users.Count; i++)
        {
            ConfiguredFtpAccount account = options.Users[i];
            string prefix = $"FtpServer:Users:{i}";
            if (string.IsNullOrWhiteSpace(account.Name))
            {
                failures.Add($"{prefix}:Name: is empty");
            }
            else if (!seen.Add(account.Name))
            {
                failures.Add($"{prefix}:Name: '{account.Name}' appears twice");
            }

            if (string.IsNullOrWhiteSpace(account.PasswordHash) || !IsIdentityHash(account.PasswordHash))
            {
                failures.Add($"{prefix}:PasswordHash: is not an ASP.NET Core Identity password hash (make one with the hashpassword verb)");
            }

            if (string.IsNullOrWhiteSpace(account.HomeDirectory))
            {
                failures.Add($"{prefix}:HomeDirectory: is empty");
            }

            if (!FtpPermissionLetters.TryParse(account.Permissions, out _, out string? error))
            {
                failures.Add($"{prefix}:Permissions: {error}");
            }

            if (!string.IsNullOrWhiteSpace(account.StorageProfile) && profiles?.Contains(account.StorageProfile.Trim()) != true)
            {
                string known = profiles is { Names.Count: > 0 } ? string.Join(", ", profiles.Names) : "none configured";
                failures.Add($"{prefix}:StorageProfile: '{account.StorageProfile}' is not a storage profile of FtpServer:Storage:Profiles ({known})");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsIdentityHash(string hash)
    {
        Span<byte> bytes = stackalloc byte[hash.Length];
        return Convert.TryFromBase64String(hash, bytes, out int written) && written > 1 && bytes[0] is 0x00 or 0x01;
    }
}
