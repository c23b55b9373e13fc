namespace AspNetFtp.Host.Startup;

/// <summary>
/// One step of <see cref="StartupPipeline"/>: runs once the listeners are bound and before the first client
/// is accepted, after the steps before it.
/// </summary>
internal interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}
