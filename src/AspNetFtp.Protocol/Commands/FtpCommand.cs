using AspNetFtp.Protocol.Security;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Commands;

/// <summary>One row of the command table: the checks made before the handler runs, and its help text.</summary>
internal sealed record FtpCommand(
    string Verb,
    Func<FtpSession, string, Task> Handler,
    string Help,
    bool NeedsLogin = true,
    ArgumentRule Argument = ArgumentRule.Optional,
    FtpPermissions Permission = FtpPermissions.None,
    bool AllowedBeforeTls = false,
    bool AllowedDuringTransfer = false);
