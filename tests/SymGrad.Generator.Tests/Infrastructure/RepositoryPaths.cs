using System;
using System.IO;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>
/// Paths in the repository, found by walking up from the test binaries to SymGrad.sln. (Not
/// [CallerFilePath]: deterministic CI builds map source paths to "/_/".)
/// </summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

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
