using System;
using System.IO;

namespace SymGrad.Package.Tests.Infrastructure;

/// <summary>
/// Packs the repository's packages (SymGrad and SymGrad.Tool) once into a temporary folder, the local feed of every fresh project the tests
/// create. Packing uses the build `dotnet test` already made (the test project references src/Package), so it only
/// zips files.
/// </summary>
public sealed class LocalFeed : IDisposable
{
    public LocalFeed()
    {
        Root = Directory.CreateTempSubdirectory("symgrad-package-tests-").FullName;
        Folder = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Folder);
        foreach (string project in new[] { "src/Package", "src/Tool" })
        {
            DotNet.Succeed(BuildInfo.RepositoryRoot, $"pack {project} -c {BuildInfo.Configuration} --no-build --no-restore -o \"{Folder}\"");
        }
    }

    /// <summary>A temporary folder outside the repository, so no Directory.Build.props of ours reaches the fresh projects.</summary>
    public string Root { get; }

    /// <summary>The folder the packages were packed into.</summary>
    public string Folder { get; }

    public string PackagePath(string id, string extension = "nupkg") => Path.Combine(Folder, $"{id}.{BuildInfo.Version}.{extension}");

    /// <summary>Creates an empty folder for one fresh project, with a NuGet.config that restores without the network.</summary>
    /// <param name="name">The folder's name.</param>
    /// <param name="withConfiguredSources">
    /// Also keep the package sources configured on this machine: only for packages the SDK itself asks for and the
    /// cache may lack (the AOT compiler). SymGrad always comes from the local feed.
    /// </param>
    public string NewProjectFolder(string name, bool withConfiguredSources = false)
    {
        string folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), NuGetConfig(Path.Combine(folder, "packages"), withConfiguredSources));
        return folder;
    }

    /// <summary>
    /// A project folder with App/App.csproj made by `dotnet new console` and `dotnet add package SymGrad` from the local
    /// feed, as the README's quick start says; its Program.cs is removed for the test to write its own.
    /// </summary>
    public string NewConsoleProject(string name, bool withConfiguredSources = false)
    {
        string folder = NewProjectFolder(name, withConfiguredSources);
        DotNet.Succeed(folder, "new console -n App -o App --no-restore");
        DotNet.Succeed(Path.Combine(folder, "App"), $"add package SymGrad --version {BuildInfo.Version}");
        File.Delete(Path.Combine(folder, "App", "Program.cs"));
        return folder;
    }

    /// <summary>
    /// Restored packages go to a folder of the project's own, so a SymGrad package from an earlier run is never reused.
    /// By default the local feed is the only source: restore never reaches the network (a console project needs no
    /// other package). With <paramref name="withConfiguredSources"/> the machine's configured sources and its package
    /// cache are kept too, for packages the SDK itself asks for (the AOT compiler); <see cref="RestoredFromLocalFeed"/>
    /// then checks SymGrad still came from the feed.
    /// </summary>
    private string NuGetConfig(string packagesFolder, bool withConfiguredSources)
    {
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string sources = withConfiguredSources
            ? (Directory.Exists(cache) ? $"<add key=\"machine-cache\" value=\"{cache}\" />" : string.Empty)
            : "<clear />";
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packagesFolder}" />
              </config>
              <packageSources>
                {sources}
                <add key="symgrad-local" value="{Folder}" />
              </packageSources>
            </configuration>
            """;
    }

    /// <summary>Whether the SymGrad package restored into <paramref name="projectFolder"/> came from the local feed (NuGet records each package's source).</summary>
    public bool RestoredFromLocalFeed(string projectFolder)
    {
        string metadata = Path.Combine(projectFolder, "packages", "symgrad", BuildInfo.Version, ".nupkg.metadata");
        return File.Exists(metadata) && File.ReadAllText(metadata).Replace("\\\\", "/").Contains(Folder.Replace('\\', '/'), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process of a failed test may still hold a file; the temporary folder is the OS's to clean then.
        }
    }
}

/// <summary>Every test class that needs the packages shares one feed: packing once is enough.</summary>
[Xunit.CollectionDefinition(Name)]
public sealed class LocalFeedCollection : Xunit.ICollectionFixture<LocalFeed>
{
    public const string Name = "local feed";
}
