using AspNetFtp.Identity.Commands;

namespace AspNetFtp.Identity.Tests.Commands;

/// <summary>Issue 8: the public entry point writes to the process's console and sets its exit code.</summary>
[Collection(ConsoleCaptureCollection.Name)]
public sealed class RunFtpCommandConsoleTests
{
    [Fact]
    public async Task RunFtpCommandAsync_writes_to_the_console_and_sets_the_process_exit_code()
    {
        await using EmbeddingApp app = await EmbeddedAccountCommandsTests.BuildStringKeyedAppAsync();
        TextWriter originalOut = Console.Out;
        TextWriter originalError = Console.Error;
        int originalExitCode = Environment.ExitCode;
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            Console.SetOut(output);
            Console.SetError(error);
            Environment.ExitCode = 0;

            bool ranBad = await app.App.RunFtpCommandAsync(["createftpusergroup", "partners", "--permission", "elrq"]);
            int badExitCode = Environment.ExitCode;
            string badError = error.ToString();
            bool ranGood = await app.App.RunFtpCommandAsync(["createftpusergroup", "partners", "--permission", "elr"]);
            int goodExitCode = Environment.ExitCode;

            Assert.Equal((true, 1), (ranBad, badExitCode));
            Assert.StartsWith("error: permission 'elrq': ", badError, StringComparison.Ordinal);
            Assert.Equal((true, 0), (ranGood, goodExitCode));
            Assert.Equal("Created FTP group 'partners' (permissions elr).\n", output.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
            Environment.ExitCode = originalExitCode;
        }
    }
}
