namespace AspNetFtp.Host.Cli;

/// <summary>
/// What differs between the hosts <see cref="FtpServerHost"/> serves: <c>ftpserver</c>'s Generic Host and the default
/// command's web application (FTP and the web admin in one process).
/// </summary>
/// <param name="Build">Builds the host once its services are registered (and maps the web app's endpoints).</param>
/// <param name="AddServices">Registers what this host adds to the FTP server's services, for the chosen account store; may throw <see cref="InvalidOperationException"/> for a store it cannot serve.</param>
/// <param name="AdminUrl">The web admin's URL once the host serves, for the banner; null without an admin.</param>
internal sealed record ServedApp(
    Func<Microsoft.Extensions.Hosting.IHost> Build,
    Action<Data.AccountStoreKind>? AddServices = null,
    Func<IServiceProvider, string?>? AdminUrl = null);
