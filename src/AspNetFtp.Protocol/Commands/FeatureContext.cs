using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Session;

namespace AspNetFtp.Protocol.Commands;

/// <summary>What a row's FEAT lines (RFC 2389) may depend on: TLS configured, the storage's capabilities, session options.</summary>
internal sealed record FeatureContext(bool TlsConfigured, FtpFileSystemCapabilities Capabilities, SessionState State);
