using System.Globalization;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Logging;
using AspNetFtp.Protocol.Quotas;
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

        if (result.Succeeded && result.User!.RequireTls && !context.IsTlsActive)
        {
            FtpLog.LoginFailed(context.Logger, context.Server.LogThrottle, context.RemoteEndPoint.Address, userName, "the account requires TLS");
            context.Server.Metrics.LoginFailed();
            context.Publish(new LoginFailed(context.Now, FtpAuthenticationStatus.TlsRequired) { UserName = userName });
            await context.ReplyAsync(530, "Login refused: this account requires TLS; use AUTH TLS first.");
            return;
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

            if (!await TakeSessionPlaceAsync(context, result.User!))
            {
                return;
            }

            SessionQuota? quota;
            try
            {
                quota = await SessionQuota.StartAsync(result.User!, fileSystem, context.Server.Quotas, context.Aborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                context.Server.UserSessions.Leave(result.User!.Name);
                FtpLog.AuthenticatorFailed(context.Logger, ex);
                FtpLog.LoginFailed(context.Logger, context.Server.LogThrottle, context.RemoteEndPoint.Address, userName, "quota usage unavailable");
                context.Server.Metrics.LoginFailed();
                context.Publish(new LoginFailed(context.Now, FtpAuthenticationStatus.ServiceUnavailable) { UserName = userName });
                await context.ReplyAsync(421, "Service not available, closing control connection.");
                context.Close();
                return;
            }

            context.SignIn(result.User!, fileSystem, quota);
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

    /// <summary>
    /// Takes a place among the user's sessions (<c>MaxSessions</c>, else <c>Limits:MaxSessionsPerUser</c>); past
    /// the limit the login is refused with 421 and the connection closed, as ProFTPD's MaxClientsPerUser does.
    /// </summary>
    private static async Task<bool> TakeSessionPlaceAsync(FtpCommandContext context, FtpUser user)
    {
        int serverDefault = context.Options.Limits.MaxSessionsPerUser;
        int? most = user.Limits.MaxSessions ?? (serverDefault > 0 ? serverDefault : null);
        if (context.Server.UserSessions.TryEnter(user.Name, most))
        {
            return true;
        }

        FtpLog.LoginFailed(context.Logger, context.Server.LogThrottle, context.RemoteEndPoint.Address, user.Name, "too many sessions");
        context.Server.Metrics.LoginFailed();
        context.Publish(new LoginFailed(context.Now, FtpAuthenticationStatus.NotAllowed) { UserName = user.Name });
        await context.ReplyAsync(421, string.Create(CultureInfo.InvariantCulture,
            $"Too many sessions for this user (at most {most}); closing control connection."));
        context.Close();
        return false;
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
