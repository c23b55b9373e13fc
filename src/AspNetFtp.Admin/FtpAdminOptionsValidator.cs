using Microsoft.Extensions.Options;

namespace AspNetFtp.Admin;

/// <summary>Checks <see cref="FtpAdminOptions"/>, naming the key as written.</summary>
internal sealed class FtpAdminOptionsValidator : IValidateOptions<FtpAdminOptions>
{
    public ValidateOptionsResult Validate(string? name, FtpAdminOptions options) =>
        string.IsNullOrWhiteSpace(options.Role)
            ? ValidateOptionsResult.Fail("FtpServer:Admin:Role must name an Identity role (default Administrator)")
            : ValidateOptionsResult.Success;
}
