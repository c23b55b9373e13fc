using System.Globalization;
using System.Text;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Commands;
using AspNetFtp.Protocol.Security;

namespace AspNetFtp.Protocol.Listing;

/// <summary>MLSD/MLST fact lines (RFC 3659 §7): <c>type=file;size=5;modify=20261126033200;perm=r; name</c>.</summary>
internal static class MlsxFormatter
{
    private static readonly (MlstFacts Fact, string Name)[] FactNamesInOrder =
    [
        (MlstFacts.Type, "type"),
        (MlstFacts.Size, "size"),
        (MlstFacts.Modify, "modify"),
        (MlstFacts.Perm, "perm"),
        (MlstFacts.Unique, "unique"),
        (MlstFacts.UnixMode, "UNIX.mode"),
    ];

    /// <summary>The FEAT line: every fact, the selected ones starred.</summary>
    public static string FeatureList(MlstFacts selected)
    {
        var sb = new StringBuilder();
        foreach ((MlstFacts fact, string name) in FactNamesInOrder)
        {
            sb.Append(name);
            if ((selected & fact) != 0)
            {
                sb.Append('*');
            }

            sb.Append(';');
        }

        return sb.ToString();
    }

    public static string FactNames(MlstFacts selected) =>
        string.Concat(FactNamesInOrder.Where(f => (selected & f.Fact) != 0).Select(f => f.Name + ";"));

    /// <summary>Parses <c>OPTS MLST type;size;</c>; unknown facts are ignored (RFC 3659 §7.9).</summary>
    public static MlstFacts ParseFacts(string text)
    {
        MlstFacts facts = MlstFacts.None;
        foreach (string name in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach ((MlstFacts fact, string known) in FactNamesInOrder)
            {
                if (known.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    facts |= fact;
                }
            }
        }

        return facts;
    }

    public static string Format(FtpFileInfo info, string name, MlstFacts facts, FtpPermissions permissions)
    {
        var sb = new StringBuilder(96);
        if ((facts & MlstFacts.Type) != 0)
        {
            sb.Append("type=").Append(info.IsDirectory ? "dir" : info.IsSymbolicLink ? "OS.unix=symlink" : "file").Append(';');
        }

        if ((facts & MlstFacts.Size) != 0 && !info.IsDirectory)
        {
            sb.Append("size=").Append(info.Length.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        if ((facts & MlstFacts.Modify) != 0)
        {
            sb.Append("modify=").Append(FormatTime(info.LastWriteTimeUtc)).Append(';');
        }

        if ((facts & MlstFacts.Perm) != 0)
        {
            sb.Append("perm=").Append(PermFact(info, permissions)).Append(';');
        }

        if ((facts & MlstFacts.Unique) != 0 && info.UniqueId is not null)
        {
            sb.Append("unique=").Append(info.UniqueId).Append(';');
        }

        if ((facts & MlstFacts.UnixMode) != 0)
        {
            sb.Append("UNIX.mode=0").Append(Convert.ToString((int)info.Mode & 0xFFF, 8)).Append(';');
        }

        sb.Append(' ').Append(name);
        return sb.ToString();
    }

    /// <summary>The time-val of RFC 3659 §2.3 (UTC, YYYYMMDDHHMMSS), also used by MDTM.</summary>
    public static string FormatTime(DateTime utc) => utc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>What this user may do to the entry (RFC 3659 §7.5.5).</summary>
    internal static string PermFact(FtpFileInfo info, FtpPermissions p)
    {
        var sb = new StringBuilder(8);
        if (info.IsDirectory)
        {
            Add(sb, p, FtpPermissions.Write, 'c');
            Add(sb, p, FtpPermissions.Delete, 'd');
            Add(sb, p, FtpPermissions.ChangeDirectory, 'e');
            Add(sb, p, FtpPermissions.Rename, 'f');
            Add(sb, p, FtpPermissions.List, 'l');
            Add(sb, p, FtpPermissions.MakeDirectory, 'm');
            Add(sb, p, FtpPermissions.Delete, 'p');
        }
        else
        {
            Add(sb, p, FtpPermissions.Append, 'a');
            Add(sb, p, FtpPermissions.Delete, 'd');
            Add(sb, p, FtpPermissions.Rename, 'f');
            Add(sb, p, FtpPermissions.Read, 'r');
            Add(sb, p, FtpPermissions.Write, 'w');
        }

        return sb.ToString();

        static void Add(StringBuilder sb, FtpPermissions granted, FtpPermissions needed, char letter)
        {
            if ((granted & needed) != 0)
            {
                sb.Append(letter);
            }
        }
    }
}
