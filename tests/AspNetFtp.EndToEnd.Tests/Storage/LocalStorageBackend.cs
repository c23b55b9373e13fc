using AspNetFtp.EndToEnd.Tests.Infrastructure;

namespace AspNetFtp.EndToEnd.Tests.Storage;

/// <summary>The built-in <c>Local</c> kind: a directory with one sub-directory per user.</summary>
public sealed class LocalStorageBackend : StorageBackend
{
    private string _root = "";

    public override string Name => "Local";

    internal override void Configure(FtpServerSettings settings, string scratch)
    {
        _root = Directory.CreateDirectory(Path.Combine(scratch, "store")).FullName;
        settings.Environment[$"FtpServer__Storage__Profiles__{Profile}__Kind"] = "Local";
        settings.Environment[$"FtpServer__Storage__Profiles__{Profile}__Root"] = _root + "/{username}";
    }

    public override Task<IReadOnlyList<string>> ListEverythingAsync(string user)
    {
        string home = Path.Combine(_root, user);
        if (!Directory.Exists(home))
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        List<string> entries = [];
        foreach (string entry in Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(home, entry).Replace(Path.DirectorySeparatorChar, '/');
            entries.Add(Directory.Exists(entry) ? relative + "/" : relative);
        }

        entries.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(entries);
    }

    public override async Task<byte[]?> ReadAsync(string user, string path)
    {
        string file = Path.Combine(_root, user, path);
        return File.Exists(file) ? await File.ReadAllBytesAsync(file) : null;
    }

    public override async Task PutAsync(string user, string path, byte[] content)
    {
        string file = Path.Combine(_root, user, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, content);
    }
}
