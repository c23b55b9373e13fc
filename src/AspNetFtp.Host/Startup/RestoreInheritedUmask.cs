using AspNetFtp.Host.ProcessManagement;

namespace AspNetFtp.Host.Startup;

/// <summary>The last step: files and directories FTP users create get the modes the administrator's umask gives again.</summary>
internal sealed class RestoreInheritedUmask : IStartupTask
{
    public Task RunAsync(CancellationToken cancellationToken)
    {
        FileCreationMask.RestoreInherited();
        return Task.CompletedTask;
    }
}
