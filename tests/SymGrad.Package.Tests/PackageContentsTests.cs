using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using SymGrad.Package.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Package.Tests;

/// <summary>What the SymGrad package holds: libraries with docs, the analyzers in the folder the SDK loads, metadata.</summary>
[Collection(LocalFeedCollection.Name)]
public sealed class PackageContentsTests
{
    private readonly LocalFeed feed;

    public PackageContentsTests(LocalFeed feed) => this.feed = feed;

    [Fact]
    public void ThePackageHoldsTheLibrariesTheAnalyzersAndTheReadme()
    {
        using ZipArchive package = ZipFile.OpenRead(feed.PackagePath("SymGrad"));
        string[] files = package.Entries.Select(e => e.FullName).Where(f => !f.StartsWith("_rels/") && !f.StartsWith("package/") && f != "[Content_Types].xml").OrderBy(f => f).ToArray();

        Assert.Equal(
            new[]
            {
                "README.md",
                "SymGrad.nuspec",
                "analyzers/dotnet/roslyn4.8/cs/SymGrad.CodeFixes.dll",
                "analyzers/dotnet/roslyn4.8/cs/SymGrad.Generator.dll",
                "lib/net10.0/SymGrad.Attributes.dll",
                "lib/net10.0/SymGrad.Attributes.xml",
                "lib/net10.0/SymGrad.Runtime.dll",
                "lib/net10.0/SymGrad.Runtime.xml",
            },
            files);
    }

    [Fact]
    public void TheSymbolPackageHoldsTheLibrariesPdbs()
    {
        using ZipArchive symbols = ZipFile.OpenRead(feed.PackagePath("SymGrad", "snupkg"));

        string[] pdbs = symbols.Entries.Select(e => e.FullName).Where(f => f.EndsWith(".pdb")).OrderBy(f => f).ToArray();

        Assert.Equal(new[] { "lib/net10.0/SymGrad.Attributes.pdb", "lib/net10.0/SymGrad.Runtime.pdb" }, pdbs);
    }

    [Fact]
    public void TheMetadataDescribesThePackageAndPointsAtTheRepository()
    {
        using ZipArchive package = ZipFile.OpenRead(feed.PackagePath("SymGrad"));
        using Stream stream = package.GetEntry("SymGrad.nuspec")!.Open();
        XElement metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        XElement Element(string name) => metadata.Elements().Single(e => e.Name.LocalName == name);

        Assert.Equal(BuildInfo.Version, Value("version"));
        Assert.Contains("[Differentiable]", Value("description"));
        Assert.NotEqual("Package Description", Value("description"));
        Assert.Equal("expression", Element("license").Attribute("type")!.Value);
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("automatic-differentiation", Value("tags"));
        Assert.Equal(BuildInfo.RepositoryUrl, Value("projectUrl"));
        Assert.Equal(BuildInfo.RepositoryUrl, Element("repository").Attribute("url")!.Value);
        // Runtime and attributes are inside the package: it depends on nothing.
        Assert.DoesNotContain(Element("dependencies").Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void TheReadmeQuickStartNamesThePackagesAtTheirVersion()
    {
        string readme = File.ReadAllText(Path.Combine(BuildInfo.RepositoryRoot, "README.md"));

        Assert.Contains("dotnet pack -c Release", readme);
        Assert.Contains("dotnet add package SymGrad --version " + BuildInfo.Version, readme);
        Assert.Contains("dotnet tool install SymGrad.Tool --version " + BuildInfo.Version, readme);
    }
}
