using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Commands;

/// <summary>USER, PASS, ACCT, REIN, QUIT (RFC 959 §4.1.1).</summary>
internal static class LoginCommands
{
    private const int MaxUserNameLength = 256;

    public static void Register(CommandTable table)
    {
        table.Add(new("USER", UserAsync, "USER <name>: name the account to log in to.", NeedsLogin: false, Argument: ArgumentRule.Required));
        table.Add(new("PASS", PassAsync, "PASS <password>: finish the login.", NeedsLogin: false));
        table.Add(new("ACCT", AcctAsync, "ACCT <account>: accepted and ignored.", NeedsLogin: false));
        table.Add(new("REIN", ReinAsync, "REIN: log out and start over on this connection.", NeedsLogin: false, Argument: ArgumentRule.None));
        table.Add(new("QUIT", QuitAsync, "QUIT: end the session.", NeedsLogin: false, AllowedBeforeTls: true));
    }

    private static async Task UserAsync(FtpSession session, string argument)
    {
        if (session.IsLoggedIn)
        {
            await session.ReplyAsync(530, "Can't change to another user; use REIN first.");
            return;
        }

        if (argument.Length > MaxUserNameLength || argument.Any(char.IsControl))
        {
            await session.ReplyAsync(501, "Invalid user name.");
            return;
        }

        session.PendingUserName = argument;
        await session.ReplyAsync(331, "Password required.");
    }

    private static async Task PassAsync(FtpSession session, string argument)
    {
        if (session.IsLoggedIn)
        {
            await session.ReplyAsync(230, "Already logged in.");
            return;
        }

        if (session.PendingUserName is not { } userName)
        {
            await session.ReplyAsync(503, "Login with USER first.");
            return;
        }

        session.PendingUserName = null;
        FtpAuthenticationResult result;
        try
        {
            result = await session.Context.Authenticator.AuthenticateAsync(
                new FtpLoginRequest(userName, argument, session.RemoteEndPoint), session.SessionAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            FtpLog.AuthenticatorFailed(session.Logger, ex);
            result = FtpAuthenticationResult.ServiceUnavailable;
        }

        if (result.Succeeded)
        {
            IFtpFileSystem fileSystem;
            try
            {
                fileSystem = session.Context.FileSystems.Create(result.User!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                FtpLog.LoginFailed(session.Logger, userName, "home directory unavailable");
                session.Publish(new LoginFailed(session.Now, FtpAuthenticationStatus.ServiceUnavailable) { UserName = userName });
                await session.ReplyAsync(530, "Login incorrect: home directory unavailable.");
                return;
            }

            session.CompleteLogin(result.User!, fileSystem);
            FtpLog.LoginSucceeded(session.Logger, result.User!.Name);
            session.Publish(new LoginSucceeded(session.Now));
            await session.ReplyAsync(230, "Login successful.");
            return;
        }

        FtpLog.LoginFailed(session.Logger, userName, result.Status.ToString());
        session.Publish(new LoginFailed(session.Now, result.Status) { UserName = userName });
        if (result.Status == FtpAuthenticationStatus.ServiceUnavailable)
        {
            await session.ReplyAsync(421, "Service not available, closing control connection.");
            session.Close();
            return;
        }

        session.FailedLogins++;
        if (session.Options.LoginFailureDelay > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(session.Options.LoginFailureDelay), session.Context.Time, session.SessionAborted);
        }

        // Never tell which of user or password was wrong, nor that an account is locked.
        await session.ReplyAsync(530, "Login incorrect.");
        if (session.FailedLogins >= session.Options.MaxLoginFailures)
        {
            await session.ReplyAsync(421, "Too many failed logins; closing control connection.");
            session.Close();
        }
    }

    private static Task AcctAsync(FtpSession session, string argument) =>
        session.ReplyAsync(202, "ACCT not needed; ignored.").AsTask();

    private static async Task ReinAsync(FtpSession session, string argument)
    {
        session.Reinitialize();
        await session.ReplyAsync(220, "Ready for a new user.");
    }

    private static async Task QuitAsync(FtpSession session, string argument)
    {
        await session.ReplyAsync(221, "Goodbye.");
        session.Close();
    }
}
