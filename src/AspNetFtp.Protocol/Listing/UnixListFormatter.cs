using System.Globalization;
using AspNetFtp.Protocol.Abstractions;

namespace AspNetFtp.Protocol.Listing;

/// <summary>LIST lines in the form of <c>ls -l</c>, which clients parse (times in UTC).</summary>
internal static class UnixListFormatter
{
    private static readonly TimeSpan RecentWindow = TimeSpan.FromDays(180);

    public static string Format(FtpFileInfo info, DateTime nowUtc)
    {
        char type = info.IsDirectory ? 'd' : info.IsSymbolicLink ? 'l' : '-';
        string size = info.Length.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"{type}{ModeString(info.Mode)} {(info.IsDirectory ? 2 : 1),3} ftp      ftp      {size,13} {FormatTime(info.LastWriteTimeUtc, nowUtc)} {info.Name}");
    }

    /// <summary><c>Nov 26 03:32</c> for the last six months, <c>Nov 26  2025</c> otherwise, as ls does.</summary>
    internal static string FormatTime(DateTime timeUtc, DateTime nowUtc)
    {
        string monthDay = timeUtc.ToString("MMM", CultureInfo.InvariantCulture) + " " + timeUtc.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2);
        bool recent = timeUtc <= nowUtc.AddDays(1) && nowUtc - timeUtc < RecentWindow;
        return recent
            ? monthDay + " " + timeUtc.ToString("HH:mm", CultureInfo.InvariantCulture)
            : monthDay + "  " + timeUtc.Year.ToString(CultureInfo.InvariantCulture);
    }

    internal static string ModeString(UnixFileMode mode)
    {
        Span<char> chars = stackalloc char[9];
        chars[0] = (mode & UnixFileMode.UserRead) != 0 ? 'r' : '-';
        chars[1] = (mode & UnixFileMode.UserWrite) != 0 ? 'w' : '-';
        chars[2] = Exec(mode, UnixFileMode.UserExecute, UnixFileMode.SetUser, 's');
        chars[3] = (mode & UnixFileMode.GroupRead) != 0 ? 'r' : '-';
        chars[4] = (mode & UnixFileMode.GroupWrite) != 0 ? 'w' : '-';
        chars[5] = Exec(mode, UnixFileMode.GroupExecute, UnixFileMode.SetGroup, 's');
        chars[6] = (mode & UnixFileMode.OtherRead) != 0 ? 'r' : '-';
        chars[7] = (mode & UnixFileMode.OtherWrite) != 0 ? 'w' : '-';
        chars[8] = Exec(mode, UnixFileMode.OtherExecute, UnixFileMode.StickyBit, 't');
        return new string(chars);

        static char Exec(UnixFileMode mode, UnixFileMode execute, UnixFileMode special, char letter)
        {
            bool x = (mode & execute) != 0;
            bool s = (mode & special) != 0;
            return s ? (x ? letter : char.ToUpperInvariant(letter)) : (x ? 'x' : '-');
        }
    }
}
