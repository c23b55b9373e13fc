using System.Collections;
using System.Net;
using AspNetFtp.Protocol.Replies;

namespace AspNetFtp.Protocol.Logging;

/// <summary>
/// The logging scope of a session: its id, the remote endpoint, the proxy it came through (PROXY protocol; null for a
/// direct client) and, once logged in, the user (control characters masked, as in every log value).
/// </summary>
internal sealed class SessionLogScope(string sessionId, IPEndPoint remote, IPEndPoint? proxy = null) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private string? _user;

    public string? User
    {
        get => _user;
        set => _user = ControlCharacters.MaskOrNull(value);
    }

    public int Count => 4;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("SessionId", sessionId),
        1 => new("RemoteEndPoint", remote.ToString()),
        2 => new("User", _user),
        3 => new("ProxyEndPoint", proxy?.ToString()),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"session {sessionId} {remote} {_user ?? "-"}";
}
