using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AspNetFtp.Identity.Nodes;

/// <summary>Maps the node registry (<c>FtpNodes</c>, <c>FtpNodeSessions</c>, <c>FtpNodeCommands</c>).</summary>
public static class FtpNodesModelBuilderExtensions
{
    /// <summary>Adds the node tables. <c>AddFtpAccounts</c> calls it; an application needs only a new migration.</summary>
    public static ModelBuilder AddFtpNodes(this ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<FtpNode>(node =>
        {
            node.ToTable("FtpNodes");
            node.HasKey(n => n.Name);
            node.Property(n => n.Name).HasMaxLength(FtpNode.MaxNameLength);
            node.Property(n => n.Endpoints).HasMaxLength(FtpNode.MaxTextLength).IsRequired();
            node.Property(n => n.PassivePorts).HasMaxLength(FtpNode.MaxTextLength);
            node.Property(n => n.MasqueradeAddress).HasMaxLength(FtpNode.MaxTextLength);
            node.Property(n => n.Version).HasMaxLength(FtpNode.MaxVersionLength).IsRequired();
            Utc(node.Property(n => n.StartedUtc));
            Utc(node.Property(n => n.HeartbeatUtc));
            Utc(node.Property(n => n.StoppedUtc));
        });

        builder.Entity<FtpNodeSession>(session =>
        {
            session.ToTable("FtpNodeSessions");
            session.HasKey(s => new { s.NodeName, s.SessionId });
            session.Property(s => s.NodeName).HasMaxLength(FtpNode.MaxNameLength);
            session.Property(s => s.SessionId).HasMaxLength(FtpNodeSession.MaxSessionIdLength);
            session.Property(s => s.UserName).HasMaxLength(FtpNodeSession.MaxUserNameLength);
            session.Property(s => s.Remote).HasMaxLength(FtpNodeSession.MaxRemoteLength).IsRequired();
            session.Property(s => s.Proxy).HasMaxLength(FtpNodeSession.MaxRemoteLength);
            session.Property(s => s.LastCommand).HasMaxLength(FtpNodeSession.MaxVerbLength);
            session.Property(s => s.TransferVerb).HasMaxLength(FtpNodeSession.MaxVerbLength);
            session.Property(s => s.TransferDirection).HasMaxLength(FtpNodeSession.MaxVerbLength);
            session.Property(s => s.TransferPath).HasMaxLength(FtpNodeSession.MaxPathLength);
            Utc(session.Property(s => s.ConnectedUtc));
            Utc(session.Property(s => s.LastCommandUtc));
            Utc(session.Property(s => s.UpdatedUtc));
        });

        builder.Entity<FtpNodeCommand>(command =>
        {
            command.ToTable("FtpNodeCommands");
            command.HasKey(c => c.Id);
            command.Property(c => c.NodeName).HasMaxLength(FtpNode.MaxNameLength).IsRequired();
            command.Property(c => c.SessionId).HasMaxLength(FtpNodeSession.MaxSessionIdLength).IsRequired();
            command.Property(c => c.Kind).HasMaxLength(FtpNodeCommand.MaxKindLength).IsRequired();
            command.Property(c => c.RequestedBy).HasMaxLength(FtpNodeCommand.MaxRequestedByLength);
            command.Property(c => c.Outcome).HasMaxLength(FtpNodeCommand.MaxKindLength);
            Utc(command.Property(c => c.RequestedUtc));
            Utc(command.Property(c => c.CompletedUtc));
            // Each heartbeat asks for its node's pending commands.
            command.HasIndex(c => new { c.NodeName, c.CompletedUtc });
        });

        return builder;
    }

    // Stored as UTC; read back as UTC on every provider (SQLite and MySQL keep no kind).
    private static void Utc(PropertyBuilder<DateTime> property) =>
        property.HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private static void Utc(PropertyBuilder<DateTime?> property) =>
        property.HasConversion(v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
