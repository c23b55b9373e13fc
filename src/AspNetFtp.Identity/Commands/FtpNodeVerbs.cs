using System.CommandLine;
using System.Globalization;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Identity.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AspNetFtp.Identity.Commands;

/// <summary>
/// <c>listftpnodes [--sessions]</c>: the nodes sharing the database, and with <c>--sessions</c> every alive node's
/// sessions as of its last heartbeat. Read-only, so no audit row.
/// </summary>
internal sealed class FtpNodeVerbs<TUser, TKey, TAccount, TContext>(
    Func<ParseResult, Func<FtpAccountManager<TUser, TKey, TAccount, TContext>, Task<int>>, CancellationToken, Task<int>> run)
    where TUser : IdentityUser<TKey>, new()
    where TKey : IEquatable<TKey>
    where TAccount : FtpUserAccount<TKey>, new()
    where TContext : DbContext
{
    public IEnumerable<Command> Create()
    {
        yield return List();
    }

    private Command List()
    {
        var sessions = new Option<bool>("--sessions") { Description = "Also list every alive node's sessions (as of its last heartbeat)." };
        var command = new Command(FtpAccountVerbNames.ListNodes, "List the FTP nodes sharing the database: state, sessions, endpoints, passive ports, last heartbeat.") { sessions };
        command.SetAction((parse, ct) => run(parse, async accounts =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            IReadOnlyList<FtpNodeSummary> nodes = await accounts.ListNodesAsync(ct);
            output.WriteLine($"{"NODE",-24} {"STATE",-7} {"SESSIONS",8}  {"LAST HEARTBEAT (UTC)",-20} {"STARTED (UTC)",-19} {"PASSIVE",-16} {"MASQUERADE",-16} ENDPOINTS");
            foreach (FtpNodeSummary n in nodes)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{n.Name,-24} {State(n.State),-7} {n.Sessions,8}  {Time(n.HeartbeatUtc),-20} {Time(n.StartedUtc),-19} {n.PassivePorts ?? "any",-16} {n.MasqueradeAddress ?? "none",-16} {n.Endpoints}"));
            }

            if (parse.GetValue(sessions))
            {
                output.WriteLine();
                output.WriteLine($"{"NODE",-24} {"SESSION",-12} {"USER",-20} {"REMOTE",-24} {"TLS",-3} {"CONNECTED (UTC)",-19} LAST COMMAND");
                foreach (FtpClusterSession s in await accounts.ListNodeSessionsAsync(ct))
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{s.Node,-24} {s.Id,-12} {s.UserName ?? "-",-20} {s.Remote,-24} {(s.IsTls ? "yes" : "no"),-3} {Time(s.ConnectedUtc),-19} {s.LastCommand ?? "-"}"));
                }
            }

            return FtpCommandExitCodes.Success;
        }, ct));
        return command;
    }

    private static string State(FtpNodeState state) => state switch
    {
        FtpNodeState.Alive => "alive",
        FtpNodeState.Stopped => "stopped",
        _ => "dead",
    };

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
