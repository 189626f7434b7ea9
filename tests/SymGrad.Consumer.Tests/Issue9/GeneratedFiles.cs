using System;
using System.IO;
using System.Linq;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>Finds the files the generator wrote for this project (EmitCompilerGeneratedFiles is on).</summary>
internal static class GeneratedFiles
{
    public static string Find(string prefix)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string obj = Path.Combine(directory.FullName, "obj");
            if (File.Exists(Path.Combine(directory.FullName, "SymGrad.Consumer.Tests.csproj")) && Directory.Exists(obj))
            {
                string? match = Directory.EnumerateFiles(obj, "*.g.cs", SearchOption.AllDirectories)
                    .Where(f => f.Contains("generated", StringComparison.Ordinal))
                    .FirstOrDefault(f => Path.GetFileName(f).Contains(prefix, StringComparison.Ordinal));
                return match ?? throw new FileNotFoundException("No generated file for " + prefix + " under " + obj);
            }
        }

        throw new DirectoryNotFoundException("The test project folder was not found above " + AppContext.BaseDirectory);
    }
}
