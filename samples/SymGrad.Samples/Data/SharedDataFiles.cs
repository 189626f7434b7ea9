using System;
using System.IO;
using SymGrad.Samples.Infrastructure;

namespace SymGrad.Samples.Data;

/// <summary>
/// The real data sets in <c>../shared/data</c> beside the repository (never copied into it), found by walking up from the
/// current folder and from the program's folder, so both <c>dotnet run</c> and the tests find them.
/// </summary>
internal static class SharedDataFiles
{
    /// <summary>The path of <paramref name="fileName"/> in the nearest <c>shared/data</c> folder.</summary>
    /// <exception cref="SampleInputException">No such file above either folder; the message says to pass <c>--data</c>.</exception>
    public static string Require(string fileName)
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, "shared", "data", fileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new SampleInputException($"'{fileName}' was not found in a shared/data folder above the current folder or the program; pass it with --data.");
    }
}
