namespace AspNetFtp.Protocol.Connections;

/// <summary>
/// A stage between accept and admission: reads what comes before FTP on a new connection (the PROXY protocol
/// header) within the server's <c>PreambleTimeout</c>, and may set the real client address on the transport
/// before the connection limits apply. Stages run in registration order.
/// </summary>
public interface IFtpConnectionPreamble
{
    /// <summary>
    /// Reads the preamble. Returns false to refuse the connection (it is closed without a reply); throwing or
    /// running past the deadline refuses it too.
    /// </summary>
    ValueTask<bool> ReadAsync(FtpTransport transport, CancellationToken cancellationToken);
}
