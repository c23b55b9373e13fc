using AspNetFtp.Identity.Nodes;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Accounts;

/// <content>
/// The nodes as the CLI sees them (<c>listftpnodes</c>): the rows of <c>FtpNodes</c> and <c>FtpNodeSessions</c>. The
/// CLI is no node, so every node's sessions come from its last heartbeat.
/// </content>
public partial class FtpAccountManager<TUser, TKey, TAccount, TContext>
{
    /// <summary>Every node with its state by heartbeat age (<c>FtpServer:Node:DeadAfter</c>), alive ones first.</summary>
    public Task<IReadOnlyList<FtpNodeSummary>> ListNodesAsync(CancellationToken cancellationToken = default) =>
        FtpClusterSessions<TContext>.ReadNodesAsync(db, NodeOptions, _time.GetUtcNow(), null, cancellationToken);

    /// <summary>Every alive node's sessions as of its last heartbeat, oldest connection first.</summary>
    public async Task<IReadOnlyList<FtpClusterSession>> ListNodeSessionsAsync(CancellationToken cancellationToken = default) =>
        await FtpClusterSessions<TContext>.ReadSessionsAsync(db, NodeOptions, _time.GetUtcNow(), null, cancellationToken);

    private FtpNodeOptions NodeOptions =>
        (services?.GetService(typeof(IOptions<FtpNodeOptions>)) as IOptions<FtpNodeOptions>)?.Value ?? new FtpNodeOptions();
}
