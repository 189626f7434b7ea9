using System;
using System.IO;

namespace SymGrad.Consumer.Tests;

/// <summary>Finds ../shared/data beside the repository (never copied into it).</summary>
internal static class SharedData
{
    public static string PathOf(string file)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "shared", "data", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"'{file}' was not found in a shared/data folder above {AppContext.BaseDirectory}; the tests expect ../shared beside the repository.");
    }
}
