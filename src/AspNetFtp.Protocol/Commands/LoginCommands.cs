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
        table.Add(new("USER", UserAsync, "USER <name>: name the account to log in to.") { NeedsLogin = false, Argument = ArgumentRule.Required });
        table.Add(new("PASS", PassAsync, "PASS <password>: finish the login.") { NeedsLogin = false });
        table.Add(new("ACCT", AcctAsync, "ACCT <account>: accepted and ignored.") { NeedsLogin = false });
        table.Add(new("REIN", ReinAsync, "REIN: log out and start over on this connection.") { NeedsLogin = false, Argument = ArgumentRule.None });
        table.Add(new("QUIT", QuitAsync, "QUIT: end the session.") { NeedsLogin = false, AllowedBeforeTls = true });
    }

    private static async Task UserAsync(FtpCommandContext context, CommandRequest request)
    {
        if (context.State.IsLoggedIn)
        {
            await context.ReplyAsync(530, "Can't change to another user; use REIN first.");
            return;
        }

        string name = request.Argument;
        if (name.Length > MaxUserNameLength || name.Any(char.IsControl))
        {
            await context.ReplyAsync(501, "Invalid user name.");
            return;
        }

        context.State.PendingUserName = name;
        await context.ReplyAsync(331, "Password required.");
    }

    private static async Task PassAsync(FtpCommandContext context, CommandRequest request)
    {
        SessionState state = context.State;
        if (state.IsLoggedIn)
        {
            await context.ReplyAsync(230, "Already logged in.");
            return;
        }

        if (state.PendingUserName is not { } userName)
        {
            await context.ReplyAsync(503, "Login with USER first.");
            return;
        }

        state.PendingUserName = null;
        FtpAuthenticationResult result;
        try
        {
            result = await context.Server.Authenticator.AuthenticateAsync(
                new FtpLoginRequest(userName, request.Argument, context.RemoteEndPoint), context.Aborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            FtpLog.AuthenticatorFailed(context.Logger, ex);
            result = FtpAuthenticationResult.ServiceUnavailable;
        }

        if (result.Succeeded)
        {
            IFtpFileSystem fileSystem;
            try
            {
                fileSystem = context.Server.FileSystems.Create(result.User!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FtpFileSystemException)
            {
                FtpLog.LoginFailed(context.Logger, context.Server.LogThrottle, context.RemoteEndPoint.Address, userName, "home directory unavailable");
                context.Server.Metrics.LoginFailed();
                context.Publish(new LoginFailed(context.Now, FtpAuthenticationStatus.ServiceUnavailable) { UserName = userName });
                await context.ReplyAsync(530, "Login incorrect: home directory unavailable.");
                return;
            }

            context.SignIn(result.User!, fileSystem);
            context.Server.Metrics.LoginSucceeded();
            FtpLog.LoginSucceeded(context.Logger, result.User!.Name);
            context.Publish(new LoginSucceeded(context.Now));
            await context.ReplyAsync(230, "Login successful.");
            return;
        }

        FtpLog.LoginFailed(context.Logger, context.Server.LogThrottle, context.RemoteEndPoint.Address, userName, result.Status.ToString());
        context.Server.Metrics.LoginFailed();
        context.Publish(new LoginFailed(context.Now, result.Status) { UserName = userName });
        if (result.Status == FtpAuthenticationStatus.ServiceUnavailable)
        {
            await context.ReplyAsync(421, "Service not available, closing control connection.");
            context.Close();
            return;
        }

        state.FailedLogins++;
        context.Server.Defender.Score(context.RemoteEndPoint.Address, FtpScoreReason.FailedLogin);
        if (context.Options.Timeouts.LoginFailureDelay > TimeSpan.Zero)
        {
            await Task.Delay(context.Options.Timeouts.LoginFailureDelay, context.Server.Time, context.Aborted);
        }

        // Never tell which of user or password was wrong, nor that an account is locked.
        await context.ReplyAsync(530, "Login incorrect.");
        if (state.FailedLogins >= context.Options.Limits.MaxLoginFailures)
        {
            await context.ReplyAsync(421, "Too many failed logins; closing control connection.");
            context.Close();
        }
    }

    private static Task AcctAsync(FtpCommandContext context, CommandRequest request) =>
        context.ReplyAsync(202, "ACCT not needed; ignored.").AsTask();

    private static async Task ReinAsync(FtpCommandContext context, CommandRequest request)
    {
        context.Reinitialize();
        await context.ReplyAsync(220, "Ready for a new user.");
    }

    private static async Task QuitAsync(FtpCommandContext context, CommandRequest request)
    {
        await context.ReplyAsync(221, "Goodbye.");
        context.Close();
    }
}
