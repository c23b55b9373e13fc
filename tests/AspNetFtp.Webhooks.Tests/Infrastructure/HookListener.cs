using System.Net;
using System.Net.Sockets;

namespace AspNetFtp.Webhooks.Tests.Infrastructure;

/// <summary>
/// A webhook receiver on 127.0.0.1 and a free port (<see cref="HttpListener"/>): records every request, answers
/// each with the status <see cref="StatusFor"/> gives for its number (1 for the first), or holds every answer
/// while <see cref="Hold"/> is in force. Each request is served on its own task, so a held one never delays the next.
/// </summary>
internal sealed class HookListener : IAsyncDisposable
{
    /// <summary>The token in every hook URL's query string: logs must never show it.</summary>
    public const string QueryToken = "query-token-5e1f";

    private readonly HttpListener _listener;
    private readonly Lock _lock = new();
    private readonly List<HookRequest> _received = [];
    private readonly ChangeSignal _changes = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;
    private volatile bool _holding;
    private int _count;

    private HookListener(HttpListener listener, int port)
    {
        _listener = listener;
        Port = port;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>The URL to configure: a path and a query token, as a real receiver might want.</summary>
    public string Url => $"http://127.0.0.1:{Port}/hook?token={QueryToken}";

    /// <summary>The URL as logs may show it: without the query.</summary>
    public string UrlWithoutQuery => $"http://127.0.0.1:{Port}/hook";

    /// <summary>The status of the n-th request (1-based); 200 for every one by default.</summary>
    public Func<int, int> StatusFor { get; set; } = _ => 200;

    public IReadOnlyList<HookRequest> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Every request of one event kind (the body's <c>kind</c>).</summary>
    public IReadOnlyList<HookRequest> OfKind(string kind) => [.. Received.Where(r => r.Kind == kind)];

    public static HookListener Start()
    {
        for (int attempt = 1; ; attempt++)
        {
            int port = UnusedPort.Take();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new HookListener(listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                // The free port was taken meanwhile: try another.
                listener.Close();
            }
        }
    }

    /// <summary>From now on, no request is answered until <see cref="Release"/> (or disposal).</summary>
    public void Hold() => _holding = true;

    public void Release() => _released.TrySetResult();

    /// <summary>Waits until at least one request matching <paramref name="match"/> has arrived.</summary>
    public async Task<HookRequest> WaitForAsync(Func<HookRequest, bool> match, string what, TimeSpan? timeout = null)
    {
        await _changes.WaitUntilAsync(() => Received.Any(match), timeout ?? TimeSpan.FromSeconds(30), what);
        return Received.First(match);
    }

    /// <summary>Waits for a request of the event <paramref name="kind"/>.</summary>
    public Task<HookRequest> WaitForKindAsync(string kind, TimeSpan? timeout = null) =>
        WaitForAsync(r => r.Kind == kind, $"a {kind} delivery on port {Port}", timeout);

    /// <summary>Waits until <paramref name="count"/> requests have arrived.</summary>
    public Task WaitForCountAsync(int count, TimeSpan? timeout = null) =>
        _changes.WaitUntilAsync(() => Received.Count >= count, timeout ?? TimeSpan.FromSeconds(30), $"{count} requests on port {Port}");

    public async ValueTask DisposeAsync()
    {
        Release();
        _listener.Close();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException or TimeoutException)
        {
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            HttpListenerRequest request = context.Request;
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body);
            var received = new HookRequest(
                request.HttpMethod,
                request.Url?.PathAndQuery ?? string.Empty,
                request.Headers["X-AspNetFtp-Event"],
                request.Headers["X-AspNetFtp-Signature"],
                request.Headers["X-AspNetFtp-Delivery"],
                request.Headers["User-Agent"],
                request.ContentType,
                body.ToArray());
            int number;
            lock (_lock)
            {
                _received.Add(received);
                number = ++_count;
            }

            _changes.Notify();
            if (_holding)
            {
                await _released.Task;
            }

            context.Response.StatusCode = StatusFor(number);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The client gave up (an attempt timeout) or the listener closed.
        }
    }
}
