using System.IO.Compression;
using System.Xml.Linq;

namespace AspNetFtp.Packaging.Tests;

/// <summary>
/// Packs once for every test of a class (scripts/pack.sh into a temporary folder, at <see cref="Version"/>), then
/// opens what it produced; the folder is removed afterwards.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    /// <summary>Not the default 0.1.0: proves that VERSION (-p:Version) reaches both packages and the dependency between them.</summary>
    public const string Version = "0.1.0-packagingtest";

    /// <summary>The libraries published as packages.</summary>
    public static readonly TheoryData<string> Libraries = new()
    {
        "AspNetFtp.Protocol", "AspNetFtp.Identity", "AspNetFtp.Webhooks", "AspNetFtp.Admin", "AspNetFtp.Storage.S3", "AspNetFtp.Storage.Azure",
    };

    /// <summary>The libraries that reference Microsoft.* packages (the admin has only the shared framework: a framework reference).</summary>
    public static readonly TheoryData<string> LibrariesWithMicrosoftPackages = new() { "AspNetFtp.Protocol", "AspNetFtp.Identity", "AspNetFtp.Webhooks", "AspNetFtp.Storage.S3" };

    public string OutputDirectory { get; } = Path.Combine(Path.GetTempPath(), "aspnetftp-packaging-" + Guid.NewGuid().ToString("N"));

    /// <summary>What scripts/pack.sh printed, its build log included.</summary>
    public string ScriptOutput { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(OutputDirectory);
        ScriptOutput = await PackScript.RunAsync(OutputDirectory, Version);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(OutputDirectory, recursive: true);
        return Task.CompletedTask;
    }

    public string PackagePath(string id) => Path.Combine(OutputDirectory, $"{id}.{Version}.nupkg");

    public string SymbolPackagePath(string id) => Path.Combine(OutputDirectory, $"{id}.{Version}.snupkg");

    /// <summary>One file of a package as bytes.</summary>
    public static byte[] ReadEntryBytes(string path, string entryName)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        ZipArchiveEntry entry = zip.GetEntry(entryName) ?? throw new FileNotFoundException($"{entryName} is not in {Path.GetFileName(path)}");
        using Stream stream = entry.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>The names of every file in the package <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> EntryNames(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    /// <summary>One file of a package as text.</summary>
    public static string ReadEntry(string path, string entryName)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        ZipArchiveEntry entry = zip.GetEntry(entryName) ?? throw new FileNotFoundException($"{entryName} is not in {Path.GetFileName(path)}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    /// <summary>The <c>metadata</c> element of the package's .nuspec.</summary>
    public XElement Metadata(string id)
    {
        XElement package = XDocument.Parse(ReadEntry(PackagePath(id), id + ".nuspec")).Root!;
        return package.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    /// <summary>Every framework assembly reference the package declares (<c>frameworkReference</c> names).</summary>
    public IReadOnlyList<string> FrameworkReferences(string id) =>
        [.. Metadata(id).Descendants().Where(e => e.Name.LocalName == "frameworkReference").Select(e => (string)e.Attribute("name")!)];

    /// <summary>Every dependency the package declares: id and version range as written in the .nuspec.</summary>
    public IReadOnlyList<(string Id, string Version)> Dependencies(string id) =>
        [.. Metadata(id).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => ((string)e.Attribute("id")!, (string)e.Attribute("version")!))];
}
