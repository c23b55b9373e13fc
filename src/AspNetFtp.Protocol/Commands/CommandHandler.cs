using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Commands;

/// <summary>A verb's own logic, run after the command table's checks passed.</summary>
internal delegate Task CommandHandler(FtpCommandContext context, CommandRequest request);
