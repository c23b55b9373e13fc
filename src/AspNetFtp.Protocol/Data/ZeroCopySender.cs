using System.Net.Sockets;

namespace AspNetFtp.Protocol.Data;

/// <summary>
/// Sends a local file over a plain data socket with the kernel's sendfile (Socket.SendPacketsAsync with a
/// file element), in chunks so a stalled client is noticed and progress is visible.
/// </summary>
internal static class ZeroCopySender
{
    private const int ChunkSize = 64 * 1024 * 1024;

    public static async Task<long> SendAsync(Socket socket, string path, long offset, TimeSpan stallTimeout, TransferProgress progress, CancellationToken cancellationToken)
    {
        using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan, // SendPacketsElement requires an async handle.
        });
        long length = file.Length;
        if (offset > length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "Offset beyond end of file.");
        }

        using var args = new SocketAsyncEventArgs();
        var completion = new ReusableCompletion();
        args.Completed += completion.OnCompleted;
        long position = offset;
        while (position < length)
        {
            int count = (int)Math.Min(ChunkSize, length - position);
            args.SendPacketsElements = [new SendPacketsElement(file, position, count, endOfPacket: false)];
            Task done = completion.Reset();
            if (!socket.SendPacketsAsync(args))
            {
                completion.OnCompleted(socket, args);
            }

            using (cancellationToken.Register(static s => ((Socket)s!).Dispose(), socket))
            {
                await done.WaitAsync(stallTimeout, cancellationToken);
            }

            if (args.SocketError != SocketError.Success)
            {
                throw new SocketException((int)args.SocketError);
            }

            position += count;
            progress.Add(count);
        }

        return position - offset;
    }

    private sealed class ReusableCompletion
    {
        private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reset()
        {
            _tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _tcs.Task;
        }

        public void OnCompleted(object? sender, SocketAsyncEventArgs e) => _tcs.TrySetResult();
    }
}
