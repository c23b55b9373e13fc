using Microsoft.Extensions.Logging;

namespace AspNetFtp.Protocol.Tests.Infrastructure;

/// <summary>One log message as a provider formatted it, with the key/value pairs of its scopes.</summary>
internal sealed record CapturedLog(EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> Scopes);
