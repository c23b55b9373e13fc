using System.Diagnostics;
using System.Globalization;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>
/// What the dashboard and audit log tests look at, done once per app: an FTP session scripted with curl (log in, upload
/// <see cref="Bytes"/> bytes; log in, download them), a failed login from the foreign address 127.0.0.2, then
/// <see cref="PagedRows"/> rows of <see cref="PagedUser"/> written straight to the audit log, a minute apart from
/// <see cref="PagedStart"/> (two days ago: outside the dashboard's 24 hours). Returns once the audit sink's batches hold
/// every row (a bounded poll).
/// </summary>
internal static class ScriptedActivity
{
    public const int Bytes = 123_456;
    public const string FileName = "activity.bin";
    public const string IntruderName = "intruder";
    public const string ForeignAddress = "127.0.0.2";
    public const string PagedUser = "pager";
    public const int PagedRows = 120;
    public const string PagedKind = "AdminUserLocked";

    /// <summary>The first paged row's time, whole minutes, UTC.</summary>
    public static readonly DateTime PagedStart = new(
        DateTime.UtcNow.AddDays(-2).Year, DateTime.UtcNow.AddDays(-2).Month, DateTime.UtcNow.AddDays(-2).Day, 8, 0, 0, DateTimeKind.Utc);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Task? _done;

    public static async Task RunOnceAsync(AdminApp app)
    {
        await Gate.WaitAsync();
        try
        {
            _done ??= RunAsync(app);
        }
        finally
        {
            Gate.Release();
        }

        await _done;
    }

    public static byte[] Content() => [.. Enumerable.Range(0, Bytes).Select(i => (byte)(i * 7 % 251))];

    private static async Task RunAsync(AdminApp app)
    {
        string folder = Directory.CreateTempSubdirectory("aspnetftp-activity-").FullName;
        try
        {
            string upload = Path.Combine(folder, "up.bin");
            string download = Path.Combine(folder, "down.bin");
            await File.WriteAllBytesAsync(upload, Content());
            string url = $"ftp://{app.FtpEndPoint.Address}:{AdminApp.Port(app.FtpEndPoint)}/";

            Assert.Equal(0, await CurlAsync("-sS", "--user", $"{AdminApp.FtpUserName}:{AdminApp.Password}", "-T", upload, url + FileName));
            Assert.Equal(0, await CurlAsync("-sS", "--user", $"{AdminApp.FtpUserName}:{AdminApp.Password}", "-o", download, url + FileName));
            Assert.Equal(Content(), await File.ReadAllBytesAsync(download));
            // 67: the server refused the login.
            Assert.Equal(67, await CurlAsync("-sS", "--interface", ForeignAddress, "--user", $"{IntruderName}:Wrong-Passw0rd!", url));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        await using (AsyncServiceScope scope = app.Services.CreateAsyncScope())
        {
            IFtpAuditLog log = scope.ServiceProvider.GetRequiredService<IFtpAuditLog>();
            for (int i = 0; i < PagedRows; i++)
            {
                await log.AddAsync(new FtpAuditEntry
                {
                    Kind = PagedKind,
                    UserName = PagedUser,
                    Actor = AdminApp.AdministratorName,
                    TimeUtc = PagedStart.AddMinutes(i),
                    Detail = "row " + i.ToString(CultureInfo.InvariantCulture),
                });
            }
        }

        // The sink writes in order: the foreign session's end written means every event before it is.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
            FtpAuditPage page = await scope.ServiceProvider.GetRequiredService<IFtpAuditLog>().QueryAsync(
                new FtpAuditQuery { RemoteAddress = ForeignAddress, Kind = nameof(ClientDisconnected) }, timeout.Token);
            if (page.TotalCount > 0)
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static async Task<int> CurlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in (string[])["--max-time", "30", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("curl did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(output, error);
        return process.ExitCode;
    }
}
