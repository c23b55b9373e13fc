using System.Xml.Linq;

namespace AspNetFtp.Packaging.Tests;

/// <summary>What <c>scripts/pack.sh</c> produces is fit to publish and restores in any .NET 10 app.</summary>
public sealed class PackageTests(PackedPackages packages) : IClassFixture<PackedPackages>
{
    private const string RepositoryUrl = "https://github.com/aspnetftp/aspnetftp";

    [Theory]
    [MemberData(nameof(PackedPackages.Libraries), MemberType = typeof(PackedPackages))]
    public void Pack_produces_a_package_and_a_symbol_package_for_each_library(string id)
    {
        Assert.True(File.Exists(packages.PackagePath(id)), $"missing {packages.PackagePath(id)}; pack.sh printed:\n{packages.ScriptOutput}");
        Assert.True(File.Exists(packages.SymbolPackagePath(id)), $"missing {packages.SymbolPackagePath(id)}; pack.sh printed:\n{packages.ScriptOutput}");
        Assert.Contains($"lib/net10.0/{id}.pdb", PackedPackages.EntryNames(packages.SymbolPackagePath(id)));
        Assert.Contains(packages.PackagePath(id), packages.ScriptOutput.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Theory]
    [MemberData(nameof(PackedPackages.Libraries), MemberType = typeof(PackedPackages))]
    public void A_package_carries_its_assembly_its_documentation_file_and_its_readme(string id)
    {
        string path = packages.PackagePath(id);
        IReadOnlyList<string> entries = PackedPackages.EntryNames(path);
        Assert.Contains($"lib/net10.0/{id}.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);

        XElement documentation = XDocument.Parse(PackedPackages.ReadEntry(path, $"lib/net10.0/{id}.xml")).Root!;
        Assert.Equal(id, documentation.Element("assembly")?.Element("name")?.Value);
        Assert.Contains(documentation.Descendants("member"), m => !string.IsNullOrWhiteSpace(m.Element("summary")?.Value));

        Assert.Equal("README.md", Value(packages.Metadata(id), "readme"));
        Assert.StartsWith($"# {id}\n", PackedPackages.ReadEntry(path, "README.md"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PackedPackages.Libraries), MemberType = typeof(PackedPackages))]
    public void A_package_names_its_version_authors_license_and_repository(string id)
    {
        XElement metadata = packages.Metadata(id);
        Assert.Equal(id, Value(metadata, "id"));
        Assert.Equal(PackedPackages.Version, Value(metadata, "version"));
        Assert.Equal("AspNetFtp contributors", Value(metadata, "authors"));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
        Assert.NotEqual("Package Description", Value(metadata, "description"));

        XElement license = Child(metadata, "license");
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("MIT", license.Value);
        Assert.Equal(RepositoryUrl, Value(metadata, "projectUrl"));

        XElement repository = Child(metadata, "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal(RepositoryUrl, (string?)repository.Attribute("url"));
    }

    [Theory]
    [MemberData(nameof(PackedPackages.LibrariesWithMicrosoftPackages), MemberType = typeof(PackedPackages))]
    public void A_package_declares_every_Microsoft_dependency_at_10_0_0_so_any_10_0_patch_restores_it(string id)
    {
        List<(string Id, string Version)> microsoft = [.. packages.Dependencies(id).Where(d => d.Id.StartsWith("Microsoft.", StringComparison.Ordinal))];
        Assert.NotEmpty(microsoft);
        Assert.All(microsoft, d => Assert.True(
            d.Version is "10.0.0" or "[10.0.0, )",
            $"{id} declares {d.Id} {d.Version}: an app on an older 10.0 patch would fail to restore it (NU1605)"));
    }

    [Fact]
    public void The_Identity_package_depends_on_the_Protocol_package_of_the_same_version()
    {
        (string Id, string Version) protocol = Assert.Single(packages.Dependencies("AspNetFtp.Identity"), d => d.Id == "AspNetFtp.Protocol");
        Assert.Equal(PackedPackages.Version, protocol.Version);
    }

    [Fact]
    public void The_Admin_package_depends_on_the_Protocol_and_Identity_packages_of_the_same_version_and_the_ASP_NET_Core_framework_only()
    {
        IReadOnlyList<(string Id, string Version)> dependencies = packages.Dependencies("AspNetFtp.Admin");
        Assert.Equal(
            new[] { ("AspNetFtp.Identity", PackedPackages.Version), ("AspNetFtp.Protocol", PackedPackages.Version) },
            dependencies.OrderBy(d => d.Id, StringComparer.Ordinal));
        // ASP.NET Core comes with the app's shared framework, whatever 10.0 patch it runs: no Microsoft.* package to pin.
        Assert.Equal(new[] { "Microsoft.AspNetCore.App" }, packages.FrameworkReferences("AspNetFtp.Admin"));
    }

    [Fact]
    public async Task Packing_the_same_commit_again_gives_byte_identical_assemblies()
    {
        string again = Path.Combine(Path.GetTempPath(), "aspnetftp-packaging-again-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(again);
        try
        {
            await PackScript.RunAsync(again, PackedPackages.Version);
            foreach (string id in new[] { "AspNetFtp.Protocol", "AspNetFtp.Identity", "AspNetFtp.Webhooks", "AspNetFtp.Admin", "AspNetFtp.Storage.S3", "AspNetFtp.Storage.Azure" })
            {
                string dll = $"lib/net10.0/{id}.dll";
                byte[] first = PackedPackages.ReadEntryBytes(packages.PackagePath(id), dll);
                byte[] second = PackedPackages.ReadEntryBytes(Path.Combine(again, $"{id}.{PackedPackages.Version}.nupkg"), dll);
                Assert.True(first.AsSpan().SequenceEqual(second), $"{dll} differs between two packs of one commit ({first.Length} and {second.Length} bytes)");
            }
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    private static XElement Child(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)
            ?? throw new Xunit.Sdk.XunitException($"the nuspec has no <{name}>");

    private static string Value(XElement metadata, string name) => Child(metadata, name).Value;
}
