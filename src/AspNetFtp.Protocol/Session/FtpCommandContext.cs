using System.Net;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Bandwidth;
using AspNetFtp.Protocol.Commands;
using AspNetFtp.Protocol.Data;
using AspNetFtp.Protocol.Paths;
using AspNetFtp.Protocol.Quotas;
using AspNetFtp.Protocol.Replies;
using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Server;
using AspNetFtp.Protocol.Transfers;
using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Session;

/// <summary>
/// What a command handler may see and do: the session state, replies, the user's storage, the data setup and
/// transfers, events, and the few session-wide acts (sign in, REIN, TLS upgrade, close). Not the control
/// connection, its timers or the dispatch.
/// </summary>
internal sealed class FtpCommandContext
{
    private readonly FtpSession _session;
    private readonly ControlChannel _control;
    private readonly TransferRunner _transfers;

    public FtpCommandContext(FtpSession session, ControlChannel control, TransferRunner transfers, SessionState state, FtpServerContext server)
    {
        _session = session;
        _control = control;
        _transfers = transfers;
        State = state;
        Server = server;
    }

    public SessionState State { get; }

    /// <summary>What every session of this server shares (authenticator, storage factory, passive ports, TLS, command table).</summary>
    public FtpServerContext Server { get; }

    public FtpServerOptions Options => Server.Options;

    public ILogger Logger => Server.Logger;

    public string SessionId => _session.Id;

    public IPEndPoint RemoteEndPoint => _session.RemoteEndPoint;

    public IPEndPoint LocalEndPoint => _session.LocalEndPoint;

    public bool IsTlsActive => _control.IsTls;

    /// <summary>Cancelled when the session ends.</summary>
    public CancellationToken Aborted => _session.Aborted;

    public DateTimeOffset Now => Server.Time.GetUtcNow();

    public FtpUser? User => State.User;

    /// <summary>The logged-in user's storage (the table runs login-only verbs only after login).</summary>
    public IFtpFileSystem FileSystem => State.FileSystem ?? throw new InvalidOperationException("Not logged in.");

    /// <summary>True when the user holds every letter of <paramref name="permission"/> at <paramref name="path"/> (directory rules included).</summary>
    public bool HasPermission(FtpPermissions permission, FtpPath path) =>
        State.Permissions is { } map && (map.At(path) & permission) == permission;

    /// <summary>The letters the user holds at <paramref name="path"/>; none before login.</summary>
    public FtpPermissions PermissionsAt(FtpPath path) => State.Permissions?.At(path) ?? FtpPermissions.None;

    /// <summary>
    /// As <see cref="ResolvePathAsync(string)"/>, then the permission check of the command table at the resolved
    /// path (550 "Permission denied."), for the verbs that find their path themselves.
    /// </summary>
    public async ValueTask<FtpPath?> ResolvePathAsync(string text, FtpPermissions permission)
    {
        if (await ResolvePathAsync(text) is not { } path)
        {
            return null;
        }

        if (!HasPermission(permission, path))
        {
            await ReplyAsync(550, "Permission denied.");
            return null;
        }

        return path;
    }

    /// <summary>
    /// Resolves a path the table could not (SITE CHMOD, two-argument MDTM, STAT, STOU), replying 550 when it is
    /// refused; the table's <see cref="PathRule"/> does this for every other verb.
    /// </summary>
    public async ValueTask<FtpPath?> ResolvePathAsync(string text)
    {
        if (FtpPath.TryResolve(State.CurrentDirectory, text, out FtpPath path, out FtpPathError error))
        {
            return path;
        }

        await ReplyAsync(550, CommandChecks.PathErrorText(error));
        return null;
    }

    // ---- replies ----

    public ValueTask ReplyAsync(int code, string text) => _control.ReplyAsync(code, text);

    public ValueTask ReplyMultilineAsync(int code, string first, IEnumerable<string> lines, string last) =>
        _control.ReplyMultilineAsync(code, first, lines, last);

    public ValueTask ReplyStorageErrorAsync(FtpFileSystemException exception, string verb) =>
        StorageReplies.ReplyAsync(_control, Logger, Server.LogThrottle, RemoteEndPoint.Address, exception, verb);

    public void Publish(FtpEvent ftpEvent) => _session.Publish(ftpEvent);

    // ---- data setup and transfers ----

    public bool TransferActive => _transfers.IsActive;

    public bool HasDataSetup => _transfers.HasDataSetup;

    public TransferProgress? CurrentTransfer => _transfers.Current;

    public void SetPassive(PassiveListener listener) => _transfers.SetPassive(listener);

    public void SetActive(IPEndPoint endPoint) => _transfers.SetActive(endPoint);

    public void ClearDataSetup() => _transfers.ClearDataSetup();

    public (int Code, string Text)? CheckDataChannelReady() => _transfers.CheckReady();

    /// <summary>Runs the transfer beside the command loop; the table has checked the data channel.</summary>
    public void StartTransfer(DataTransfer transfer) => _transfers.Start(transfer);

    public Task AbortTransferAsync() => _transfers.AbortAsync();

    // ---- session-wide acts ----

    public void SignIn(FtpUser user, IFtpFileSystem fileSystem, SessionQuota? quota) => _session.SignIn(user, fileSystem, quota);

    /// <summary>The user's quota usage as this session keeps it current; null when not tracked.</summary>
    public SessionQuota? Quota => _session.Quota;

    /// <summary>The rates a transfer of <paramref name="direction"/> obeys; null: none.</summary>
    public TransferRate? RateFor(TransferDirection direction) => _session.RateFor(direction);

    /// <summary>REIN: logs out, keeping the control connection and its TLS.</summary>
    public void Reinitialize() => _session.Reinitialize();

    /// <summary>Ends the session after the reply being written.</summary>
    public void Close() => _session.Close();

    /// <summary>AUTH TLS: wraps the control connection in TLS; false (and the session closes) when the handshake fails.</summary>
    public Task<bool> UpgradeToTlsAsync() => _session.UpgradeToTlsAsync();
}
