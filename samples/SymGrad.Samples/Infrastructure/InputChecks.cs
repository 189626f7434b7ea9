using System;
using System.IO;

namespace SymGrad.Samples.Infrastructure;

/// <summary>The checks on <c>--out</c> and <c>--data</c> that run before a command does any work.</summary>
internal static class InputChecks
{
    /// <summary>
    /// Creates the output folder and a probe file in it (deleted on close), so a folder that cannot be written fails now,
    /// not after a minute of training when the first plot is saved.
    /// </summary>
    public static void RequireWritableFolder(string path)
    {
        if (File.Exists(path))
        {
            throw new SampleInputException($"--out '{path}' is an existing file; give a folder for the plots.");
        }

        try
        {
            Directory.CreateDirectory(path);
            string probe = Path.Combine(path, $".symgrad-write-probe-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SampleInputException($"--out '{path}' is not a writable folder: {e.Message}", e);
        }
    }

    public static void RequireDataFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new SampleInputException($"--data: '{path}' is a folder, not a CSV file.");
        }

        if (!File.Exists(path))
        {
            throw new SampleInputException($"--data: the file '{path}' does not exist.");
        }
    }
}
