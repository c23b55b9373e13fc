using System.CommandLine;
using AspNetFtp.Host.Accounts;
using Microsoft.AspNetCore.Identity;

namespace AspNetFtp.Host.Cli;

/// <summary><c>hashpassword</c>: reads one password line on stdin and prints its ASP.NET Core Identity hash.</summary>
internal static class HashPasswordVerb
{
    public static Command Create()
    {
        var command = new Command("hashpassword", "Read a password (one line) on standard input and print its ASP.NET Core Identity hash for FtpServer:Users.");
        command.SetAction(_ =>
        {
            string? password = Console.In.ReadLine();
            if (string.IsNullOrEmpty(password))
            {
                Console.Error.WriteLine("error: no password on standard input (give it as one line)");
                return ExitCodes.Failure;
            }

            Console.Out.WriteLine(new PasswordHasher<ConfiguredFtpAccount>().HashPassword(new ConfiguredFtpAccount(), password));
            return ExitCodes.Success;
        });
        return command;
    }
}
