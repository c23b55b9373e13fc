using System.Diagnostics;

namespace AspNetFtp.EndToEnd.Tests.Infrastructure;

/// <summary>Ends a host process a test started: kill the whole tree, then wait a bounded time for it to go.</summary>
internal static class ProcessTermination
{
    public static async Task KillAndWaitAsync(Process process, TimeSpan grace)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Leave it to the OS; nothing more can be done from here.
        }
        catch (InvalidOperationException)
        {
            // No process was ever associated (the start failed).
        }
    }
}
