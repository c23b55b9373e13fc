using System.Collections.Concurrent;
using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.DependencyInjection;
using AspNetFtp.Protocol.Events;
using AspNetFtp.Protocol.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Protocol.Tests.Events;

/// <summary>The typed handler API: <see cref="IFtpEventHandler{TEvent}"/> registered with <c>AddEventHandler</c>.</summary>
public sealed class EventHandlerTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_handler_receives_only_the_event_types_it_implements_once_each_in_publish_order()
    {
        var handler = new UploadsAndLogins();
        var sink = new FtpEventHandlerSink<UploadsAndLogins>(handler);

        foreach (FtpEvent e in new FtpEvent[]
        {
            new LoginSucceeded(T) { UserName = "alice" }, new FileReceivedIncomplete(T, "/cut", 1), new FileDeleted(T, "/x"),
            new FileReceived(T, "/up", 5), new LoginFailed(T, FtpAuthenticationStatus.InvalidCredentials) { UserName = "mallory" },
        })
        {
            await sink.OnEventAsync(e, CancellationToken.None);
        }

        Assert.Equal(["login alice", "received /up", "failed mallory"], handler.Seen);
    }

    [Fact]
    public async Task A_handler_of_a_base_type_receives_every_event_of_its_kinds()
    {
        var handler = new EveryTransfer();
        var sink = new FtpEventHandlerSink<EveryTransfer>(handler);

        foreach (FtpEvent e in new FtpEvent[] { new FileSent(T, "/a", 1), new FileDeleted(T, "/b"), new FileReceivedIncomplete(T, "/c", 2) })
        {
            await sink.OnEventAsync(e, CancellationToken.None);
        }

        Assert.Equal(["/a", "/c"], handler.Paths);
    }

    [Fact]
    public async Task AddEventHandler_registers_the_handler_once_as_a_sink_named_after_it()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFtpServer(o => o.Port = 0).AddEventHandler<UploadsAndLogins>();
        await using ServiceProvider sp = services.BuildServiceProvider();

        IFtpEventSink sink = Assert.Single(sp.GetServices<IFtpEventSink>());
        Assert.Equal(nameof(UploadsAndLogins), Assert.IsAssignableFrom<INamedEventSink>(sink).SinkName);
        await sink.OnEventAsync(new FileReceived(T, "/up", 5), CancellationToken.None);
        Assert.Equal(["received /up"], sp.GetRequiredService<UploadsAndLogins>().Seen);
    }

    [Fact]
    public void AddEventHandler_refuses_a_class_that_handles_no_event()
    {
        var services = new ServiceCollection();

        Assert.Throws<InvalidOperationException>(() => services.AddFtpServer(o => o.Port = 0).AddEventHandler<NotAHandler>());
    }

    [Fact]
    public async Task A_throwing_handler_and_a_slow_handler_delay_neither_transfers_nor_another_handler()
    {
        var gated = new GatedHandler();
        var throwing = new ThrowingHandler();
        var uploads = new UploadsAndLogins();
        await using TestFtpServer server = await TestFtpServer.StartAsync(sinks:
        [
            new FtpEventHandlerSink<GatedHandler>(gated),
            new FtpEventHandlerSink<ThrowingHandler>(throwing),
            new FtpEventHandlerSink<UploadsAndLogins>(uploads),
        ]);
        try
        {
            await gated.Entered.Task.WaitAsync(Patience);
            byte[] content = Encoding.ASCII.GetBytes("payload");
            await using (RawFtpClient client = await server.LoginAsync())
            {
                Assert.Equal(200, (await client.CommandAsync("TYPE I")).Code);
                await client.UploadAsync("STOR a.txt", content);
                Assert.Equal(content, await client.DownloadAsync("RETR a.txt"));
                await client.UploadAsync("STOR b.txt", content);
                Assert.Equal(221, (await client.CommandAsync("QUIT")).Code);
            }

            await uploads.TwoUploads.Task.WaitAsync(Patience);
            Assert.Equal(["login alice", "received /a.txt", "received /b.txt"], uploads.Seen);
            await throwing.ReachedDisconnect.Task.WaitAsync(Patience);
            Assert.Equal(1, gated.Calls);
        }
        finally
        {
            gated.Gate.TrySetResult();
        }
    }

    internal sealed class UploadsAndLogins : IFtpEventHandler<LoginSucceeded>, IFtpEventHandler<LoginFailed>, IFtpEventHandler<FileReceived>
    {
        private readonly ConcurrentQueue<string> _seen = new();

        public IReadOnlyList<string> Seen => [.. _seen];

        public TaskCompletionSource TwoUploads { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask HandleAsync(LoginSucceeded ftpEvent, CancellationToken cancellationToken) => Add("login " + ftpEvent.UserName);

        public ValueTask HandleAsync(LoginFailed ftpEvent, CancellationToken cancellationToken) => Add("failed " + ftpEvent.UserName);

        public ValueTask HandleAsync(FileReceived ftpEvent, CancellationToken cancellationToken)
        {
            Add("received " + ftpEvent.Path);
            if (_seen.Count(s => s.StartsWith("received", StringComparison.Ordinal)) == 2)
            {
                TwoUploads.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }

        private ValueTask Add(string line)
        {
            _seen.Enqueue(line);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class NotAHandler;

    private sealed class EveryTransfer : IFtpEventHandler<FileTransferEvent>
    {
        public List<string> Paths { get; } = [];

        public ValueTask HandleAsync(FileTransferEvent ftpEvent, CancellationToken cancellationToken)
        {
            Paths.Add(ftpEvent.Path);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Blocks on its first event until the test opens the gate.</summary>
    private sealed class GatedHandler : IFtpEventHandler<FtpEvent>
    {
        private int _calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls => Volatile.Read(ref _calls);

        public async ValueTask HandleAsync(FtpEvent ftpEvent, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            Entered.TrySetResult();
            await Gate.Task;
        }
    }

    /// <summary>Throws on every event; notes when the session's last event reached it anyway.</summary>
    private sealed class ThrowingHandler : IFtpEventHandler<FtpEvent>
    {
        public TaskCompletionSource ReachedDisconnect { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask HandleAsync(FtpEvent ftpEvent, CancellationToken cancellationToken)
        {
            if (ftpEvent is ClientDisconnected)
            {
                ReachedDisconnect.TrySetResult();
            }

            throw new InvalidOperationException("handler failure");
        }
    }
}
