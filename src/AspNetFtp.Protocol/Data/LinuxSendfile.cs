using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AspNetFtp.Protocol.Data;

/// <summary>
/// sendfile(2) driven by the thread that waits for the socket (poll(2)), as a forking server does: each time
/// the socket has room the same thread sends, with no hand-over from the runtime's socket engine to a pool
/// worker (and no worker spinning after it). The stall timeout is the poll timeout, so it means exactly
/// "no byte could be sent for that long". Stopping: the session's abort closes the socket, which shuts it
/// down while this thread holds it (poll wakes, sendfile fails); cancellation shuts it down too.
/// </summary>
internal static class LinuxSendfile
{
    private const int EINTR = 4;
    private const int EAGAIN = 11;
    private const short POLLOUT = 0x4;
    private const int F_GETFL = 3;
    private const int F_SETFL = 4;
    private const int O_NONBLOCK = 0x800;

    /// <summary>Bytes asked of one sendfile call; the kernel sends what the socket buffer takes.</summary>
    private const int MaxPerCall = 1 << 30;

    public static bool IsSupported { get; } = OperatingSystem.IsLinux();

    /// <summary>Sends <paramref name="length"/> bytes of <paramref name="file"/> from <paramref name="offset"/>; blocks the calling thread.</summary>
    public static long Send(Socket socket, SafeFileHandle file, long offset, long length, TimeSpan stallTimeout, TransferProgress progress, CancellationToken cancellationToken)
    {
        int timeoutMs = stallTimeout == Timeout.InfiniteTimeSpan ? -1 : (int)Math.Clamp(stallTimeout.TotalMilliseconds, 1, int.MaxValue);
        bool socketRef = false;
        bool fileRef = false;
        try
        {
            socket.SafeHandle.DangerousAddRef(ref socketRef);
            file.DangerousAddRef(ref fileRef);
            int socketFd = (int)socket.SafeHandle.DangerousGetHandle();
            int fileFd = (int)file.DangerousGetHandle();
            int flags = fcntl(socketFd, F_GETFL, 0);
            if (flags >= 0 && (flags & O_NONBLOCK) == 0)
            {
                _ = fcntl(socketFd, F_SETFL, flags | O_NONBLOCK);
            }

            using CancellationTokenRegistration onCancel = cancellationToken.UnsafeRegister(static s => ShutDown((Socket)s!), socket);
            var waitFor = new[] { new PollFd { Fd = socketFd, Events = POLLOUT } };
            long position = offset;
            long end = offset + length;
            while (position < end)
            {
                cancellationToken.ThrowIfCancellationRequested();
                nint sent = sendfile(socketFd, fileFd, ref position, (nuint)Math.Min(MaxPerCall, end - position));
                if (sent > 0)
                {
                    progress.Add(sent);
                    continue;
                }

                int errno = sent == 0 ? 0 : Marshal.GetLastPInvokeError();
                if (sent == 0)
                {
                    // The file became shorter than when the transfer began.
                    throw new IOException("The file ended before its announced length.");
                }

                if (errno == EINTR)
                {
                    continue;
                }

                if (errno != EAGAIN)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new SocketException((int)SocketError.ConnectionReset);
                }

                waitFor[0].Revents = 0;
                int ready = poll(waitFor, 1, timeoutMs);
                if (ready == 0)
                {
                    throw new TimeoutException("The data connection stalled.");
                }

                if (ready < 0 && Marshal.GetLastPInvokeError() != EINTR)
                {
                    throw new SocketException((int)SocketError.SocketError);
                }
            }

            return position - offset;
        }
        finally
        {
            if (fileRef)
            {
                file.DangerousRelease();
            }

            if (socketRef)
            {
                socket.SafeHandle.DangerousRelease();
            }
        }
    }

    private static void ShutDown(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed: the loop stops on its own.
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

#pragma warning disable CA5392, SYSLIB1054 // libc is a system library; DllImport keeps this project free of unsafe code.
    [DllImport("libc", SetLastError = true)]
    private static extern nint sendfile(int outFd, int inFd, ref long offset, nuint count);

    [DllImport("libc", SetLastError = true)]
    private static extern int poll([In, Out] PollFd[] fds, nuint count, int timeout);

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int command, int argument);
#pragma warning restore CA5392, SYSLIB1054
}
