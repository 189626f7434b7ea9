using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SymGrad.Package.Tests.Infrastructure;

/// <summary>What the build told this test assembly (see the AssemblyMetadata items in the project file), and where the repository is.</summary>
public static class BuildInfo
{
    public static string Version { get; } = Metadata("SymGrad.Version");

    public static string RepositoryUrl { get; } = Metadata("SymGrad.RepositoryUrl");

    public static string Configuration { get; } = Metadata("SymGrad.Configuration");

    /// <summary>The repository root, found by walking up from the test binaries to SymGrad.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string Metadata(string key) =>
        typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException(key + " has no value");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SymGrad.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SymGrad.sln was not found above " + AppContext.BaseDirectory);
    }
}
