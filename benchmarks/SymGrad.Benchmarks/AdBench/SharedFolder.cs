using System;
using System.IO;

namespace SymGrad.Benchmarks.AdBench
{
    /// <summary>
    /// Finds shared/adbench, which lies beside the repository (../shared from the repository root), by
    /// walking up from the program's folder to the first folder that holds shared/adbench.
    /// </summary>
    public static class SharedFolder
    {
        public static string AdBench()
        {
            for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, "shared", "adbench");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException(
                $"No shared/adbench found in any folder above {AppContext.BaseDirectory}; it is expected beside the repository.");
        }
    }
}
