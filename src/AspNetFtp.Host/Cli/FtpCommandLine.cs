using System.CommandLine;

namespace AspNetFtp.Host.Cli;

/// <summary>The verbs of the <c>AspNetFtp.Host</c> program.</summary>
internal static class FtpCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("AspNetFtp: an FTP/FTPS server for ASP.NET Core Identity accounts. Without a verb: FTP on 127.0.0.1:2121 and the web admin on http://127.0.0.1:5080/admin.");
        AdminServerCommand.AddTo(root);
        root.Subcommands.Add(FtpServerVerb.Create());
        root.Subcommands.Add(HashPasswordVerb.Create());
        root.Subcommands.Add(HealthCheckVerb.Create());
        foreach (Command verb in AccountVerbs.Create())
        {
            root.Subcommands.Add(verb);
        }

        return root;
    }
}
